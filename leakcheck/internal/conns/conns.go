// Package conns tracks the connections a client dials for leakcheck: a
// wrapper around each net.Conn sees its writes and its Close, and who
// called Close; probes learn a client's state from the error it returns
// before any network I/O. It imports no Redis library.
package conns

import (
	"context"
	"errors"
	"net"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/redisvet/redisvet/leakcheck/internal/stack"
)

// A Conn is one connection a client dialled, seen through the wrapper
// leakcheck put around it.
type Conn struct {
	Kind   string  // what the library used it for: KindPubSub, KindPool, ...
	API    string  // the library method the user called to dial it: "Subscribe"
	Remote string  // the server's address, "" when unknown
	Ptr    uintptr // the wrapper as the library holds it, for v8's pool

	busy atomic.Int32 // reads and writes in progress

	mu        sync.Mutex
	site      string // where the user called API, or last used it; "" when unknown
	closed    bool
	causes    uint32 // CloseBy* bits: who called Close, each time
	lastWrite []uintptr
	returned  bool // redigo: its last command was the pool taking it back
}

// What a library used a connection for.
const (
	KindPool      = "pool"      // a pooled connection
	KindPubSub    = "pubsub"    // a go-redis PubSub's own connection
	KindMux       = "mux"       // a rueidis client's shared pipeline
	KindDedicated = "dedicated" // a rueidis connection from its blocking pool
)

// Who closed a connection, as the stack of a Close call shows it.
const (
	CloseByOwner  = 1 << iota // the object that holds it: PubSub.Close, ...
	CloseByClient             // the client's Close, tearing down its pools
)

// A Set holds the connections of one client (one node of a Ring or a
// cluster).
type Set struct {
	// Classify sorts a Close call by its stack into CloseBy* bits. It runs
	// inside the library's Close, possibly under the pool's lock: it must
	// not call back into the client.
	Classify func(stack []runtime.Frame) uint32
	// RecordWrites keeps the stack of each connection's last write, to say
	// where a leaked one was last used.
	RecordWrites bool

	probing atomic.Int64 // the goroutine running a probe, whose writes fail

	mu    sync.Mutex
	conns []*Conn
}

// ErrProbe is what a probe gets instead of network I/O: probes learn a
// client's state from the error it returns before reaching the network.
var ErrProbe = errors.New("leakcheck: probe")

type probeKey struct{}

// ProbeContext is the context of a probe's command, which dialers built by
// leakcheck refuse (see IsProbe).
func ProbeContext() context.Context {
	return context.WithValue(context.Background(), probeKey{}, true)
}

// IsProbe reports whether ctx descends from ProbeContext.
func IsProbe(ctx context.Context) bool { return ctx.Value(probeKey{}) != nil }

// Opened reports whether a probe's error shows an open go-redis pool (v9
// or v8): it waited for a turn (the cancelled context) or tried to dial or
// write (ErrProbe).
func Opened(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, ErrProbe)
}

// Wrap records nc, dialled for kind by the user's call of api at site, and
// returns the wrapper the library gets instead.
func (s *Set) Wrap(nc net.Conn, kind, api, site string) net.Conn {
	c := &Conn{Kind: kind, API: api, site: site}
	if a := nc.RemoteAddr(); a != nil {
		c.Remote = a.String()
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
	c.Ptr = reflect.ValueOf(out).Pointer()
	s.add(c)
	return out
}

// Add records a connection that the caller wraps itself (redigo's are not
// net.Conns), for kind, dialled by the user's call of api at site.
func (s *Set) Add(kind, api, site string) *Conn {
	c := &Conn{Kind: kind, API: api, site: site}
	s.add(c)
	return c
}

func (s *Set) add(c *Conn) {
	s.mu.Lock()
	s.conns = append(s.conns, c)
	s.mu.Unlock()
}

// All returns the connections recorded so far.
func (s *Set) All() []*Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Conn(nil), s.conns...)
}

