package pubsubcallers

// go f(ps) releases ps only when f's summary says so.

import (
	"context"

	"github.com/redis/go-redis/v9"

	"example.com/redismod/crosspkg/wrappers"
)

func goReadOnly(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a") // want `the \*redis.PubSub from Subscribe is not closed when this function returns`
	go wrappers.Read(ctx, ps)
}

func goStop(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	go wrappers.Stop(ps)
}

func goKeep(ctx context.Context, rdb *redis.Client, h *wrappers.Hub) {
	ps := rdb.Subscribe(ctx, "a")
	go h.Add(ps)
}

func goUnknown(ctx context.Context, rdb *redis.Client, run func(*redis.PubSub)) {
	ps := rdb.Subscribe(ctx, "a")
	go run(ps)
}

func goReadThenStop(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	go func() {
		defer wrappers.Stop(ps)
		_, _ = wrappers.Read(ctx, ps)
	}()
}
