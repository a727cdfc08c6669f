package timeunit

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// A local named time hides the package: no fix, the message still says
// what to write.
func shadowed(ctx context.Context, rdb *redis.Client, time string) {
	rdb.Set(ctx, time, "v", 60) // want `the expiration 60 passed to Set is 60ns, not 60 seconds: .*; write 60 \* time.Second`
}
