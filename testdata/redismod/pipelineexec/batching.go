package pipelineexec

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// batchDropsLast runs Exec every 100 commands and never after the loop:
// the last partial batch is lost.
func batchDropsLast(ctx context.Context, rdb *redis.Client, keys []string) {
	pipe := rdb.Pipeline() // want `the pipeline from Pipeline is executed only inside the loop that queues its commands: the commands queued after the last Exec, the last partial batch, are silently dropped; call pipe.Exec\(ctx\) once more after the loop`
	for i, k := range keys {
		pipe.Del(ctx, k)
		if i%100 == 99 {
			if _, err := pipe.Exec(ctx); err != nil {
				return
			}
		}
	}
}

func batchFlushesLast(ctx context.Context, rdb *redis.Client, keys []string) error {
	pipe := rdb.Pipeline()
	for i, k := range keys {
		pipe.Del(ctx, k)
		if i%100 == 99 {
			if _, err := pipe.Exec(ctx); err != nil {
				return err
			}
		}
	}
	if pipe.Len() > 0 {
		_, err := pipe.Exec(ctx)
		return err
	}
	return nil
}

func batchFlushesUnconditionally(ctx context.Context, rdb *redis.Client, keys []string) error {
	pipe := rdb.Pipeline()
	for i, k := range keys {
		pipe.Del(ctx, k)
		if i%100 == 99 {
			pipe.Exec(ctx)
		}
	}
	_, err := pipe.Exec(ctx)
	return err
}

func execEveryIteration(ctx context.Context, rdb *redis.Client, keys []string) {
	pipe := rdb.Pipeline()
	for _, k := range keys {
		pipe.Get(ctx, k)
		pipe.Incr(ctx, k+":reads")
		pipe.Exec(ctx)
	}
}

func batchDiscardsLast(ctx context.Context, rdb *redis.Client, keys []string) {
	pipe := rdb.Pipeline()
	defer pipe.Discard()
	for i, k := range keys {
		pipe.Del(ctx, k)
		if i%100 == 99 {
			pipe.Exec(ctx)
		}
	}
}
