package watchtx

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func increment(ctx context.Context, rdb *redis.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, key).Int()
		if err != nil && err != redis.Nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)
}

func keysFromSlice(ctx context.Context, rdb *redis.Client, keys []string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		return tx.Del(ctx, keys...).Err()
	}, keys...)
}

// otherClient writes an audit record on another client on purpose: only
// the watched client matters.
func otherClient(ctx context.Context, rdb, audit *redis.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		audit.LPush(ctx, "audit", key)
		return tx.Incr(ctx, key).Err()
	}, key)
}

// notCommands: pool statistics and options are not commands.
func notCommands(ctx context.Context, rdb *redis.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		_ = rdb.PoolStats()
		_ = rdb.Options()
		return tx.Incr(ctx, key).Err()
	}, key)
}

func txPipelineOnTx(ctx context.Context, rdb *redis.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		pipe := tx.TxPipeline()
		pipe.Incr(ctx, key)
		_, err := pipe.Exec(ctx)
		return err
	}, key)
}

// pipelinedOutsideWatch is an ordinary pipeline.
func pipelinedOutsideWatch(ctx context.Context, rdb *redis.Client, key string) error {
	_, err := rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.Incr(ctx, key)
		return nil
	})
	return err
}

type shard struct{ rdb *redis.Client }

// differentShards: two values of the same type are two clients.
func differentShards(ctx context.Context, a, b *shard, key string) error {
	return a.rdb.Watch(ctx, func(tx *redis.Tx) error {
		b.rdb.Incr(ctx, key)
		return tx.Incr(ctx, key).Err()
	}, key)
}

func watchedTwice(ctx context.Context, rdb *redis.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		return tx.Watch(ctx, key).Err()
	}, key)
}

// lookalike has a Watch method of its own.
type lookalike struct{}

func (lookalike) Watch(ctx context.Context, fn func(*redis.Tx) error, keys ...string) error {
	return nil
}

func notRedisWatch(ctx context.Context, l lookalike, rdb *redis.Client) error {
	return l.Watch(ctx, func(tx *redis.Tx) error { return rdb.Incr(ctx, "n").Err() })
}
