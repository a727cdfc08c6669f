package pubsubcallers

import (
	"context"

	"github.com/redis/go-redis/v9"

	"example.com/redismod/crosspkg/closers"
	"example.com/redismod/crosspkg/wrappers"
)

func leaksWrapped(ctx context.Context, rdb *redis.Client) error {
	ps := wrappers.Listen(ctx, rdb, "a") // want `the \*redis.PubSub from wrappers.Listen is not closed when this function returns at line 15`
	if _, err := wrappers.Read(ctx, ps); err != nil {
		return err
	}
	return ps.Close()
}

func leaksChecked(ctx context.Context, rdb *redis.Client) {
	ps, err := wrappers.ListenChecked(ctx, rdb, "a") // want `the \*redis.PubSub from wrappers.ListenChecked is not closed`
	if err != nil {
		return
	}
	_, _ = wrappers.Read(ctx, ps)
}

func maybeClosedIsHandedOff(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	closers.MaybeClose(ps, true)
}

func closedByHelper(ctx context.Context, rdb *redis.Client) {
	ps := wrappers.Listen(ctx, rdb, "a")
	defer wrappers.Stop(ps)
	_, _ = wrappers.Read(ctx, ps)
}

func closedByGenericHelper(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	defer closers.CloseQuietly(ps)
}

func closedByLoggedHelper(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	closers.CloseLogged("ps", ps)
}

func keptByHub(ctx context.Context, rdb *redis.Client, h *wrappers.Hub) {
	h.Add(wrappers.Listen(ctx, rdb, "a"))
}

func exitsViaHelper(ctx context.Context, rdb *redis.Client) {
	ps, err := wrappers.ListenChecked(ctx, rdb, "a")
	if err != nil {
		closers.Fatal(err)
	}
	defer ps.Close()
}

func handsBack(ctx context.Context, rdb *redis.Client) (*redis.PubSub, error) {
	return wrappers.ListenChecked(ctx, rdb, "a")
}
