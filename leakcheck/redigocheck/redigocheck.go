package redigocheck

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/gomodule/redigo/redis"

	"github.com/redisvet/redisvet/leakcheck/internal/conns"
	"github.com/redisvet/redisvet/leakcheck/internal/report"
	"github.com/redisvet/redisvet/leakcheck/internal/stack"
)

// Pool checks a redigo pool (github.com/gomodule/redigo/redis). At the end
// of the test it fails tb when a connection from Get is still in use
// (ActiveCount - IdleCount: redigo's Close leaves connections in use open
// and counted) or when the pool was not closed.
//
// Pool replaces the pool's DialContext with one that records the
// connections it dials, calling the pool's own DialContext or Dial: call
// it right after building the pool, before its first Get, and before the
// test registers its Close.
func Pool(tb testing.TB, p *redis.Pool) {
	tb.Helper()
	ck := &poolCheck{p: p}
	dialCtx, dial := p.DialContext, p.Dial
	p.DialContext = func(ctx context.Context) (redis.Conn, error) {
		if conns.IsProbe(ctx) {
			return nil, conns.ErrProbe
		}
		var c redis.Conn
		var err error
		switch {
		case dialCtx != nil:
			c, err = dialCtx(ctx)
		case dial != nil:
			c, err = dial()
		default:
			return nil, errors.New("redigo: must pass Dial or DialContext to pool")
		}
		if err != nil || c == nil {
			return c, err
		}
		return ck.wrap(c, stack.UserSite(stack.Callers(1))), nil
	}
	ck.dialer = reflect.ValueOf(p.DialContext).Pointer()
	report.Register(tb, stack.PathRedigo, "close every connection from Get; a goroutine blocked in Receive returns when its connection is closed", nil, ck.findings)
}

type poolCheck struct {
	p      *redis.Pool
	dialer uintptr // the check's DialContext, to see it is still the pool's
	conns  conns.Set
}

// wrap records c and returns a wrapper with the optional interfaces c has:
// redigo's activeConn type-asserts them.
func (ck *poolCheck) wrap(c redis.Conn, site string) redis.Conn {
	rc := ck.conns.Add(conns.KindPool, "Get", site)
	w := &redigoConn{Conn: c, c: rc}
	t, isT := c.(redis.ConnWithTimeout)
	x, isX := c.(redis.ConnWithContext)
	switch {
	case isT && isX:
		return redigoConnTC{w, redigoConnT{w, t}, redigoConnX{w, x}}
	case isT:
		return redigoConnT{w, t}
	case isX:
		return redigoConnX{w, x}
	}
	return w
}

// redigoConn sees a connection's commands and its Close.
type redigoConn struct {
	redis.Conn
	c *conns.Conn
}

// note records who sends a command: the user through a pooled conn, or
// the pool itself returning the connection (activeConn.Close ends with
// Do("")), after which it is idle.
func (w *redigoConn) note() {
	st := stack.Callers(2)
	returned := stack.HasFunc(st, stack.PathRedigo+"/redis.(*activeConn).Close")
	site := ""
	if !returned {
		site = stack.UserSite(st)
	}
	w.c.NoteCommand(returned, site)
}

func (w *redigoConn) Do(cmd string, args ...any) (any, error) {
	w.note()
	return w.Conn.Do(cmd, args...)
}

func (w *redigoConn) Send(cmd string, args ...any) error {
	w.note()
	return w.Conn.Send(cmd, args...)
}

func (w *redigoConn) Close() error {
	w.c.MarkClosed()
	return w.Conn.Close()
}

type redigoConnT struct {
	*redigoConn
	t redis.ConnWithTimeout
}

func (w redigoConnT) DoWithTimeout(d time.Duration, cmd string, args ...any) (any, error) {
	w.note()
	return w.t.DoWithTimeout(d, cmd, args...)
}

func (w redigoConnT) ReceiveWithTimeout(d time.Duration) (any, error) {
	return w.t.ReceiveWithTimeout(d)
}

type redigoConnX struct {
	*redigoConn
	x redis.ConnWithContext
}

func (w redigoConnX) DoContext(ctx context.Context, cmd string, args ...any) (any, error) {
	w.note()
	return w.x.DoContext(ctx, cmd, args...)
}

func (w redigoConnX) ReceiveContext(ctx context.Context) (any, error) {
	return w.x.ReceiveContext(ctx)
}

type redigoConnTC struct {
	*redigoConn
	redigoConnT
	redigoConnX
}

// closed probes the pool: Get on a closed pool fails with "get on closed
// pool" before dialling, and an open pool with no idle connection dials,
// which the check's DialContext refuses. With idle connections the pool is
// open: Close drops them.
func (ck *poolCheck) closed(idle int) bool {
	if idle > 0 {
		return false
	}
	if reflect.ValueOf(ck.p.DialContext).Pointer() != ck.dialer {
		return true // another DialContext would dial: do not probe
	}
	ctx, cancel := context.WithTimeout(conns.ProbeContext(), 100*time.Millisecond)
	defer cancel()
	c, err := ck.p.GetContext(ctx)
	switch {
	case err == nil:
		c.Close()
		return false
	case errors.Is(err, conns.ErrProbe), errors.Is(err, redis.ErrPoolExhausted):
		return false
	}
	// "redigo: get on closed pool", or a Wait pool full of leaked
	// connections whose probe timed out: leakcheck cannot tell.
	return true
}

func (ck *poolCheck) findings() []string {
	st := ck.p.Stats()
	var out []string
	if !ck.closed(st.IdleCount) {
		held := ""
		if st.ActiveCount > 0 {
			held = report.Plural(st.ActiveCount, "connection") + " open"
		}
		out = append(out, report.NotClosedText("*redis.Pool", held))
	}
	inUse := st.ActiveCount - st.IdleCount
	if inUse <= 0 {
		return out
	}
	// In use: still open and not given back since the user's last command;
	// once the pool is closed, every connection still open.
	poolClosed := len(out) == 0
	var used []*conns.Conn
	for _, c := range ck.conns.All() {
		if c.InUse(poolClosed) {
			used = append(used, c)
		}
	}
	if len(used) != inUse {
		out = append(out, fmt.Sprintf("%s from Get still in use when the test ended: close each one (defer conn.Close() after pool.Get())",
			report.Plural(inUse, "connection")))
		return out
	}
	for _, c := range used {
		site := c.Site()
		if site != "" {
			site = ", last used at " + site + ","
		}
		out = append(out, fmt.Sprintf("redis.Conn from Get%s was not closed: it is still in use and counted in ActiveCount; add defer conn.Close() after pool.Get()", site))
	}
	return out
}
