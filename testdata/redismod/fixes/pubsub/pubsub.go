// Package pubsub holds pubsubclose findings that carry a suggested fix.
package pubsub

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func earlyReturn(ctx context.Context, rdb *redis.Client) error {
	ps := rdb.Subscribe(ctx, "events") // want `add defer ps.Close\(\) after this line`
	if _, err := ps.Receive(ctx); err != nil {
		return err
	}
	_ = ps.Close()
	return nil
}

func neverClosed(ctx context.Context, rdb *redis.Client) {
	if ctx != nil {
		var sub = rdb.PSubscribe(ctx, "events.*") // want `add defer sub.Close\(\) after this line`
		_, _ = sub.Receive(ctx)
	}
}

func noFixInLoop(ctx context.Context, rdb *redis.Client, chans []string) {
	for _, ch := range chans {
		ps := rdb.Subscribe(ctx, ch) // want `not closed when this function returns`
		if _, err := ps.Receive(ctx); err != nil {
			return
		}
		ps.Close()
	}
}

func noFixWhenReturned(ctx context.Context, rdb *redis.Client) (*redis.PubSub, error) {
	ps := rdb.Subscribe(ctx, "events") // want `close it on that path too`
	if _, err := ps.Receive(ctx); err != nil {
		return nil, err
	}
	return ps, nil
}

// resultUsed checks the error of its Close: no fix.
func resultUsed(ctx context.Context, rdb *redis.Client) error {
	ps := rdb.Subscribe(ctx, "events") // want `add defer ps.Close\(\) after this line`
	if _, err := ps.Receive(ctx); err != nil {
		return err
	}
	if err := ps.Close(); err != nil {
		return err
	}
	return nil
}
