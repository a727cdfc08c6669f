package rueidischeck_test

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/redis/rueidis"

	"github.com/redisvet/redisvet/leakcheck/internal/faketb"
)

// A test is not blamed for the goroutines of a client it shares with other
// tests. (leakcheck's TestAttribution: nor for those of another test.)
func TestAttribution(t *testing.T) {
	ctx := context.Background()

	// A rueidis client built before the tests and shared by them.
	// The shapes run in parallel, after this function returns: clean up
	// after them.
	shared, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{srv.Addr}})
	if err != nil {
		t.Fatalf("rueidis.NewClient: %v", err)
	}
	t.Cleanup(shared.Close)

	faketb.Run(t, []faketb.Shape{
		{Name: "SharedRueidisClient", Run: func(tb testing.TB) {
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
