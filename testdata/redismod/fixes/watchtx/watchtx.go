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

// The outer client's Pipelined moves to tx.TxPipelined in one step:
// tx.Pipelined would still run the commands outside MULTI/EXEC.
func outerPipelined(ctx context.Context, rdb *redis.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, key).Int()
		if err != nil && err != redis.Nil {
			return err
		}
		_, err = rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error { // want `Pipelined is called on the watched client inside its Watch callback, not on tx: .*; call tx.TxPipelined`
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)
}
