package leakcheck_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/redisvet/redisvet/leakcheck"
)

func newV9() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: srv.Addr})
}

// v9 shapes: each leak fails the test; each correct use passes.
func TestClient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	runShapes(t, []shape{
		// Leaks.
		{name: "PubSubNotClosed", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			markNext(tb)
			ps := rdb.Subscribe(ctx, "events")
			if _, err := ps.Receive(ctx); err != nil {
				tb.Fatalf("Receive: %v", err)
			}
		}, want: []string{"*redis.PubSub connection to " + srv.Addr + " opened by Subscribe at {site} was still open when the client was closed"}},
		{name: "ConnNotClosed", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			tb.Cleanup(func() { rdb.Close() })
			markNext(tb)
			cn := rdb.Conn()
			cn.Set(ctx, tb.Name(), 1, 0)
		}, want: []string{"*redis.Conn from Conn at {site} was not closed: it kept a pooled connection"}},
		{name: "ClientNeverClosed", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			rdb.Set(ctx, tb.Name(), 1, 0)
		}, want: []string{"*redis.Client for " + srv.Addr + " was not closed when the test ended"}},
		{name: "ClientNeverUsedNeverClosed", run: func(tb testing.TB) {
			leakcheck.Client(tb, newV9())
		}, want: []string{"*redis.Client for " + srv.Addr + " was not closed when the test ended"}},
		{name: "NothingClosed", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			ps := rdb.PSubscribe(ctx, "events.*")
			receive(tb, ps)
			cn := rdb.Conn()
			cn.Ping(ctx)
		}, want: []string{"(1 connection checked out of its pool, by the *redis.Conn from Conn at goredis_test.go:", "is still open: close it"}},
		{name: "PubSubClosedAfterClient", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			ps := rdb.Subscribe(ctx, "events")
			receive(tb, ps)
			tb.Cleanup(func() { ps.Close() })
			tb.Cleanup(func() { rdb.Close() })
		}, want: []string{"was still open when the client was closed: close the PubSub first"}},
		{name: "CloseRegisteredBeforeCheck", run: func(tb testing.TB) {
			rdb := newV9()
			tb.Cleanup(func() { rdb.Close() }) // runs after the check
			leakcheck.Client(tb, rdb)
			rdb.Ping(ctx)
		}, want: []string{"registered after the leakcheck call"}},
		{name: "ClusterNeverClosed", run: func(tb testing.TB) {
			cc := redis.NewClusterClient(&redis.ClusterOptions{ClusterSlots: oneNodeV9})
			leakcheck.Client(tb, cc)
			cc.Set(ctx, tb.Name(), 1, 0)
		}, want: []string{"*redis.ClusterClient for :"}},
		{name: "RingPubSubNotClosed", run: func(tb testing.TB) {
			ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"a": srv.Addr}})
			leakcheck.Client(tb, ring)
			defer ring.Close()
			ps := ring.Subscribe(ctx, "events")
			receive(tb, ps)
		}, want: []string{"*redis.PubSub connection"}},

		{name: "PubSubChannelNotClosed", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}, want: []string{"was still open when the client was closed", "goroutine this test started is still running in github.com/redis/go-redis/v9 after 2s: goroutine "}},
		{name: "PubSubChannelNothingClosed", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			ps := rdb.Subscribe(ctx, tb.Name())
			receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}, want: []string{"was not closed", "is still open", "2 goroutines this test started are still running"}},

		// Correct uses.
		{name: "ClosedWithDefer", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			rdb.Set(ctx, tb.Name(), 1, time.Minute)
			rdb.Get(ctx, tb.Name())
		}},
		{name: "ClosedWithCleanup", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			tb.Cleanup(func() { rdb.Close() })
			rdb.Incr(ctx, tb.Name())
		}},
		{name: "PubSubClosed", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, "events")
			defer ps.Close()
			receive(tb, ps)
			rdb.Publish(ctx, "events", "hi")
			if _, err := ps.ReceiveMessage(ctx); err != nil {
				tb.Fatalf("ReceiveMessage: %v", err)
			}
		}},
		{name: "PubSubChannelClosed", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx, tb.Name())
			defer ps.Close()
			receive(tb, ps)
			ch := ps.Channel()
			rdb.Publish(ctx, tb.Name(), "hi")
			<-ch
		}},
		{name: "Pipelines", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			_, err := rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, tb.Name(), 1, 0)
				p.Incr(ctx, tb.Name())
				return nil
			})
			must(tb, err)
			_, err = rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Incr(ctx, tb.Name())
				return nil
			})
			must(tb, err)
			pipe := rdb.Pipeline()
			pipe.Get(ctx, tb.Name())
			_, err = pipe.Exec(ctx)
			must(tb, err)
		}},
		{name: "Watch", run: func(tb testing.TB) {
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
		{name: "ConnClosed", run: func(tb testing.TB) {
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
		{name: "UniversalClient", run: func(tb testing.TB) {
			u := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{srv.Addr}})
			leakcheck.Client(tb, u)
			defer u.Close()
			u.Set(ctx, tb.Name(), 1, 0)
		}},
		{name: "WithTimeoutAndUserHook", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			rdb.AddHook(nopHook{})
			rdb.WithTimeout(time.Second).Ping(ctx)
			cn := rdb.Conn()
			cn.Ping(ctx)
			cn.Close()
		}},
		{name: "RingClosed", run: func(tb testing.TB) {
			ring := redis.NewRing(&redis.RingOptions{Addrs: map[string]string{"a": srv.Addr}})
			leakcheck.Client(tb, ring)
			defer ring.Close()
			ring.Set(ctx, tb.Name(), 1, 0)
			ps := ring.Subscribe(ctx, "events")
			receive(tb, ps)
			ps.Close()
		}},
		{name: "PubSubResubscribe", run: func(tb testing.TB) {
			rdb := newV9()
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			ps := rdb.Subscribe(ctx)
			defer ps.Close()
			must(tb, ps.Subscribe(ctx, "a", "b"))
			must(tb, ps.PSubscribe(ctx, "c.*"))
			must(tb, ps.Unsubscribe(ctx, "a"))
			must(tb, ps.Ping(ctx))
		}},
		{name: "ConcurrentCommands", run: func(tb testing.TB) {
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
		{name: "HookAddedBefore", run: func(tb testing.TB) {
			rdb := newV9()
			rdb.AddHook(nopHook{})
			leakcheck.Client(tb, rdb)
			defer rdb.Close()
			rdb.Ping(ctx)
		}},
		{name: "ClusterClosed", run: func(tb testing.TB) {
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
