package leakcheck

import (
	"context"
	"errors"
	"net"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
)

// A conn is one connection a client dialled, seen through the wrapper
// leakcheck put around it.
type conn struct {
	kind   string // what the library used it for: kindPubSub, kindPool, ...
	api    string // the library method the user called to dial it: "Subscribe"
	site   string // where the user called it, "" when unknown
	remote string
	ptr    uintptr // the wrapper as the library holds it, for v8's pool

	busy atomic.Int32 // reads and writes in progress

	mu        sync.Mutex
	closed    bool
	causes    uint32 // closeBy* bits: who called Close, each time
	lastWrite []uintptr
	returned  bool // redigo: its last command was the pool taking it back
}

const (
	kindPool      = "pool"      // a pooled connection
	kindPubSub    = "pubsub"    // a go-redis PubSub's own connection
	kindMux       = "mux"       // a rueidis client's shared pipeline
	kindDedicated = "dedicated" // a rueidis connection from its blocking pool
)

// Who closed a connection, as the stack of a Close call shows it.
const (
	closeByOwner  = 1 << iota // the object that holds it: PubSub.Close, ...
	closeByClient             // the client's Close, tearing down its pools
)

// A connSet holds the connections of one client (one node of a Ring or a
// cluster).
type connSet struct {
	// classify sorts a Close call by its stack into closeBy* bits. It runs
	// inside the library's Close, possibly under the pool's lock: it must
	// not call back into the client.
	classify func(stack []runtime.Frame) uint32
	// recordWrites keeps the stack of each connection's last write, to say
	// where a leaked one was last used.
	recordWrites bool

	probing atomic.Int64 // the goroutine running a probe, whose writes fail

	mu    sync.Mutex
	conns []*conn
}

// errProbe is what a probe gets instead of network I/O: probes learn a
// client's state from the error it returns before reaching the network.
var errProbe = errors.New("leakcheck: probe")

type probeKey struct{}

func probeContext() context.Context {
	return context.WithValue(context.Background(), probeKey{}, true)
}

func isProbe(ctx context.Context) bool { return ctx.Value(probeKey{}) != nil }

// wrap records nc, dialled for kind by the user's call of api at site, and
// returns the wrapper the library gets instead.
func (s *connSet) wrap(nc net.Conn, kind, api, site string) net.Conn {
	c := &conn{kind: kind, api: api, site: site}
	if a := nc.RemoteAddr(); a != nil {
		c.remote = a.String()
	}
	w := &netConn{Conn: nc, c: c, s: s}
	var out net.Conn = w
	// go-redis peeks at idle connections through syscall.Conn, or through
	// NetConn for a TLS connection: keep them.
	if sc, ok := nc.(syscall.Conn); ok {
		out = &sysNetConn{netConn: w, sc: sc}
	} else if u, ok := nc.(interface{ NetConn() net.Conn }); ok {
		out = &tlsNetConn{netConn: w, u: u}
	}
	c.ptr = reflect.ValueOf(out).Pointer()
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.mu.Unlock()
	return out
}

// all returns the connections recorded so far.
func (s *connSet) all() []*conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*conn(nil), s.conns...)
}

// open returns the recorded connections of a kind not closed yet.
func (s *connSet) open(kind string) []*conn {
	var out []*conn
	for _, c := range s.all() {
		if c.kind == kind && !c.isClosed() {
			out = append(out, c)
		}
	}
	return out
}

// probe runs fn with this set's connections refusing writes from the
// calling goroutine, so that a probe cannot reach the server even on a
// path that ignores its cancelled context.
func (s *connSet) probe(fn func()) {
	s.probing.Store(goid())
	defer s.probing.Store(0)
	fn()
}

// opened says where the user opened the connection: " opened by Subscribe
// at leak_test.go:42", or nothing when a library goroutine dialled it.
func (c *conn) opened() string {
	if c.site == "" {
		return ""
	}
	return " opened by " + c.api + at(c.site)
}

func (c *conn) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

func (c *conn) closedBy() uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.causes
}

// lastUse is the user's call site of the last write, "" when unknown.
func (c *conn) lastUse() string {
	c.mu.Lock()
	pcs := c.lastWrite
	c.mu.Unlock()
	if pcs == nil {
		return ""
	}
	return userSite(frames(pcs))
}

// lastWriteHas reports whether the last write ran through a function
// starting with prefix.
func (c *conn) lastWriteHas(prefix string) bool {
	c.mu.Lock()
	pcs := c.lastWrite
	c.mu.Unlock()
	return pcs != nil && has(frames(pcs), prefix)
}

// netConn is the wrapper: it sees every write and every Close.
type netConn struct {
	net.Conn
	c *conn
	s *connSet
}

func (w *netConn) Read(b []byte) (int, error) {
	w.c.busy.Add(1)
	defer w.c.busy.Add(-1)
	return w.Conn.Read(b)
}

func (w *netConn) Write(b []byte) (int, error) {
	if g := w.s.probing.Load(); g != 0 && goid() == g {
		return 0, errProbe
	}
	w.c.busy.Add(1)
	defer w.c.busy.Add(-1)
	if w.s.recordWrites {
		var pcs [48]uintptr
		n := runtime.Callers(2, pcs[:])
		w.c.mu.Lock()
		w.c.lastWrite = append(w.c.lastWrite[:0], pcs[:n]...)
		w.c.mu.Unlock()
	}
	return w.Conn.Write(b)
}

func (w *netConn) Close() error {
	var cause uint32
	if w.s.classify != nil {
		cause = w.s.classify(callers(1))
	}
	w.c.mu.Lock()
	w.c.closed = true
	w.c.causes |= cause
	w.c.mu.Unlock()
	return w.Conn.Close()
}

// sysNetConn keeps the wrapped connection's SyscallConn.
type sysNetConn struct {
	*netConn
	sc syscall.Conn
}

func (w *sysNetConn) SyscallConn() (syscall.RawConn, error) { return w.sc.SyscallConn() }

// tlsNetConn keeps a TLS connection's NetConn, which go-redis peeks
// through; it closes and writes through the wrapper.
type tlsNetConn struct {
	*netConn
	u interface{ NetConn() net.Conn }
}

func (w *tlsNetConn) NetConn() net.Conn { return w.u.NetConn() }
