// Package bad does not type-check: redisvet must say so clearly instead of
// crashing.
package bad

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Listen subscribes to a channel.
func Listen(ctx context.Context, rdb *redis.Client) error {
	ps := rdb.Subscribe(ctx, "events")
	defer ps.Close()
	var n int = ps.Channel() // type error: a channel is not an int
	_ = n
	return nil
}
