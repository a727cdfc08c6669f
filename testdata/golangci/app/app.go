// Package app has redisvet findings for the golangci-lint plugin test.
package app

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Listen leaks its PubSub on the error path: one finding, with a fix.
func Listen(ctx context.Context, rdb *redis.Client) error {
	ps := rdb.Subscribe(ctx, "events")
	if _, err := ps.Receive(ctx); err != nil {
		return err
	}
	_ = ps.Close()
	return nil
}

// Session leaks its Conn, but the finding is silenced for golangci-lint.
func Session(ctx context.Context, rdb *redis.Client) error {
	cn := rdb.Conn() //nolint:redisvet // closed by the caller's pool hook
	return cn.Ping(ctx).Err()
}

// Warm never executes its pipeline; pipelineexec is disabled in settings.
func Warm(ctx context.Context, rdb *redis.Client) {
	pipe := rdb.Pipeline()
	pipe.Get(ctx, "k")
}

// Each builds a client per iteration.
func Each(ctx context.Context, keys []string) {
	for _, k := range keys {
		c := redis.NewClient(&redis.Options{})
		c.Get(ctx, k)
		c.Close()
	}
}
