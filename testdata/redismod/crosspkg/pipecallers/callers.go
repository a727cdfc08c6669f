package pipecallers

import (
	"context"

	"github.com/redis/go-redis/v9"

	"example.com/redismod/crosspkg/wrappers"
)

func forgotten(ctx context.Context, rdb *redis.Client) {
	pipe := wrappers.Batch(rdb) // want `commands are queued on the pipeline from wrappers.Batch but it is never executed`
	pipe.Incr(ctx, "n")
}

func queuedByHelper(ctx context.Context, rdb *redis.Client) {
	pipe := rdb.Pipeline() // want `never executed`
	wrappers.Queue(ctx, pipe, "a", "b")
}

func flushed(ctx context.Context, rdb *redis.Client) error {
	pipe := wrappers.Batch(rdb)
	wrappers.Queue(ctx, pipe, "a", "b")
	return wrappers.Flush(ctx, pipe)
}

func executedHere(ctx context.Context, rdb *redis.Client) error {
	pipe := wrappers.Batch(rdb)
	wrappers.Queue(ctx, pipe, "a")
	_, err := pipe.Exec(ctx)
	return err
}
