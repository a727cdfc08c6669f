package leakcheck

import (
	"context"
	"fmt"
	"net"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	redisv8 "github.com/go-redis/redis/v8"
)

// ClientV8 is Client for go-redis v8 (github.com/go-redis/redis/v8): a
// *redis.Client, a *redis.Ring or a *redis.ClusterClient. v8 has no dial
// hook: ClientV8 replaces the Dialer in the client's Options (for a
// cluster, its NewClient, which builds the nodes), which the pool reads
// at each dial. So call it right after building the client, before
// anything uses it. A client with MinIdleConns dials from the start, and a
// Ring's heartbeat dials its shards: for those ClientV8 checks that they
// were closed and the goroutines, not their PubSubs and Conns.
func ClientV8(tb testing.TB, c redisv8.UniversalClient) {
	tb.Helper()
	ck := &v8check{tb: tb}
	switch c := c.(type) {
	case *redisv8.Client:
		ck.name = "*redis.Client"
		ck.attach(c, true)
	case *redisv8.Ring:
		ck.name = "*redis.Ring"
		_ = c.ForEachShard(context.Background(), func(_ context.Context, shard *redisv8.Client) error {
			ck.attach(shard, false)
			return nil
		})
	case *redisv8.ClusterClient:
		// Node clients are built on first use, by Options().NewClient.
		ck.name = "*redis.ClusterClient"
		opt := c.Options()
		build := opt.NewClient
		opt.NewClient = func(o *redisv8.Options) *redisv8.Client {
			n := build(o)
			ck.attach(n, true)
			return n
		}
	default:
		tb.Fatalf("leakcheck.ClientV8: %T is not a *redis.Client, *redis.Ring or *redis.ClusterClient", c)
		return
	}
	register(tb, pathV8, "close every PubSub (a PubSub's Channel runs until ps.Close()) and the client", nil, ck.findings)
}

type v8check struct {
	tb   testing.TB
	name string

	mu    sync.Mutex
	nodes []*v8node
}

type v8node struct {
	rdb   *redisv8.Client
	conns connSet
	blind string // why dials are not tracked, "" when they are

	mu sync.Mutex
	// atClose are the pooled connections the client's Close found checked
	// out; snapped tells that Close was seen, known that its pool was read.
	atClose        []*conn
	snapped, known bool
}

func (ck *v8check) attach(rdb *redisv8.Client, dials bool) {
	n := &v8node{rdb: rdb}
	n.conns.classify = n.classify
	n.conns.recordWrites = true
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
		if isProbe(ctx) {
			return nil, errProbe
		}
		nc, err := dial(ctx, network, addr)
		if err != nil || nc == nil {
			return nc, err
		}
		st := callers(1)
		kind := kindPool
		if has(st, pathV8+".(*PubSub).") {
			kind = kindPubSub
		}
		api, site := apiAndSite(st, pathV8)
		return n.conns.wrap(nc, kind, api, site), nil
	}
}

// classify tells a PubSub's Close from the client's, which closes every
// connection of its pool, PubSubs' included; a PubSub's reconnect is
// neither. At the first connection the client's Close closes, it reads
// which ones were checked out.
func (n *v8node) classify(st []runtime.Frame) uint32 {
	switch {
	case hasFunc(st, pathV8+"/internal/pool.(*ConnPool).Close"):
		n.snapAtClose()
		return closeByClient
	case hasFunc(st, pathV8+".(*PubSub).Close"):
		return closeByOwner
	}
	return 0
}

// snapAtClose records the pooled connections checked out when the client
// was closed, which v8 does not tell once closed: it empties the pool. v8
// is frozen (v8.11.5 is its last release), so leakcheck reads the pool's
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
	for _, c := range n.conns.all() {
		if c.kind == kindPool && !c.isClosed() && !idle[c.ptr] && c.busy.Load() == 0 {
			n.atClose = append(n.atClose, c)
		}
	}
}

// v8IdleConns returns the connections in the pool's idle list, as the
// pointers leakcheck's wrappers have.
func v8IdleConns(rdb *redisv8.Client) (map[uintptr]bool, bool) {
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
// "redis: client is closed" before it looks at the context (see opened).
func (n *v8node) closed() bool {
	ctx, cancel := context.WithCancel(probeContext())
	cancel()
	var err error
	n.conns.probe(func() { err = n.rdb.Ping(ctx).Err() })
	return !opened(err)
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
		out = append(out, pubsubFindings(&n.conns, "*redis.PubSub")...)
		out = append(out, n.lentFindings()...)
	}
	if len(open) > 0 {
		out = append([]string{notClosed(ck.name, open, held)}, out...)
	}
	return out
}

// held describes what an open client's pool still lends: the pooled
// connections checked out, in TotalConns but not in IdleConns (as are
// PubSubs' in v8), and where Conns last used them.
func (n *v8node) held() string {
	st := n.rdb.PoolStats()
	out := int(st.TotalConns) - int(st.IdleConns) - len(n.conns.open(kindPubSub))
	if out <= 0 {
		return ""
	}
	s := plural(out, "connection") + " checked out of its pool"
	var sites []string
	for _, c := range n.conns.open(kindPool) {
		if c.lastWriteHas(pathV8 + ".(*Conn).") {
			sites = append(sites, c.lastUse())
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
		if c.lastWriteHas(pathV8 + ".(*Conn).") {
			out = append(out, fmt.Sprintf("*redis.Conn last used%s was still open when the client was closed: it kept a pooled connection to %s checked out; add defer cn.Close() after rdb.Conn(ctx)",
				at(c.lastUse()), c.remote))
		}
	}
	return out
}
