package leakcheck_test

import (
	"context"
	"sync"
	"testing"
	"time"

	redisv8 "github.com/go-redis/redis/v8"

	"github.com/redisvet/redisvet/leakcheck"
)

// The leaking shapes make v8 log its PubSubs' broken connections.
func init() { redisv8.SetLogger(quiet{}) }

type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

func newV8() *redisv8.Client {
	return redisv8.NewClient(&redisv8.Options{Addr: srv.Addr})
}

// v8 shapes: the leaks of the v9 ones, through v8's API.
func TestClientV8(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	runShapes(t, []shape{
		// Leaks.
		{name: "PubSubNotClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			markNext(tb)
			ps := rdb.Subscribe(ctx, "events")
			receive(tb, ps)
		}, want: []string{"*redis.PubSub connection to " + srv.Addr + " opened by Subscribe at {site} was still open when the client was closed"}},
		{name: "ConnNotClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			tb.Cleanup(func() { rdb.Close() })
			cn := rdb.Conn(ctx)
			cn.Ping(ctx)
			markNext(tb)
			cn.Set(ctx, tb.Name(), 1, 0)
			rdb.Get(ctx, tb.Name())
		}, want: []string{"*redis.Conn last used at {site} was still open when the client was closed"}},
		{name: "ConnPipelineNotClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			cn := rdb.Conn(ctx)
			markNext(tb)
			_, err := cn.Pipelined(ctx, func(p redisv8.Pipeliner) error {
				p.Incr(ctx, tb.Name())
				return nil
			})
			must(tb, err)
		}, want: []string{"*redis.Conn last used at {site} was still open"}},
		{name: "ClientNeverClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			rdb.Set(ctx, tb.Name(), 1, 0)
		}, want: []string{"*redis.Client for " + srv.Addr + " was not closed when the test ended"}},
		{name: "NothingClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			ps := rdb.Subscribe(ctx, "events")
			receive(tb, ps)
			cn := rdb.Conn(ctx)
			markNext(tb)
			cn.Ping(ctx)
		}, want: []string{"(1 connection checked out of its pool, by a *redis.Conn last used at {site})", "is still open: close it"}},
		{name: "PubSubChannelNotClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}, want: []string{"was still open when the client was closed", "still running in github.com/go-redis/redis/v8"}},
		{name: "ClusterPubSubNotClosed", run: func(tb testing.TB) {
			cc := redisv8.NewClusterClient(&redisv8.ClusterOptions{ClusterSlots: oneNodeV8})
			leakcheck.ClientV8(tb, cc)
			cc.Set(ctx, tb.Name(), 1, 0)
			ps := cc.Subscribe(ctx, tb.Name())
			receive(tb, ps)
		}, want: []string{"*redis.ClusterClient for " + srv.Addr + " was not closed when the test ended", "*redis.PubSub connection to"}},
		{name: "RingNeverClosed", run: func(tb testing.TB) {
			ring := redisv8.NewRing(&redisv8.RingOptions{Addrs: map[string]string{"a": srv.Addr}})
			leakcheck.ClientV8(tb, ring)
			ring.Set(ctx, tb.Name(), 1, 0)
		}, want: []string{"*redis.Ring for " + srv.Addr + " was not closed when the test ended"}},

		// Correct uses.
		{name: "ClosedWithDefer", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			rdb.Set(ctx, tb.Name(), 1, time.Minute)
			rdb.Get(ctx, tb.Name())
		}},
		{name: "ClosedWithCleanup", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			tb.Cleanup(func() { rdb.Close() })
			rdb.Incr(ctx, tb.Name())
		}},
		{name: "PubSubClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			defer ps.Close()
			receive(tb, ps)
			rdb.Publish(ctx, tb.Name(), "hi")
			if _, err := ps.ReceiveMessage(ctx); err != nil {
				tb.Fatalf("ReceiveMessage: %v", err)
			}
		}},
		{name: "PubSubChannelClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			defer ps.Close()
			receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}},
		{name: "PipelinesAndWatch", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			key := tb.Name()
			_, err := rdb.Pipelined(ctx, func(p redisv8.Pipeliner) error {
				p.Set(ctx, key, 1, 0)
				return nil
			})
			must(tb, err)
			_, err = rdb.TxPipelined(ctx, func(p redisv8.Pipeliner) error {
				p.Incr(ctx, key)
				return nil
			})
			must(tb, err)
			err = rdb.Watch(ctx, func(tx *redisv8.Tx) error {
				n, _ := tx.Get(ctx, key).Int()
				_, err := tx.TxPipelined(ctx, func(p redisv8.Pipeliner) error {
					p.Set(ctx, key, n+1, 0)
					return nil
				})
				return err
			}, key)
			if err != nil {
				tb.Fatalf("Watch: %v", err)
			}
		}},
		{name: "ConnClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			cn := rdb.Conn(ctx)
			defer cn.Close()
			cn.Ping(ctx)
		}},
		{name: "ConnPipelinedClosed", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			cn := rdb.Conn(ctx)
			defer cn.Close()
			_, err := cn.TxPipelined(ctx, func(p redisv8.Pipeliner) error {
				p.Incr(ctx, tb.Name())
				return nil
			})
			must(tb, err)
		}},
		{name: "ConcurrentCommands", run: func(tb testing.TB) {
			rdb := newV8()
			leakcheck.ClientV8(tb, rdb)
			defer rdb.Close()
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() { rdb.Incr(ctx, tb.Name()) })
			}
			wg.Wait()
		}},
		{name: "MinIdleConns", run: func(tb testing.TB) {
			rdb := redisv8.NewClient(&redisv8.Options{Addr: srv.Addr, MinIdleConns: 2})
			leakcheck.ClientV8(tb, rdb) // checks Close and goroutines only
			defer rdb.Close()
			rdb.Ping(ctx)
		}},
		{name: "UniversalClient", run: func(tb testing.TB) {
			u := redisv8.NewUniversalClient(&redisv8.UniversalOptions{Addrs: []string{srv.Addr}})
			leakcheck.ClientV8(tb, u)
			defer u.Close()
			u.Set(ctx, tb.Name(), 1, 0)
		}},
		{name: "RingClosed", run: func(tb testing.TB) {
			ring := redisv8.NewRing(&redisv8.RingOptions{Addrs: map[string]string{"a": srv.Addr}})
			leakcheck.ClientV8(tb, ring)
			defer ring.Close()
			ring.Set(ctx, tb.Name(), 1, 0)
		}},
		{name: "ClusterClosed", run: func(tb testing.TB) {
			cc := redisv8.NewClusterClient(&redisv8.ClusterOptions{ClusterSlots: oneNodeV8})
			leakcheck.ClientV8(tb, cc)
			defer cc.Close()
			cc.Set(ctx, tb.Name(), 1, 0)
			ps := cc.Subscribe(ctx, tb.Name())
			receive(tb, ps)
			ps.Close()
		}},
	})
}

// oneNodeV8 makes the standalone server a cluster of one node.
func oneNodeV8(context.Context) ([]redisv8.ClusterSlot, error) {
	return []redisv8.ClusterSlot{{Start: 0, End: 16383, Nodes: []redisv8.ClusterNode{{Addr: srv.Addr}}}}, nil
}
