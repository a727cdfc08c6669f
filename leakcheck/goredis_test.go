package leakcheck_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redisvet/redisvet/leakcheck"
	"github.com/redisvet/redisvet/leakcheck/internal/faketb"
)

func newV9() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: srv.Addr})
}

// v9 shapes: each leak fails the test; each correct use passes.
func TestClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	faketb.Run(t, []faketb.Shape{
		// Leaks.
		{Name: "PubSubNotClosed", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			faketb.MarkNext(tb)
			ps := rdb.Subscribe(ctx, "events")
			if _, err := ps.Receive(ctx); err != nil {
				tb.Fatalf("Receive: %v", err)
			}
		}, Want: []string{"*redis.PubSub connection to " + srv.Addr + " opened by Subscribe at {site} was still open when the client was closed"}},
		{Name: "ConnNotClosed", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			tb.Cleanup(func() { rdb.Close() })
			faketb.MarkNext(tb)
			cn := rdb.Conn()
			cn.Set(ctx, tb.Name(), 1, 0)
		}, Want: []string{"*redis.Conn from Conn at {site} was not closed: it kept a pooled connection"}},
		{Name: "ClientNeverClosed", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			rdb.Set(ctx, tb.Name(), 1, 0)
		}, Want: []string{"*redis.Client for " + srv.Addr + " was not closed when the test ended"}},
		{Name: "ClientNeverUsedNeverClosed", Run: func(tb testing.TB) {
			leakcheck.Client(tb, newV9())
		}, Want: []string{"*redis.Client for " + srv.Addr + " was not closed when the test ended"}},
		{Name: "NothingClosed", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			ps := rdb.PSubscribe(ctx, "events.*")
			faketb.Receive(tb, ps)
			cn := rdb.Conn()
			cn.Ping(ctx)
		}, Want: []string{"(1 connection checked out of its pool, by the *redis.Conn from Conn at goredis_test.go:", "is still open: close it"}},
		{Name: "PubSubClosedAfterClient", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			ps := rdb.Subscribe(ctx, "events")
			faketb.Receive(tb, ps)
			tb.Cleanup(func() { ps.Close() })
			tb.Cleanup(func() { rdb.Close() })
		}, Want: []string{"was still open when the client was closed: close the PubSub first"}},
		{Name: "CloseRegisteredBeforeCheck", Run: func(tb testing.TB) {
			rdb := newV9()
			tb.Cleanup(func() { rdb.Close() }) // runs after the check
			leakcheck.Client(tb, rdb)
			rdb.Ping(ctx)
		}, Want: []string{"registered after the leakcheck call"}},
		{Name: "ClusterNeverClosed", Run: func(tb testing.TB) {
			cc := redis.NewClusterClient(&redis.ClusterOptions{ClusterSlots: oneNodeV9})
			leakcheck.Client(tb, cc)
			cc.Set(ctx, tb.Name(), 1, 0)
		}, Want: []string{"*redis.ClusterClient for :"}},
		{Name: "RingPubSubNotClosed", Run: func(tb testing.TB) {
			ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"a": srv.Addr}})
			leakcheck.Client(tb, ring)
			defer ring.Close()
			ps := ring.Subscribe(ctx, "events")
			faketb.Receive(tb, ps)
		}, Want: []string{"*redis.PubSub connection"}},

		{Name: "PubSubChannelNotClosed", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			faketb.Receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}, Want: []string{"was still open when the client was closed", "goroutine this test started is still running in github.com/redis/go-redis/v9 after 2s: goroutine "}},
		{Name: "PubSubChannelNothingClosed", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			ps := rdb.Subscribe(ctx, tb.Name())
			faketb.Receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}, Want: []string{"was not closed", "is still open", "2 goroutines this test started are still running"}},

		// Correct uses.
		{Name: "ClosedWithDefer", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			rdb.Set(ctx, tb.Name(), 1, time.Minute)
			rdb.Get(ctx, tb.Name())
		}},
		{Name: "ClosedWithCleanup", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			tb.Cleanup(func() { rdb.Close() })
			rdb.Incr(ctx, tb.Name())
		}},
		{Name: "PubSubClosed", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, "events")
			defer ps.Close()
			faketb.Receive(tb, ps)
			rdb.Publish(ctx, "events", "hi")
			if _, err := ps.ReceiveMessage(ctx); err != nil {
				tb.Fatalf("ReceiveMessage: %v", err)
			}
		}},
		{Name: "PubSubChannelClosed", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			defer ps.Close()
			faketb.Receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}},
		{Name: "Pipelines", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, tb.Name(), 1, 0)
				p.Incr(ctx, tb.Name())
				return nil
			})
			faketb.Must(tb, err)
			_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Incr(ctx, tb.Name())
				return nil
			})
			faketb.Must(tb, err)
			pipe := rdb.Pipeline()
			pipe.Get(ctx, tb.Name())
			_, err = pipe.Exec(ctx)
			faketb.Must(tb, err)
		}},
		{Name: "Watch", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			key := tb.Name()
			err := rdb.Watch(ctx, func(tx *redis.Tx) error {
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
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			cn := rdb.Conn()
			defer cn.Close()
			cn.ClientSetName(ctx, "leakcheck")
			cn.Ping(ctx)
			ecn := rdb.EphemeralConn()
			ecn.Ping(ctx)
			ecn.Close()
		}},
		{Name: "UniversalClient", Run: func(tb testing.TB) {
			u := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{srv.Addr}})
			leakcheck.Client(tb, u)
			defer u.Close()
			u.Set(ctx, tb.Name(), 1, 0)
		}},
		{Name: "WithTimeoutAndUserHook", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			rdb.AddHook(nopHook{})
			rdb.WithTimeout(time.Second).Ping(ctx)
			cn := rdb.Conn()
			cn.Ping(ctx)
			cn.Close()
		}},
		{Name: "RingClosed", Run: func(tb testing.TB) {
			ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"a": srv.Addr}})
			leakcheck.Client(tb, ring)
			defer ring.Close()
			ring.Set(ctx, tb.Name(), 1, 0)
			ps := ring.Subscribe(ctx, "events")
			faketb.Receive(tb, ps)
			ps.Close()
		}},
		{Name: "PubSubResubscribe", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx)
			defer ps.Close()
			faketb.Must(tb, ps.Subscribe(ctx, "a", "b"))
			faketb.Must(tb, ps.PSubscribe(ctx, "c.*"))
			faketb.Must(tb, ps.Unsubscribe(ctx, "a"))
			faketb.Must(tb, ps.Ping(ctx))
		}},
		{Name: "ConcurrentCommands", Run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			var wg sync.WaitGroup
			for i := range 8 {
				wg.Go(func() {
					key := fmt.Sprint(tb.Name(), i)
					rdb.LPush(ctx, key, "job")
					rdb.BLPop(ctx, time.Second, key)
				})
			}
			wg.Wait()
			iter := rdb.Scan(ctx, 0, tb.Name()+"*", 10).Iterator()
			for iter.Next(ctx) {
			}
		}},
		{Name: "HookAddedBefore", Run: func(tb testing.TB) {
			rdb := newV9()
			rdb.AddHook(nopHook{})
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			rdb.Ping(ctx)
		}},
		{Name: "ClusterClosed", Run: func(tb testing.TB) {
			cc := redis.NewClusterClient(&redis.ClusterOptions{ClusterSlots: oneNodeV9})
			leakcheck.Client(tb, cc)
			defer cc.Close()
			cc.Set(ctx, tb.Name(), 1, 0)
			cc.Get(ctx, tb.Name())
		}},
	})
}

// oneNodeV9 makes the standalone server a cluster of one node that owns
// every slot.
func oneNodeV9(context.Context) ([]redis.ClusterSlot, error) {
	return []redis.ClusterSlot{{Start: 0, End: 16383, Nodes: []redis.ClusterNode{{Addr: srv.Addr}}}}, nil
}

type nopHook struct{}

func (nopHook) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (nopHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }
func (nopHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}
