package leakcheck_test

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/redis/rueidis"

	"github.com/redisvet/redisvet/leakcheck"
)

// A test is not blamed for the goroutines of another test, nor for those
// of a client it shares with other tests.
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

	// A rueidis client built before the tests and shared by them.
	shared, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{srv.Addr}})
	if err != nil {
		t.Fatalf("rueidis.NewClient: %v", err)
	}
	t.Cleanup(shared.Close)

	runShapes(t, []shape{
		{name: "OtherTestLeaks", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			close(start)
			<-leaked
			rdb.Ping(ctx)
		}},
		{name: "SharedRueidisClient", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			c.Do(ctx, c.B().Ping().Build())
			// Receive starts the shared client's pipeline goroutines from
			// this test's goroutine; they run until the shared client is
			// closed, after the test.
			// (A context with a deadline would keep the pipeline synchronous.)
			rctx, cancel := context.WithCancel(ctx)
			defer cancel()
			time.AfterFunc(20*time.Millisecond, cancel)
			_ = shared.Receive(rctx, shared.B().Subscribe().Channel(tb.Name()).Build(), func(rueidis.PubSubMessage) {})
			if !running("rueidis.(*pipe)._background") {
				tb.Fatalf("the shared client runs no pipeline goroutine: this shape tests nothing")
			}
		}},
	})
}

// running reports whether a goroutine is in a function whose name ends
// with fn.
func running(fn string) bool {
	buf := make([]byte, 1<<20)
	return strings.Contains(string(buf[:runtime.Stack(buf, true)]), fn+"(")
}
