package goredisv8check

import (
	"context"
	"fmt"
	"net"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/go-redis/redis/v8"

	"github.com/redisvet/redisvet/leakcheck/internal/conns"
	"github.com/redisvet/redisvet/leakcheck/internal/report"
	"github.com/redisvet/redisvet/leakcheck/internal/stack"
)

// Client checks a go-redis v8 client (github.com/go-redis/redis/v8): a
// *redis.Client (also from NewFailoverClient or a single-address
// NewUniversalClient), a *redis.Ring or a *redis.ClusterClient. At the end
// of the test it fails tb when the client was not closed, when a PubSub it
// opened was not closed before it, or when a *redis.Conn still held its
// pooled connection when the client was closed; and when a goroutine the
// test started is still running in go-redis v8.
//
// v8 has no dial hook: Client replaces the Dialer in the client's Options
// (for a cluster, its NewClient, which builds the nodes), which the pool
// reads at each dial. So call it right after building the client, before
// anything uses it, and before the test registers the client's Close. A
// client with MinIdleConns dials from the start, and a Ring's heartbeat
// dials its shards: for those Client checks that they were closed and the
// goroutines, not their PubSubs and Conns.
func Client(tb testing.TB, c redis.UniversalClient) {
	tb.Helper()
	ck := &v8check{tb: tb}
	switch c := c.(type) {
	case *redis.Client:
		ck.name = "*redis.Client"
		ck.attach(c, true)
	case *redis.Ring:
		ck.name = "*redis.Ring"
		_ = c.ForEachShard(context.Background(), func(_ context.Context, shard *redis.Client) error {
			ck.attach(shard, false)
			return nil
		})
	case *redis.ClusterClient:
		// Node clients are built on first use, by Options().NewClient.
		ck.name = "*redis.ClusterClient"
		opt := c.Options()
		build := opt.NewClient
		opt.NewClient = func(o *redis.Options) *redis.Client {
			n := build(o)
			ck.attach(n, true)
			return n
		}
	default:
		tb.Fatalf("goredisv8check.Client: %T is not a *redis.Client, *redis.Ring or *redis.ClusterClient", c)
		return
	}
	report.Register(tb, stack.PathV8, "close every PubSub (a PubSub's Channel runs until ps.Close()) and the client", nil, ck.findings)
}

type v8check struct {
	tb   testing.TB
	name string

	mu    sync.Mutex
	nodes []*v8node
}

type v8node struct {
	rdb   *redis.Client
	conns conns.Set
	blind string // why dials are not tracked, "" when they are

	mu sync.Mutex
	// atClose are the pooled connections the client's Close found checked
	// out; snapped tells that Close was seen, known that its pool was read.
	atClose        []*conns.Conn
	snapped, known bool
}

func (ck *v8check) attach(rdb *redis.Client, dials bool) {
	n := &v8node{rdb: rdb}
	n.conns.Classify = n.classify
	n.conns.RecordWrites = true
	ck.mu.Lock()
	ck.nodes = append(ck.nodes, n)
	ck.mu.Unlock()
	opt := rdb.Options()
	switch {
	case !dials:
		n.blind = "the heartbeat of a Ring dials its shards"
		return
	case opt.MinIdleConns > 0:
		n.blind = "MinIdleConns > 0 makes the pool dial in the background"
		return
	}
	dial := opt.Dialer
	opt.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if conns.IsProbe(ctx) {
			return nil, conns.ErrProbe
		}
		nc, err := dial(ctx, network, addr)
		if err != nil || nc == nil {
			return nc, err
		}
		st := stack.Callers(1)
		kind := conns.KindPool
		if stack.Has(st, stack.PathV8+".(*PubSub).") {
			kind = conns.KindPubSub
		}
		api, site := stack.APIAndSite(st, stack.PathV8)
		return n.conns.Wrap(nc, kind, api, site), nil
	}
}

// classify tells a PubSub's Close from the client's, which closes every
// connection of its pool, PubSubs' included; a PubSub's reconnect is
// neither. At the first connection the client's Close closes, it reads
// which ones were checked out.
func (n *v8node) classify(st []runtime.Frame) uint32 {
	switch {
	case stack.HasFunc(st, stack.PathV8+"/internal/pool.(*ConnPool).Close"):
		n.snapAtClose()
		return conns.CloseByClient
	case stack.HasFunc(st, stack.PathV8+".(*PubSub).Close"):
		return conns.CloseByOwner
	}
	return 0
}

