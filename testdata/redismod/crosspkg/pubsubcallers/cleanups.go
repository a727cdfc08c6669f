package pubsubcallers

// A PubSub that comes with its cleanup is released by calling, deferring
// or handing on that cleanup; dropping the cleanup leaks it.

import (
	"context"

	"example.com/redismod/crosspkg/borrow"
	"github.com/redis/go-redis/v9"
)

func cleanupDeferred(ctx context.Context, rdb *redis.Client) error {
	ps, done := borrow.Listen(ctx, rdb, "a")
	defer done()
	_, err := ps.Receive(ctx)
	return err
}

func cleanupInGoroutine(ctx context.Context, rdb *redis.Client, out chan<- string) {
	ps, done := borrow.Listen(ctx, rdb, "a")
	go func() {
		defer done()
		for m := range ps.Channel() {
			out <- m.Payload
		}
	}()
}

func cleanupAfterContext(ctx context.Context, rdb *redis.Client) *redis.PubSub {
	_, done := borrow.Listen(ctx, rdb, "a")
	context.AfterFunc(ctx, done)
	return nil
}

func cleanupCalled(ctx context.Context, rdb *redis.Client) {
	ps, done := borrow.Listen(ctx, rdb, "a")
	_, _ = ps.Receive(ctx)
	done()
}

func cleanupPassedOn(ctx context.Context, rdb *redis.Client) (*redis.PubSub, func()) {
	return borrow.ListenTwice(ctx, rdb)
}

func closedDirectly(ctx context.Context, rdb *redis.Client) {
	ps, _ := borrow.Listen(ctx, rdb, "a")
	defer ps.Close()
	_, _ = ps.Receive(ctx)
}

func cleanupDropped(ctx context.Context, rdb *redis.Client) {
	ps, _ := borrow.Listen(ctx, rdb, "a") // want `the \*redis.PubSub from borrow.Listen is not closed when this function returns at line \d+: .*; keep the cleanup function that borrow.Listen returns beside it and defer it`
	_, _ = ps.Receive(ctx)
}
