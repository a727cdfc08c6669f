// Package pubsubclose holds the cases the pubsubclose check must report.
package pubsubclose

import (
	"context"
	"errors"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func handle(*redis.Message) {}

func earlyReturn(ctx context.Context, rdb *redis.Client) error {
	ps := rdb.Subscribe(ctx, "events") // want `the \*redis.PubSub from Subscribe is not closed when this function returns at line 18: its connection stays open and subscribed until the garbage collector reclaims it, and for good once Channel has started its goroutines; add defer ps.Close\(\) after this line`
	msg, err := ps.ReceiveMessage(ctx)
	if err != nil {
		return err
	}
	handle(msg)
	return ps.Close()
}

func neverClosed(ctx context.Context, rdb *redis.Client) {
	ps := rdb.PSubscribe(ctx, "events.*") // want `not closed when this function returns at line 27`
	_, _ = ps.Receive(ctx)
}

func discarded(ctx context.Context, rdb *redis.Client) {
	rdb.Subscribe(ctx, "a") // want `the \*redis.PubSub from Subscribe is discarded without being closed`
}

func discardedBlank(ctx context.Context, rdb *redis.ClusterClient) {
	_ = rdb.SSubscribe(ctx, "a") // want `discarded without being closed`
}

func overwritten(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a") // want `not closed when this function returns`
	_, _ = ps.Receive(ctx)
	ps = rdb.Subscribe(ctx, "b")
	defer ps.Close()
}

func closedAfterLoop(ctx context.Context, rdb *redis.Client, channels []string) {
	var ps *redis.PubSub
	for _, ch := range channels {
		ps = rdb.Subscribe(ctx, ch) // want `created in a loop and not closed before the next iteration creates another`
		_, _ = ps.Receive(ctx)
	}
	if ps != nil {
		ps.Close()
	}
}

func deferInLoop(ctx context.Context, rdb *redis.Client, channels []string) {
	for _, ch := range channels {
		ps := rdb.Subscribe(ctx, ch) // want `closed by a defer in the loop body, which runs only when the function returns`
		defer ps.Close()
		_, _ = ps.Receive(ctx)
	}
}

func universal(ctx context.Context, rdb redis.UniversalClient) error {
	ps := rdb.Subscribe(ctx, "a") // want `not closed when this function returns at line 66`
	if _, err := ps.Receive(ctx); err != nil {
		return errors.New("subscribe failed")
	}
	defer ps.Close()
	return nil
}

func v8Leak(ctx context.Context, rdb *redisv8.Client) {
	ps := rdb.Subscribe(ctx, "a") // want `the \*redis.PubSub from Subscribe is not closed`
	_, _ = ps.ReceiveMessage(ctx)
}

func closedOnlyInBranch(ctx context.Context, rdb *redis.Client, ok bool) {
	ps := rdb.Subscribe(ctx, "a") // want `not closed when this function returns at line 82`
	if ok {
		ps.Close()
	}
}

func switchMissesCase(ctx context.Context, rdb *redis.Client, mode int) {
	ps := rdb.Subscribe(ctx, "a") // want `not closed when this function returns at line 94`
	switch mode {
	case 0:
		ps.Close()
	case 1:
		defer ps.Close()
	default:
		_, _ = ps.Receive(ctx)
	}
}

func literalNotRun(ctx context.Context, rdb *redis.Client) func() {
	ps := rdb.Subscribe(ctx, "a") // want `not closed when this function returns`
	_ = func() { _, _ = ps.Receive(ctx) }
	return nil
}
