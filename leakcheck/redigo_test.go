package leakcheck_test

import (
	"context"
	"sync"
	"testing"

	redigo "github.com/gomodule/redigo/redis"

	"github.com/redisvet/redisvet/leakcheck"
)

func newPool() *redigo.Pool {
	return &redigo.Pool{
		MaxIdle: 4,
		Dial:    func() (redigo.Conn, error) { return redigo.Dial("tcp", srv.Addr) },
	}
}

// redigo shapes: a conn from Get must be closed, and the pool too.
func TestPool(t *testing.T) {
	t.Parallel()
	runShapes(t, []shape{
		// Leaks.
		{name: "ConnNotClosed", run: func(tb testing.TB) {
			p := newPool()
			leakcheck.Pool(tb, p)
			defer p.Close()
			c := p.Get()
			markNext(tb)
			_, err := c.Do("SET", tb.Name(), 1)
			must(tb, err)
		}, want: []string{"redis.Conn from Get, last used at {site}, was not closed"}},
		{name: "ConnNotClosedPoolOpen", run: func(tb testing.TB) {
			p := newPool()
			leakcheck.Pool(tb, p)
			c := p.Get()
			do(tb, c, "PING")
			idle := p.Get()
			do(tb, idle, "PING")
			idle.Close()
		}, want: []string{"*redis.Pool was not closed when the test ended (2 connections open)", "redis.Conn from Get, last used at redigo_test.go:"}},
		{name: "PoolNeverClosed", run: func(tb testing.TB) {
			p := newPool()
			leakcheck.Pool(tb, p)
			c := p.Get()
			defer c.Close()
			do(tb, c, "PING")
		}, want: []string{"*redis.Pool was not closed when the test ended (1 connection open)"}},
		{name: "PoolNeverUsedNeverClosed", run: func(tb testing.TB) {
			leakcheck.Pool(tb, newPool())
		}, want: []string{"*redis.Pool was not closed"}},
		{name: "PubSubConnNotClosed", run: func(tb testing.TB) {
			p := newPool()
			leakcheck.Pool(tb, p)
			defer p.Close()
			psc := redigo.PubSubConn{Conn: p.Get()}
			markNext(tb)
			err := psc.Subscribe("events")
			must(tb, err)
			psc.Receive()
		}, want: []string{"last used at {site}, was not closed"}},

		// Correct uses.
		{name: "Closed", run: func(tb testing.TB) {
			p := newPool()
			leakcheck.Pool(tb, p)
			defer p.Close()
			c := p.Get()
			defer c.Close()
			do(tb, c, "SET", tb.Name(), 1)
		}},
		{name: "ClosedWithCleanup", run: func(tb testing.TB) {
			p := newPool()
			leakcheck.Pool(tb, p)
			tb.Cleanup(func() { p.Close() })
			for range 3 {
				c := p.Get()
				do(tb, c, "INCR", tb.Name())
				c.Close()
			}
		}},
		{name: "GetContextAndTransaction", run: func(tb testing.TB) {
			p := &redigo.Pool{
				MaxIdle: 1, MaxActive: 2, Wait: true,
				DialContext: func(ctx context.Context) (redigo.Conn, error) {
					return redigo.DialContext(ctx, "tcp", srv.Addr)
				},
			}
			leakcheck.Pool(tb, p)
			defer p.Close()
			c, err := p.GetContext(context.Background())
			if err != nil {
				tb.Fatalf("GetContext: %v", err)
			}
			defer c.Close()
			must(tb, c.Send("WATCH", tb.Name()))
			must(tb, c.Send("MULTI"))
			must(tb, c.Send("INCR", tb.Name()))
			do(tb, c, "EXEC")
			_, err = redigo.DoWithTimeout(c, 0, "PING")
			must(tb, err)
		}},
		{name: "PubSubConnClosed", run: func(tb testing.TB) {
			p := newPool()
			leakcheck.Pool(tb, p)
			defer p.Close()
			psc := redigo.PubSubConn{Conn: p.Get()}
			defer psc.Close()
			must(tb, psc.Subscribe("events"))
			psc.Receive()
		}},
		{name: "ConcurrentGets", run: func(tb testing.TB) {
			p := newPool()
			leakcheck.Pool(tb, p)
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
		{name: "ErrorReplyClosed", run: func(tb testing.TB) {
			p := newPool()
			leakcheck.Pool(tb, p)
			defer p.Close()
			c := p.Get()
			defer c.Close()
			if _, err := c.Do("NOSUCHCOMMAND"); err == nil {
				tb.Fatalf("NOSUCHCOMMAND: no error")
			}
		}},
		{name: "WaitPool", run: func(tb testing.TB) {
			p := newPool()
			p.MaxActive, p.Wait = 1, true
			leakcheck.Pool(tb, p)
			defer p.Close()
			for range 3 {
				c := p.Get()
				do(tb, c, "PING")
				c.Close()
			}
		}},
		{name: "NoIdleConns", run: func(tb testing.TB) {
			p := &redigo.Pool{Dial: func() (redigo.Conn, error) { return redigo.Dial("tcp", srv.Addr) }}
			leakcheck.Pool(tb, p)
			defer p.Close()
			c := p.Get()
			do(tb, c, "PING")
			c.Close()
		}},
	})
}

// do runs a command that must succeed.
func do(tb testing.TB, c redigo.Conn, cmd string, args ...any) {
	tb.Helper()
	_, err := c.Do(cmd, args...)
	must(tb, err)
}
