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

// onePipelinePerPage builds a pipeline for every page of a scan, queues
// the page's keys and executes it: no batch is left behind, even though a
// return inside the inner loop could leave one page's pipeline unsent.
func onePipelinePerPage(ctx context.Context, rdb *redis.Client, pattern string) error {
	var cursor uint64
	for {
		keys, next, err := rdb.Scan(ctx, cursor, pattern, 0).Result()
		if err != nil {
			return err
		}
		p := rdb.Pipeline()
		for _, k := range keys {
			if err := p.Del(ctx, k).Err(); err != nil {
				return err
			}
		}
		if _, err := p.Exec(ctx); err != nil {
			return err
		}
		if cursor = next; cursor == 0 {
			return nil
		}
	}
}
