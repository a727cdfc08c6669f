package timeunit

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// The fix imports package time, among the standard packages.
func noImport(ctx context.Context, rdb *redis.Client) {
	rdb.Set(ctx, "k", "v", 60)   // want `the expiration 60 passed to Set is 60ns`
	rdb.SetNX(ctx, "k", "v", 30) // want `the expiration 30 passed to SetNX is 30ns`
}
