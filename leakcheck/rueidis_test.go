package leakcheck_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/redis/rueidis"

	"github.com/redisvet/redisvet/leakcheck"
)

func newRueidis(tb testing.TB, opt rueidis.ClientOption) rueidis.Client {
	opt.InitAddress = []string{srv.Addr}
	c, err := rueidis.NewClient(leakcheck.Rueidis(tb, opt))
	if err != nil {
		tb.Fatalf("rueidis.NewClient: %v", err)
	}
	return c
}

// rueidis shapes: Dedicate's cancel must run, and the client be closed.
func TestRueidis(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	runShapes(t, []shape{
		// Leaks.
		{name: "DedicateWithoutCancel", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			markNext(tb)
			dc, cancel := c.Dedicate()
			_ = cancel
			dc.Do(ctx, dc.B().Set().Key(tb.Name()).Value("1").Build())
		}, want: []string{"rueidis connection to " + srv.Addr + " opened by Dedicate at {site}, last used at rueidis_test.go:"}},
		{name: "PipeliningDedicateWithoutCancel", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{AlwaysPipelining: true})
			defer c.Close()
			markNext(tb)
			dc, _ := c.Dedicate()
			dc.Do(ctx, dc.B().Ping().Build())
		}, want: []string{"opened by Dedicate at {site} is still open", "goroutines this test started are still running in github.com/redis/rueidis"}},
		{name: "ClientNeverClosed", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			c.Do(ctx, c.B().Ping().Build())
		}, want: []string{"rueidis client for " + srv.Addr + " was not closed when the test ended (1 connection open)"}},
		{name: "PipeliningClientNeverClosed", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{AlwaysPipelining: true})
			c.Do(ctx, c.B().Ping().Build())
		}, want: []string{"rueidis client for " + srv.Addr + " was not closed when the test ended (1 connection open)"}},

		// Correct uses.
		{name: "Closed", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			c.Do(ctx, c.B().Set().Key(tb.Name()).Value("1").Build())
			c.DoMulti(ctx, c.B().Incr().Key(tb.Name()).Build(), c.B().Get().Key(tb.Name()).Build())
		}},
		{name: "DedicateCancelled", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			tb.Cleanup(c.Close)
			dc, cancel := c.Dedicate()
			defer cancel()
			dc.Do(ctx, dc.B().Watch().Key(tb.Name()).Build())
			dc.DoMulti(ctx, dc.B().Multi().Build(), dc.B().Incr().Key(tb.Name()).Build(), dc.B().Exec().Build())
		}},
		{name: "Dedicated", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			err := c.Dedicated(func(dc rueidis.DedicatedClient) error {
				return dc.Do(ctx, dc.B().Ping().Build()).Error()
			})
			if err != nil {
				tb.Fatalf("Dedicated: %v", err)
			}
		}},
		{name: "BlockingAndPipelining", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{AlwaysPipelining: true})
			defer c.Close()
			c.Do(ctx, c.B().Blpop().Key(tb.Name()).Timeout(0.01).Build())
			c.Do(ctx, c.B().Ping().Build())
		}},
		{name: "PipeliningDedicateCancelled", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{AlwaysPipelining: true})
			defer c.Close()
			dc, cancel := c.Dedicate()
			defer cancel()
			dc.Do(ctx, dc.B().Ping().Build())
		}},
		{name: "DoCacheAndConcurrentDo", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			c.DoCache(ctx, c.B().Get().Key(tb.Name()).Cache(), time.Minute)
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() { c.Do(ctx, c.B().Incr().Key(tb.Name()).Build()) })
			}
			wg.Wait()
		}},
		{name: "Receive", run: func(tb testing.TB) {
			c := newRueidis(tb, rueidis.ClientOption{})
			defer c.Close()
			rctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
			defer cancel()
			_ = c.Receive(rctx, c.B().Subscribe().Channel(tb.Name()).Build(), func(rueidis.PubSubMessage) {})
		}},
	})
}
