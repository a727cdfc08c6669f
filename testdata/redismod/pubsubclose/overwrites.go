package pubsubclose

import (
	"context"
	"iter"

	"github.com/redis/go-redis/v9"
)

// A PubSub overwritten before it is closed is reported at the creation
// whose value is lost.

func overwrittenOnBranch(ctx context.Context, rdb *redis.Client, legacy bool) {
	ps := rdb.Subscribe(ctx, "events") // want `the \*redis.PubSub from Subscribe is overwritten by the value from line 16 before it is closed`
	if legacy {
		ps = rdb.Subscribe(ctx, "legacy-events")
	}
	defer ps.Close()
	_, _ = ps.Receive(ctx)
}

func retried(ctx context.Context, rdb *redis.Client) error {
	var ps *redis.PubSub
	for range 3 {
		ps = rdb.Subscribe(ctx, "events") // want `created in a loop and not closed before the next iteration`
		if _, err := ps.Receive(ctx); err == nil {
			break
		}
	}
	defer ps.Close()
	return nil
}

func deferInRangeFunc(ctx context.Context, rdb *redis.Client, channels iter.Seq[string]) {
	for ch := range channels {
		ps := rdb.Subscribe(ctx, ch) // want `closed by a defer in the loop body, which runs only when the function returns`
		defer ps.Close()
		_, _ = ps.Receive(ctx)
	}
}

func closedBeforeOverwrite(ctx context.Context, rdb *redis.Client, legacy bool) {
	ps := rdb.Subscribe(ctx, "events")
	if legacy {
		ps.Close()
		ps = rdb.Subscribe(ctx, "legacy-events")
	}
	defer ps.Close()
}

func keptInAnother(ctx context.Context, rdb *redis.Client, legacy bool) {
	ps := rdb.Subscribe(ctx, "events")
	var old *redis.PubSub
	if legacy {
		old = ps
		ps = rdb.Subscribe(ctx, "legacy-events")
	}
	defer ps.Close()
	if old != nil {
		defer old.Close()
	}
}

func retriedAndClosed(ctx context.Context, rdb *redis.Client) error {
	var ps *redis.PubSub
	for range 3 {
		ps = rdb.Subscribe(ctx, "events")
		if _, err := ps.Receive(ctx); err == nil {
			break
		}
		ps.Close()
	}
	defer ps.Close()
	return nil
}

func resubscribe(ctx context.Context, rdb *redis.Client, reconnect <-chan struct{}) {
	ps := rdb.Subscribe(ctx, "events")
	for {
		select {
		case <-reconnect:
			ps.Close()
			ps = rdb.Subscribe(ctx, "events")
		case <-ctx.Done():
			ps.Close()
			return
		}
	}
}

func closedInRangeFunc(ctx context.Context, rdb *redis.Client, channels iter.Seq[string]) {
	for ch := range channels {
		ps := rdb.Subscribe(ctx, ch)
		_, _ = ps.Receive(ctx)
		ps.Close()
	}
}

func lateBoundOnce(ctx context.Context, rdb *redis.Client) {
	var ps *redis.PubSub
	defer func() { ps.Close() }()
	ps = rdb.Subscribe(ctx, "events")
	_, _ = ps.Receive(ctx)
}
