// Package watchtx holds watchtx findings that carry a suggested fix.
package watchtx

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func increment(ctx context.Context, rdb *redis.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := rdb.Get(ctx, key).Int() // want `call tx.Get`
		if err != nil && err != redis.Nil {
			return err
		}
		_, err = tx.Pipelined(ctx, func(pipe redis.Pipeliner) error { // want `call TxPipelined`
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)
}
