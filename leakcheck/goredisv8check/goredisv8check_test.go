package goredisv8check_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/go-redis/redis/v8"

	"github.com/redisvet/redisvet/leakcheck/goredisv8check"
	"github.com/redisvet/redisvet/leakcheck/internal/faketb"
)

// The leaking shapes make v8 log its PubSubs' broken connections.
func init() { redis.SetLogger(quiet{}) }

type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

func newV8() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: srv.Addr})
}

// v8 shapes: the leaks of leakcheck's v9 ones, through v8's API.
func TestClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	faketb.Run(t, []faketb.Shape{
		// Leaks.
		{Name: "PubSubNotClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			faketb.MarkNext(tb)
			ps := rdb.Subscribe(ctx, "events")
			faketb.Receive(tb, ps)
		}, Want: []string{"*redis.PubSub connection to " + srv.Addr + " opened by Subscribe at {site} was still open when the client was closed"}},
		{Name: "ConnNotClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			tb.Cleanup(func() { rdb.Close() })
			cn := rdb.Conn(ctx)
			cn.Ping(ctx)
			faketb.MarkNext(tb)
			cn.Set(ctx, tb.Name(), 1, 0)
			rdb.Get(ctx, tb.Name())
		}, Want: []string{"*redis.Conn last used at {site} was still open when the client was closed"}},
		{Name: "ConnPipelineNotClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			cn := rdb.Conn(ctx)
			faketb.MarkNext(tb)
			_, err := cn.Pipelined(ctx, func(p redis.Pipeliner) error {
				p.Incr(ctx, tb.Name())
				return nil
			})
			faketb.Must(tb, err)
		}, Want: []string{"*redis.Conn last used at {site} was still open"}},
		{Name: "ClientNeverClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			rdb.Set(ctx, tb.Name(), 1, 0)
		}, Want: []string{"*redis.Client for " + srv.Addr + " was not closed when the test ended"}},
		{Name: "NothingClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			ps := rdb.Subscribe(ctx, "events")
			faketb.Receive(tb, ps)
			cn := rdb.Conn(ctx)
			faketb.MarkNext(tb)
			cn.Ping(ctx)
		}, Want: []string{"(1 connection checked out of its pool, by a *redis.Conn last used at {site})", "is still open: close it"}},
		{Name: "PubSubChannelNotClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			faketb.Receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}, Want: []string{"was still open when the client was closed", "still running in github.com/go-redis/redis/v8"}},
		{Name: "ClusterPubSubNotClosed", Run: func(tb testing.TB) {
			cc := redis.NewClusterClient(&redis.ClusterOptions{ClusterSlots: oneNodeV8})
			goredisv8check.Client(tb, cc)
			cc.Set(ctx, tb.Name(), 1, 0)
			ps := cc.Subscribe(ctx, tb.Name())
			faketb.Receive(tb, ps)
		}, Want: []string{"*redis.ClusterClient for " + srv.Addr + " was not closed when the test ended", "*redis.PubSub connection to"}},
		{Name: "RingNeverClosed", Run: func(tb testing.TB) {
			ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"a": srv.Addr}})
			goredisv8check.Client(tb, ring)
			ring.Set(ctx, tb.Name(), 1, 0)
		}, Want: []string{"*redis.Ring for " + srv.Addr + " was not closed when the test ended"}},

		// Correct uses.
		{Name: "ClosedWithDefer", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			rdb.Set(ctx, tb.Name(), 1, time.Minute)
			rdb.Get(ctx, tb.Name())
		}},
		{Name: "ClosedWithCleanup", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			tb.Cleanup(func() { rdb.Close() })
			rdb.Incr(ctx, tb.Name())
		}},
		{Name: "PubSubClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			defer ps.Close()
			faketb.Receive(tb, ps)
			rdb.Publish(ctx, tb.Name(), "hi")
			if _, err := ps.ReceiveMessage(ctx); err != nil {
				tb.Fatalf("ReceiveMessage: %v", err)
			}
		}},
		{Name: "PubSubChannelClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			defer ps.Close()
			faketb.Receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}},
		{Name: "PipelinesAndWatch", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			key := tb.Name()
			_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, key, 1, 0)
				return nil
			})
			faketb.Must(tb, err)
			_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Incr(ctx, key)
				return nil
			})
			faketb.Must(tb, err)
			err = rdb.Watch(ctx, func(tx *redis.Tx) error {
				n, _ := tx.Get(ctx, key).Int()
				_, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
					p.Set(ctx, key, n+1, 0)
					return nil
				})
				return err
			}, key)
			if err != nil {
				tb.Fatalf("Watch: %v", err)
			}
		}},
		{Name: "ConnClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			cn := rdb.Conn(ctx)
			defer cn.Close()
			cn.Ping(ctx)
		}},
		{Name: "ConnPipelinedClosed", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			cn := rdb.Conn(ctx)
			defer cn.Close()
			_, err := cn.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Incr(ctx, tb.Name())
				return nil
			})
			faketb.Must(tb, err)
		}},
		{Name: "ConcurrentCommands", Run: func(tb testing.TB) {
			rdb := newV8()
			goredisv8check.Client(tb, rdb)
			defer rdb.Close()
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() { rdb.Incr(ctx, tb.Name()) })
			}
			wg.Wait()
		}},
		{Name: "MinIdleConns", Run: func(tb testing.TB) {
			rdb := redis.NewClient(&redis.Options{Addr: srv.Addr, MinIdleConns: 2})
			goredisv8check.Client(tb, rdb) // checks Close and goroutines only
			defer rdb.Close()
			rdb.Ping(ctx)
		}},
		{Name: "UniversalClient", Run: func(tb testing.TB) {
			u := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{srv.Addr}})
			goredisv8check.Client(tb, u)
			defer u.Close()
			u.Set(ctx, tb.Name(), 1, 0)
		}},
		{Name: "RingClosed", Run: func(tb testing.TB) {
			ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"a": srv.Addr}})
			goredisv8check.Client(tb, ring)
			defer ring.Close()
			ring.Set(ctx, tb.Name(), 1, 0)
		}},
		{Name: "ClusterClosed", Run: func(tb testing.TB) {
			cc := redis.NewClusterClient(&redis.ClusterOptions{ClusterSlots: oneNodeV8})
			goredisv8check.Client(tb, cc)
			defer cc.Close()
			cc.Set(ctx, tb.Name(), 1, 0)
			ps := cc.Subscribe(ctx, tb.Name())
			faketb.Receive(tb, ps)
			ps.Close()
		}},
	})
}

// oneNodeV8 makes the standalone server a cluster of one node.
func oneNodeV8(context.Context) ([]redis.ClusterSlot, error) {
	return []redis.ClusterSlot{{Start: 0, End: 16383, Nodes: []redis.ClusterNode{{Addr: srv.Addr}}}}, nil
}
