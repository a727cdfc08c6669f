package timeunit

import (
	"context"
	stdtime "time"

	"github.com/redis/go-redis/v9"
)

// The file's own name for package time.
func renamed(ctx context.Context, rdb *redis.Client) {
	rdb.Expire(ctx, "k", 90) // want `the expiration 90 passed to Expire is 90ns, not 90 seconds: .*; write 90 \* stdtime.Second`
	rdb.Expire(ctx, "k", stdtime.Minute)
}
