package leakcheck_test

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redisvet/redisvet/leakcheck"
	"github.com/redisvet/redisvet/leakcheck/internal/faketb"
)

// A test is not blamed for the goroutines of another test.
// (rueidischeck's TestAttribution: nor for those of a client it shares
// with other tests.)
func TestAttribution(t *testing.T) {
	ctx := context.Background()

	// Another test, on a goroutine of its own, leaks a PubSub's Channel
	// while the shape runs.
	// The shapes run in parallel, after this function returns: clean up
	// after them.
	other := redis.NewClient(&redis.Options{Addr: srv.Addr})
	t.Cleanup(func() { other.Close() })
	start, leaked, stop := make(chan struct{}), make(chan struct{}), make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		<-start
		ps := other.Subscribe(ctx, t.Name())
		defer ps.Close()
		_, _ = ps.Receive(ctx)
		ps.Channel()
		close(leaked)
		<-stop
	}()

	faketb.Run(t, []faketb.Shape{
		{Name: "OtherTestLeaks", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			close(start)
			<-leaked
			rdb.Ping(ctx)
		}},
	})
}
