package pubsubclose

import (
	"context"
	"runtime"
	"sync"

	"github.com/redis/go-redis/v9"
)

// A function value that closes the PubSub hands it off when it escapes:
// returned, stored or registered, something else will call it.

func closedWhenContextEnds(ctx context.Context, rdb *redis.Client) <-chan *redis.Message {
	ps := rdb.Subscribe(ctx, "events")
	context.AfterFunc(ctx, func() { ps.Close() })
	return ps.Channel()
}

func closedOnce(ctx context.Context, rdb *redis.Client) error {
	ps := rdb.Subscribe(ctx, "events")
	stop := sync.OnceFunc(func() { _ = ps.Close() })
	defer stop()
	_, err := ps.Receive(ctx)
	return err
}

type subscriber struct{ closers []func() error }

func (s *subscriber) add(ctx context.Context, rdb *redis.Client, ch string) {
	ps := rdb.Subscribe(ctx, ch)
	s.closers = append(s.closers, ps.Close)
}

func closeFunc(ctx context.Context, rdb *redis.Client) func() error {
	ps := rdb.Subscribe(ctx, "events")
	return ps.Close
}

type watcher struct{ ch <-chan *redis.Message }

func newWatcher(ctx context.Context, rdb *redis.Client) *watcher {
	ps := rdb.Subscribe(ctx, "events")
	w := &watcher{ch: ps.Channel()}
	runtime.AddCleanup(w, func(ps *redis.PubSub) { ps.Close() }, ps)
	return w
}

// closerBuiltNotUsed makes a closing literal and drops it: nothing closes ps.
func closerBuiltNotUsed(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "events") // want `not closed when this function returns`
	stop := func() { ps.Close() }
	_ = stop
}
