// Package timeunit holds timeunit findings and the fixes that multiply
// them by a unit.
package timeunit

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

const (
	ttl   = 3600
	typed = time.Duration(30)
)

func options() *redis.Client {
	return redis.NewClient(&redis.Options{
		ReadTimeout:     5,                 // want `ReadTimeout: 5 is 5ns`
		WriteTimeout:    2 + 3,             // want `WriteTimeout: 2 \+ 3 is 5ns`
		DialTimeout:     time.Duration(30), // want `DialTimeout: time.Duration\(30\) is 30ns`
		MinRetryBackoff: 8,                 // want `MinRetryBackoff: 8 is 8ns, not 8 milliseconds`
		PoolTimeout:     typed,             // want `PoolTimeout: typed is 30ns`
	})
}

func commands(ctx context.Context, rdb redis.Cmdable, opt *redis.Options) {
	rdb.Set(ctx, "k", "v", 3600) // want `the expiration 3600 passed to Set is 3.6µs`
	rdb.Expire(ctx, "k", ttl)    // want `the expiration ttl passed to Expire is 3.6µs`
	rdb.BLPop(ctx, (5), "q")     // want `the timeout \(5\) passed to BLPop is 5ns`
	opt.ReadTimeout = 2 * ttl    // want `ReadTimeout = 2 \* ttl is 7.2µs`
	// No fix: no unit makes a negative expiration right.
	rdb.Set(ctx, "k", "v", -7) // want `the expiration -7 passed to Set is -7ns`
}
