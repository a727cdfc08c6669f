package redigocheck_test

import (
	"context"
	"sync"
	"testing"

	"github.com/gomodule/redigo/redis"

	"github.com/redisvet/redisvet/leakcheck/internal/faketb"
	"github.com/redisvet/redisvet/leakcheck/redigocheck"
)

func newPool() *redis.Pool {
	return &redis.Pool{
		MaxIdle: 4,
		Dial:    func() (redis.Conn, error) { return redis.Dial("tcp", srv.Addr) },
	}
}

// redigo shapes: a conn from Get must be closed, and the pool too.
func TestPool(t *testing.T) {
	t.Parallel()
	faketb.Run(t, []faketb.Shape{
		// Leaks.
		{Name: "ConnNotClosed", Run: func(tb testing.TB) {
			p := newPool()
			redigocheck.Pool(tb, p)
			defer p.Close()
			c := p.Get()
			faketb.MarkNext(tb)
			_, err := c.Do("SET", tb.Name(), 1)
			faketb.Must(tb, err)
		}, Want: []string{"redis.Conn from Get, last used at {site}, was not closed"}},
		{Name: "ConnNotClosedPoolOpen", Run: func(tb testing.TB) {
			p := newPool()
			redigocheck.Pool(tb, p)
			c := p.Get()
			do(tb, c, "PING")
			idle := p.Get()
			do(tb, idle, "PING")
			idle.Close()
		}, Want: []string{"*redis.Pool was not closed when the test ended (2 connections open)", "redis.Conn from Get, last used at redigocheck_test.go:"}},
		{Name: "PoolNeverClosed", Run: func(tb testing.TB) {
			p := newPool()
			redigocheck.Pool(tb, p)
			c := p.Get()
			defer c.Close()
			do(tb, c, "PING")
		}, Want: []string{"*redis.Pool was not closed when the test ended (1 connection open)"}},
		{Name: "PoolNeverUsedNeverClosed", Run: func(tb testing.TB) {
			redigocheck.Pool(tb, newPool())
		}, Want: []string{"*redis.Pool was not closed"}},
		{Name: "PubSubConnNotClosed", Run: func(tb testing.TB) {
			p := newPool()
			redigocheck.Pool(tb, p)
			defer p.Close()
			psc := redis.PubSubConn{Conn: p.Get()}
			faketb.MarkNext(tb)
			err := psc.Subscribe("events")
			faketb.Must(tb, err)
			psc.Receive()
		}, Want: []string{"last used at {site}, was not closed"}},

		// Correct uses.
		{Name: "Closed", Run: func(tb testing.TB) {
			p := newPool()
			redigocheck.Pool(tb, p)
			defer p.Close()
			c := p.Get()
			defer c.Close()
			do(tb, c, "SET", tb.Name(), 1)
		}},
		{Name: "ClosedWithCleanup", Run: func(tb testing.TB) {
			p := newPool()
			redigocheck.Pool(tb, p)
			tb.Cleanup(func() { p.Close() })
			for range 3 {
				c := p.Get()
				do(tb, c, "INCR", tb.Name())
				c.Close()
			}
		}},
		{Name: "GetContextAndTransaction", Run: func(tb testing.TB) {
			p := &redis.Pool{
				MaxIdle: 1, MaxActive: 2, Wait: true,
				DialContext: func(ctx context.Context) (redis.Conn, error) {
					return redis.DialContext(ctx, "tcp", srv.Addr)
				},
			}
			redigocheck.Pool(tb, p)
			defer p.Close()
			c, err := p.GetContext(context.Background())
			if err != nil {
				tb.Fatalf("GetContext: %v", err)
			}
			defer c.Close()
			faketb.Must(tb, c.Send("WATCH", tb.Name()))
			faketb.Must(tb, c.Send("MULTI"))
			faketb.Must(tb, c.Send("INCR", tb.Name()))
			do(tb, c, "EXEC")
			_, err = redis.DoWithTimeout(c, 0, "PING")
			faketb.Must(tb, err)
		}},
		{Name: "PubSubConnClosed", Run: func(tb testing.TB) {
			p := newPool()
			redigocheck.Pool(tb, p)
			defer p.Close()
			psc := redis.PubSubConn{Conn: p.Get()}
			defer psc.Close()
			faketb.Must(tb, psc.Subscribe("events"))
			psc.Receive()
		}},
		{Name: "ConcurrentGets", Run: func(tb testing.TB) {
			p := newPool()
			redigocheck.Pool(tb, p)
			defer p.Close()
			var wg sync.WaitGroup
			for range 6 {
				wg.Go(func() {
					c := p.Get()
					defer c.Close()
					do(tb, c, "INCR", tb.Name())
				})
			}
			wg.Wait()
		}},
		{Name: "ErrorReplyClosed", Run: func(tb testing.TB) {
			p := newPool()
			redigocheck.Pool(tb, p)
			defer p.Close()
			c := p.Get()
			defer c.Close()
			if _, err := c.Do("NOSUCHCOMMAND"); err == nil {
				tb.Fatalf("NOSUCHCOMMAND: no error")
			}
		}},
		{Name: "WaitPool", Run: func(tb testing.TB) {
			p := newPool()
			p.MaxActive, p.Wait = 1, true
			redigocheck.Pool(tb, p)
			defer p.Close()
			for range 3 {
				c := p.Get()
				do(tb, c, "PING")
				c.Close()
			}
		}},
		{Name: "NoIdleConns", Run: func(tb testing.TB) {
			p := &redis.Pool{Dial: func() (redis.Conn, error) { return redis.Dial("tcp", srv.Addr) }}
			redigocheck.Pool(tb, p)
			defer p.Close()
			c := p.Get()
			do(tb, c, "PING")
			c.Close()
		}},
	})
}

// do runs a command that must succeed.
func do(tb testing.TB, c redis.Conn, cmd string, args ...any) {
	tb.Helper()
	_, err := c.Do(cmd, args...)
	faketb.Must(tb, err)
}
