// Package watchtx holds the cases the watchtx check must report.
package watchtx

import (
	"context"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func outerGet(ctx context.Context, rdb *redis.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := rdb.Get(ctx, key).Int() // want `Get is called on the watched client inside its Watch callback, not on tx: it runs on another connection, outside the WATCH, so the optimistic lock protects nothing; call tx.Get`
		if err != nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)
}

func outerPipelined(ctx context.Context, rdb redis.UniversalClient, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, key).Int()
		if err != nil {
			return err
		}
		_, err = rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error { // want `TxPipelined is called on the watched client`
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)
}

func txPipelinedNotUsed(ctx context.Context, rdb *redis.ClusterClient, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		_, err := tx.Pipelined(ctx, func(pipe redis.Pipeliner) error { // want `Pipelined inside a Watch callback does not wrap the commands in MULTI/EXEC: .*; call TxPipelined`
			pipe.Incr(ctx, key)
			return nil
		})
		return err
	}, key)
}

func noKeys(ctx context.Context, rdb *redis.Ring) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error { // want `Watch is called with no keys: nothing is watched`
		return tx.Incr(ctx, "counter").Err()
	})
}

type service struct {
	store struct{ rdb *redis.Client }
}

func (s *service) fieldPath(ctx context.Context, key string) error {
	return s.store.rdb.Watch(ctx, func(tx *redis.Tx) error {
		return s.store.rdb.Set(ctx, key, 1, 0).Err() // want `Set is called on the watched client`
	}, key)
}

var global = redis.NewClient(&redis.Options{})

func transfer(tx *redis.Tx) error {
	return global.Incr(context.Background(), "balance").Err() // want `Incr is called on the watched client`
}

func namedCallback(ctx context.Context) error {
	return global.Watch(ctx, transfer, "balance")
}

func (s *service) bump(tx *redis.Tx) error {
	return s.store.rdb.Incr(context.Background(), "n").Err() // want `Incr is called on the watched client`
}

func (s *service) methodValue(ctx context.Context) error {
	return s.store.rdb.Watch(ctx, s.bump, "n")
}

func unnamedTx(ctx context.Context, rdb *redis.Client) error {
	return rdb.Watch(ctx, func(*redis.Tx) error {
		return rdb.Incr(ctx, "n").Err() // want `Incr is called on the watched client inside its Watch callback, not on the \*redis.Tx the callback receives`
	}, "n")
}

func v8Outer(ctx context.Context, rdb *redisv8.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redisv8.Tx) error {
		return rdb.Del(ctx, key).Err() // want `Del is called on the watched client`
	}, key)
}
