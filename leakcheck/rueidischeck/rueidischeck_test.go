package rueidischeck_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/redis/rueidis"

	"github.com/redisvet/redisvet/leakcheck/internal/faketb"
	"github.com/redisvet/redisvet/leakcheck/rueidischeck"
)

func newRueidis(tb testing.TB, opt rueidis.ClientOption) rueidis.Client {
	opt.InitAddress = []string{srv.Addr}
	c, err := rueidis.NewClient(rueidischeck.Options(tb, opt))
	if err != nil {
		tb.Fatalf("rueidis.NewClient: %v", err)
	}
	return c
}

// rueidis shapes: Dedicate's cancel must run, and the client be closed.
func TestOptions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	faketb.Run(t, []faketb.Shape{
		// Leaks.
		{Name: "DedicateWithoutCancel", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			faketb.MarkNext(tb)
			dc, cancel := c.Dedicate()
			_ = cancel
			dc.Do(ctx, dc.B().Set().Key(tb.Name()).Value("1").Build())
		}, Want: []string{"rueidis connection to " + srv.Addr + " opened by Dedicate at {site}, last used at rueidischeck_test.go:"}},
		{Name: "PipeliningDedicateWithoutCancel", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{AlwaysPipelining: true})
			defer c.Close()
			faketb.MarkNext(tb)
			dc, _ := c.Dedicate()
			dc.Do(ctx, dc.B().Ping().Build())
		}, Want: []string{"opened by Dedicate at {site} is still open", "goroutines this test started are still running in github.com/redis/rueidis"}},
		{Name: "ClientNeverClosed", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			c.Do(ctx, c.B().Ping().Build())
		}, Want: []string{"rueidis client for " + srv.Addr + " was not closed when the test ended (1 connection open)"}},
		{Name: "PipeliningClientNeverClosed", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{AlwaysPipelining: true})
			c.Do(ctx, c.B().Ping().Build())
		}, Want: []string{"rueidis client for " + srv.Addr + " was not closed when the test ended (1 connection open)"}},

		// Correct uses.
		{Name: "Closed", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			c.Do(ctx, c.B().Set().Key(tb.Name()).Value("1").Build())
			c.DoMulti(ctx, c.B().Incr().Key(tb.Name()).Build(), c.B().Get().Key(tb.Name()).Build())
		}},
		{Name: "DedicateCancelled", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			tb.Cleanup(c.Close)
			dc, cancel := c.Dedicate()
			defer cancel()
			dc.Do(ctx, dc.B().Watch().Key(tb.Name()).Build())
			dc.DoMulti(ctx, dc.B().Multi().Build(), dc.B().Incr().Key(tb.Name()).Build(), dc.B().Exec().Build())
		}},
		{Name: "Dedicated", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			err := c.Dedicated(func(dc rueidis.DedicatedClient) error {
				return dc.Do(ctx, dc.B().Ping().Build()).Error()
			})
			if err != nil {
				tb.Fatalf("Dedicated: %v", err)
			}
		}},
		{Name: "BlockingAndPipelining", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{AlwaysPipelining: true})
			defer c.Close()
			c.Do(ctx, c.B().Blpop().Key(tb.Name()).Timeout(0.01).Build())
			c.Do(ctx, c.B().Ping().Build())
		}},
		{Name: "PipeliningDedicateCancelled", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{AlwaysPipelining: true})
			defer c.Close()
			dc, cancel := c.Dedicate()
			defer cancel()
			dc.Do(ctx, dc.B().Ping().Build())
		}},
		{Name: "DoCacheAndConcurrentDo", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			c.DoCache(ctx, c.B().Get().Key(tb.Name()).Cache(), time.Minute)
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() { c.Do(ctx, c.B().Incr().Key(tb.Name()).Build()) })
			}
			wg.Wait()
		}},
		{Name: "Receive", Run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			rctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
			defer cancel()
			_ = c.Receive(rctx, c.B().Subscribe().Channel(tb.Name()).Build(), func(rueidis.PubSubMessage) {})
		}},
	})
}
