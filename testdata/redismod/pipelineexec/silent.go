package pipelineexec

import (
	"context"
	"errors"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func executed(ctx context.Context, rdb *redis.Client, keys []string) error {
	pipe := rdb.Pipeline()
	for _, k := range keys {
		pipe.Get(ctx, k)
	}
	_, err := pipe.Exec(ctx)
	return err
}

func deferredExecBeforeQueueing(ctx context.Context, rdb *redis.Client) {
	pipe := rdb.Pipeline()
	defer pipe.Exec(ctx)
	pipe.Set(ctx, "k", "v", 0)
}

func discarded(ctx context.Context, rdb *redis.Client, abort bool) {
	pipe := rdb.TxPipeline()
	pipe.Set(ctx, "k", "v", 0)
	if abort {
		pipe.Discard()
		return
	}
	_, _ = pipe.Exec(ctx)
}

// Dropping queued commands on an error path is deliberate: the rule asks
// for an Exec on some path after the queueing.
func earlyReturn(ctx context.Context, rdb *redis.Client, check func() error) error {
	pipe := rdb.Pipeline()
	pipe.Set(ctx, "k", "v", 0)
	if err := check(); err != nil {
		return err
	}
	_, err := pipe.Exec(ctx)
	return err
}

func nothingQueued(rdb *redis.Client) int {
	pipe := rdb.Pipeline()
	return pipe.Len()
}

func returned(ctx context.Context, rdb *redis.Client) redis.Pipeliner {
	pipe := rdb.Pipeline()
	pipe.Ping(ctx)
	return pipe
}

type batch struct{ pipe redis.Pipeliner }

func stored(ctx context.Context, rdb *redis.Client) *batch {
	b := &batch{pipe: rdb.Pipeline()}
	b.pipe.Ping(ctx)
	return b
}

func execute(ctx context.Context, pipe redis.Pipeliner) error {
	_, err := pipe.Exec(ctx)
	return err
}

func helperExecutes(ctx context.Context, rdb *redis.Client) error {
	pipe := rdb.Pipeline()
	pipe.Incr(ctx, "n")
	return execute(ctx, pipe)
}

func queue(ctx context.Context, pipe redis.Pipeliner, keys []string) {
	for _, k := range keys {
		pipe.Get(ctx, k)
	}
}

func helperQueuesThenExec(ctx context.Context, rdb *redis.Client, keys []string) error {
	pipe := rdb.Pipeline()
	queue(ctx, pipe, keys)
	_, err := pipe.Exec(ctx)
	return err
}

func callback(ctx context.Context, rdb *redis.Client) error {
	_, err := rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.Set(ctx, "a", 1, 0)
		pipe.Set(ctx, "b", 2, 0)
		return nil
	})
	return err
}

func txCallback(ctx context.Context, rdb *redis.Client) error {
	_, err := rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.Incr(ctx, "n")
		return nil
	})
	return err
}

func inWatch(ctx context.Context, rdb *redis.Client) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		_, err := tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, "k", "v", 0)
			return nil
		})
		return err
	}, "k")
}

func v8Closed(ctx context.Context, rdb *redisv8.Client) {
	pipe := rdb.Pipeline()
	pipe.Set(ctx, "k", "v", 0)
	pipe.Close()
}

func execInLoop(ctx context.Context, rdb *redis.Client, batches [][]string) error {
	pipe := rdb.Pipeline()
	for _, keys := range batches {
		for _, k := range keys {
			pipe.Get(ctx, k)
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

func execInDeferredLiteral(ctx context.Context, rdb *redis.Client) (err error) {
	pipe := rdb.Pipeline()
	defer func() {
		if _, e := pipe.Exec(ctx); e != nil && err == nil {
			err = e
		}
	}()
	pipe.Set(ctx, "k", "v", 0)
	return nil
}

func fatal(ctx context.Context, rdb *redis.Client, check func() error) {
	pipe := rdb.Pipeline()
	pipe.Set(ctx, "k", "v", 0)
	if err := check(); err != nil {
		panic(errors.New("abort"))
	}
	_, _ = pipe.Exec(ctx)
}

func sent(ctx context.Context, rdb *redis.Client, out chan<- redis.Pipeliner) {
	pipe := rdb.Pipeline()
	pipe.Ping(ctx)
	out <- pipe
}

type fakePipe struct{}

func (fakePipe) Pipeline() fakePipe { return fakePipe{} }
func (fakePipe) Set(string, string) {}

func lookalike() {
	p := fakePipe{}.Pipeline()
	p.Set("k", "v")
}