// snapAtClose records the pooled connections checked out when the client
// was closed, which v8 does not tell once closed: it empties the pool. v8
// is frozen (v8.11.5 is its last release), so the check reads the pool's
// idle list with reflection, here, inside ConnPool.Close, on the goroutine
// that holds the pool's lock. If the fields are not there, it gives up.
func (n *v8node) snapAtClose() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.snapped {
		return
	}
	n.snapped = true
	idle, ok := v8IdleConns(n.rdb)
	if !ok {
		return
	}
	n.known = true
	for _, c := range n.conns.All() {
		if c.Kind == conns.KindPool && !c.IsClosed() && !idle[c.Ptr] && !c.Busy() {
			n.atClose = append(n.atClose, c)
		}
	}
}

// v8IdleConns returns the connections in the pool's idle list, as the
// pointers leakcheck's wrappers have.
func v8IdleConns(rdb *redis.Client) (map[uintptr]bool, bool) {
	bc := reflect.ValueOf(rdb).Elem().FieldByName("baseClient")
	if bc.Kind() != reflect.Pointer || bc.IsNil() {
		return nil, false
	}
	p := bc.Elem().FieldByName("connPool")
	if p.Kind() != reflect.Interface || p.IsNil() {
		return nil, false
	}
	p = p.Elem()
	if p.Kind() != reflect.Pointer || p.Type().String() != "*pool.ConnPool" {
		return nil, false
	}
	list := p.Elem().FieldByName("idleConns")
	if list.Kind() != reflect.Slice {
		return nil, false
	}
	idle := map[uintptr]bool{}
	for i := range list.Len() {
		cn := list.Index(i)
		if cn.Kind() != reflect.Pointer || cn.IsNil() {
			return nil, false
		}
		nc := cn.Elem().FieldByName("netConn")
		if nc.Kind() != reflect.Interface {
			return nil, false
		}
		if !nc.IsNil() && nc.Elem().Kind() == reflect.Pointer {
			idle[nc.Elem().Pointer()] = true
		}
	}
	return idle, true
}

// closed probes the client with a cancelled context: v8's pool answers
// "redis: client is closed" before it looks at the context (see conns.Opened).
func (n *v8node) closed() bool {
	ctx, cancel := context.WithCancel(conns.ProbeContext())
	cancel()
	var err error
	n.conns.Probe(func() { err = n.rdb.Ping(ctx).Err() })
	return !conns.Opened(err)
}

func (ck *v8check) findings() []string {
	ck.mu.Lock()
	nodes := append([]*v8node(nil), ck.nodes...)
	ck.mu.Unlock()
	var out, open, held []string
	for _, n := range nodes {
		n.mu.Lock()
		unread := n.snapped && !n.known
		n.mu.Unlock()
		switch {
		case n.blind != "":
			ck.tb.Logf("leakcheck: PubSubs and Conns of the client for %s are not checked: %s", n.rdb.Options().Addr, n.blind)
		case unread:
			ck.tb.Logf("leakcheck: Conns of the client for %s are not checked: its pool is not the one of go-redis v8.11.5", n.rdb.Options().Addr)
		}
		if !n.closed() {
			open = append(open, n.rdb.Options().Addr)
			if h := n.held(); h != "" {
				held = append(held, h)
			}
		}
		out = append(out, report.PubSubFindings(&n.conns, "*redis.PubSub")...)
		out = append(out, n.lentFindings()...)
	}
	if len(open) > 0 {
		out = append([]string{report.NotClosed(ck.name, open, held)}, out...)
	}
	return out
}

// held describes what an open client's pool still lends: the pooled
// connections checked out, in TotalConns but not in IdleConns (as are
// PubSubs' in v8), and where Conns last used them.
func (n *v8node) held() string {
	st := n.rdb.PoolStats()
	out := int(st.TotalConns) - int(st.IdleConns) - len(n.conns.Open(conns.KindPubSub))
	if out <= 0 {
		return ""
	}
	s := report.Plural(out, "connection") + " checked out of its pool"
	var sites []string
	for _, c := range n.conns.Open(conns.KindPool) {
		if c.LastWriteHas(stack.PathV8 + ".(*Conn).") {
			sites = append(sites, c.LastUse())
		}
	}
	if len(sites) > 0 {
		s += ", by a *redis.Conn last used at " + strings.Join(sites, ", ")
	}
	return s
}

// lentFindings reports the connections a *redis.Conn held when the client
// was closed: checked out, idle in no command, last written by a Conn.
func (n *v8node) lentFindings() []string {
	n.mu.Lock()
	held := n.atClose
	n.mu.Unlock()
	var out []string
	for _, c := range held {
		if c.LastWriteHas(stack.PathV8 + ".(*Conn).") {
			out = append(out, fmt.Sprintf("*redis.Conn last used%s was still open when the client was closed: it kept a pooled connection to %s checked out; add defer cn.Close() after rdb.Conn(ctx)",
				stack.At(c.LastUse()), c.Remote))
		}
	}
	return out
}