// Open returns the recorded connections of a kind not closed yet.
func (s *Set) Open(kind string) []*Conn {
	var out []*Conn
	for _, c := range s.All() {
		if c.Kind == kind && !c.IsClosed() {
			out = append(out, c)
		}
	}
	return out
}

// Probe runs fn with this set's connections refusing writes from the
// calling goroutine, so that a probe cannot reach the server even on a
// path that ignores its cancelled context.
func (s *Set) Probe(fn func()) {
	s.probing.Store(stack.Goid())
	defer s.probing.Store(0)
	fn()
}

// Opened says where the user opened the connection: " opened by Subscribe
// at leak_test.go:42", or nothing when a library goroutine dialled it.
func (c *Conn) Opened() string {
	site := c.Site()
	if site == "" {
		return ""
	}
	return " opened by " + c.API + stack.At(site)
}

// Site is where the user called API, or for redigo last used the
// connection; "" when unknown.
func (c *Conn) Site() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.site
}

// IsClosed reports whether the connection was closed.
func (c *Conn) IsClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// ClosedBy returns the CloseBy* bits of the Close calls so far.
func (c *Conn) ClosedBy() uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.causes
}

// Busy reports whether a read or write is in progress.
func (c *Conn) Busy() bool { return c.busy.Load() != 0 }

// MarkClosed records a Close seen by a wrapper of the caller's.
func (c *Conn) MarkClosed() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

// NoteCommand records a command sent through a wrapper of the caller's:
// returned says it is the pool taking the connection back (it is idle
// after it); otherwise site, when not "", is where the user sent it.
func (c *Conn) NoteCommand(returned bool, site string) {
	c.mu.Lock()
	c.returned = returned
	if !returned && site != "" {
		c.site = site
	}
	c.mu.Unlock()
}

// InUse reports whether the connection is open and, unless the pool was
// closed, not given back since the user's last command (see NoteCommand).
func (c *Conn) InUse(poolClosed bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.closed && (poolClosed || !c.returned)
}

// LastUse is the user's call site of the last write, "" when unknown.
func (c *Conn) LastUse() string {
	c.mu.Lock()
	pcs := c.lastWrite
	c.mu.Unlock()
	if pcs == nil {
		return ""
	}
	return stack.UserSite(stack.Frames(pcs))
}

// LastWriteHas reports whether the last write ran through a function
// starting with prefix.
func (c *Conn) LastWriteHas(prefix string) bool {
	c.mu.Lock()
	pcs := c.lastWrite
	c.mu.Unlock()
	return pcs != nil && stack.Has(stack.Frames(pcs), prefix)
}

// netConn is the wrapper: it sees every write and every Close.
type netConn struct {
	net.Conn
	c *Conn
	s *Set
}

func (w *netConn) Read(b []byte) (int, error) {
	w.c.busy.Add(1)
	defer w.c.busy.Add(-1)
	return w.Conn.Read(b)
}

func (w *netConn) Write(b []byte) (int, error) {
	if g := w.s.probing.Load(); g != 0 && stack.Goid() == g {
		return 0, ErrProbe
	}
	w.c.busy.Add(1)
	defer w.c.busy.Add(-1)
	if w.s.RecordWrites {
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
	if w.s.Classify != nil {
		cause = w.s.Classify(stack.Callers(1))
	}
	w.c.mu.Lock()
	w.c.closed = true
	w.c.causes |= cause
	w.c.mu.Unlock()
	return w.Conn.Close()
}

// The functions of the wrapper's Read and Write, as stacks name them.
const (
	readFunc  = stack.PathSelf + "/internal/conns.(*netConn).Read"
	writeFunc = stack.PathSelf + "/internal/conns.(*netConn).Write"
)

// IsIO reports whether fn is the wrapper's Read or Write: a goroutine with
// such a frame is using a connection that leakcheck wrapped.
func IsIO(fn string) bool { return fn == readFunc || fn == writeFunc }

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
