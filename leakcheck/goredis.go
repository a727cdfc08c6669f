package leakcheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redisvet/redisvet/leakcheck/internal/conns"
	"github.com/redisvet/redisvet/leakcheck/internal/report"
	"github.com/redisvet/redisvet/leakcheck/internal/stack"
)

// Client checks a go-redis v9 client (github.com/redis/go-redis/v9): a
// *redis.Client (also from NewFailoverClient or a single-address
// NewUniversalClient), a *redis.Ring or a *redis.ClusterClient. At the end
// of the test it fails tb when the client was not closed, when a PubSub it
// opened was not closed before it, or when a *redis.Conn it lent kept its
// connection until the client was closed; and when a goroutine the test
// started is still running in go-redis.
//
// Call it right after building the client, before the test registers
// the client's Close: Client adds a hook to see the connections the client
// dials from then on, and its check must run after the Close. A defer in
// the test function, or a t.Cleanup registered after Client, runs first.
func Client(tb testing.TB, c redis.UniversalClient) {
	tb.Helper()
	ck := &v9check{nodes: map[*redis.Client]*v9node{}}
	switch c := c.(type) {
	case *redis.Client:
		ck.name = "*redis.Client"
		ck.attach(c)
	case *redis.Ring:
		// The shards exist already; a Ring builds more when its addresses
		// change.
		ck.name = "*redis.Ring"
		c.OnNewNode(ck.attach)
		_ = c.ForEachShard(context.Background(), func(_ context.Context, shard *redis.Client) error {
			ck.attach(shard)
			return nil
		})
	case *redis.ClusterClient:
		// Node clients are built on first use, after this call.
		ck.name = "*redis.ClusterClient"
		c.OnNewNode(ck.attach)
	default:
		tb.Fatalf("leakcheck.Client: %T is not a *redis.Client, *redis.Ring or *redis.ClusterClient", c)
		return
	}
	report.Register(tb, stack.PathV9, "close every PubSub (a PubSub's Channel runs until ps.Close()) and the client", nil, ck.findings)
}

// v9check is one Client call: the client and its node clients.
type v9check struct {
	name string // "*redis.Ring"

	mu    sync.Mutex
	nodes map[*redis.Client]*v9node
	order []*v9node
}

// v9node is one *redis.Client: the client itself, a shard or a cluster node.
type v9node struct {
	rdb   *redis.Client
	conns conns.Set

	mu sync.Mutex
	// next is the client's command chain below leakcheck's hook: a probe
	// calls it directly, without the hooks added before leakcheck's.
	next redis.ProcessHook
	// lent are the *redis.Conns the client built, with their chains.
	lent []v9lent
}

type v9lent struct {
	api, site string // "Conn", "leak_test.go:42"
	next      redis.ProcessHook
}

func (ck *v9check) attach(rdb *redis.Client) {
	ck.mu.Lock()
	if ck.nodes[rdb] != nil {
		ck.mu.Unlock()
		return
	}
	n := &v9node{rdb: rdb}
	n.conns.Classify = classifyV9
	ck.nodes[rdb] = n
	ck.order = append(ck.order, n)
	ck.mu.Unlock()
	rdb.AddHook(v9hook{n})
}

// classifyV9 tells a PubSub's Close from the client's, which closes every
// PubSub connection still open. A PubSub's reconnect is neither.
func classifyV9(st []runtime.Frame) uint32 {
	switch {
	case stack.HasFunc(st, stack.PathV9+"/internal/pool.(*PubSubPool).Close"),
		stack.HasFunc(st, stack.PathV9+"/internal/pool.(*ConnPool).Close"):
		return conns.CloseByClient
	case stack.HasFunc(st, stack.PathV9+".(*PubSub).Close"):
		return conns.CloseByOwner
	}
	return 0
}

// v9hook sees every dial of the client, and the command chains of the
// client and of each *redis.Conn it builds: go-redis builds a Conn's chain
// from the client's hooks, calling ProcessHook with the Conn's own next.
type v9hook struct{ n *v9node }

func (h v9hook) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if conns.IsProbe(ctx) {
			return nil, conns.ErrProbe
		}
		nc, err := next(ctx, network, addr)
		if err != nil || nc == nil {
			return nc, err
		}
		st := stack.Callers(1)
		kind := conns.KindPool
		if stack.Has(st, stack.PathV9+".(*PubSub).") {
			kind = conns.KindPubSub
		}
		api, site := stack.APIAndSite(st, stack.PathV9)
		return h.n.conns.Wrap(nc, kind, api, site), nil
	}
}

func (h v9hook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	st := stack.Callers(1)
	switch {
	case addedByLeakcheck(st):
		h.n.mu.Lock()
		h.n.next = next
		h.n.mu.Unlock()
	case stack.HasFunc(st, stack.PathV9+".(*Client).conn"):
		// Conn and EphemeralConn; not the Conns go-redis builds to
		// initialise connections, nor a Watch's Tx, which Watch closes.
		api, site := stack.APIAndSite(st, stack.PathV9)
		h.n.mu.Lock()
		h.n.lent = append(h.n.lent, v9lent{api: api, site: site, next: next})
		h.n.mu.Unlock()
	}
	return next
}

func (h v9hook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// addedByLeakcheck reports whether the chain is being rebuilt by
// leakcheck's own AddHook, not by a later AddHook of the user's.
func addedByLeakcheck(st []runtime.Frame) bool {
	for i, f := range st {
		if strings.HasSuffix(f.Function, ".(*hooksMixin).AddHook") && stack.InPackage(f.Function, stack.PathV9) {
			return i+1 < len(st) && stack.IsSelf(st[i+1].Function)
		}
	}
	return false
}

// probe sends PING down next with a cancelled context: go-redis answers
// "redis: client is closed" for a closed client or Conn before it looks at
// the context, and the context error otherwise; the dial hook and the
// connections refuse the probe, so it never reaches the server.
func (n *v9node) probe(next redis.ProcessHook) (err error) {
	ctx, cancel := context.WithCancel(conns.ProbeContext())
	cancel()
	n.conns.Probe(func() { err = next(ctx, redis.NewStatusCmd(ctx, "ping")) })
	return err
}

// closed reports whether the client was closed. Only the pool's answer to
// the cancelled context says it is open; any other error leaves it
// unknown, and leakcheck claims no leak it did not see.
func (n *v9node) closed() bool {
	n.mu.Lock()
	next := n.next
	n.mu.Unlock()
	return next == nil || !conns.Opened(n.probe(next))
}

func (ck *v9check) findings() []string {
	ck.mu.Lock()
	nodes := append([]*v9node(nil), ck.order...)
	ck.mu.Unlock()
	var out, open, held []string
	for _, n := range nodes {
		closed := n.closed()
		lent := n.unclosedLent()
		if !closed {
			open = append(open, n.rdb.Options().Addr)
			if h := n.held(lent); h != "" {
				held = append(held, h)
			}
		}
		out = append(out, report.PubSubFindings(&n.conns, "*redis.PubSub")...)
		if closed {
			for _, l := range lent {
				out = append(out, fmt.Sprintf("*redis.Conn from %s%s was not closed: it kept a pooled connection to %s checked out until the client was closed; add defer cn.Close() after %s",
					l.api, stack.At(l.site), n.rdb.Options().Addr, l.api))
			}
		}
	}
	if len(open) > 0 {
		out = append([]string{report.NotClosed(ck.name, open, held)}, out...)
	}
	return out
}

// unclosedLent probes each *redis.Conn the client lent: a closed one
// answers "client is closed". One still holding its connection tries to
// use it, which the probe refuses. One that never ran a command holds no
// connection: it gets the pool's answer, "client is closed" once the
// client is.
func (n *v9node) unclosedLent() []v9lent {
	n.mu.Lock()
	lent := append([]v9lent(nil), n.lent...)
	n.mu.Unlock()
	var out []v9lent
	for _, l := range lent {
		if !errors.Is(n.probe(l.next), redis.ErrClosed) {
			out = append(out, l)
		}
	}
	return out
}

// held describes what an open client's pool still lends: the connections
// checked out, and the Conns not closed.
func (n *v9node) held(lent []v9lent) string {
	st := n.rdb.PoolStats()
	out := int(st.TotalConns) - int(st.IdleConns)
	if out <= 0 {
		return ""
	}
	s := report.Plural(out, "connection") + " checked out of its pool"
	var sites []string
	for _, l := range lent {
		sites = append(sites, l.api+stack.At(l.site))
	}
	if len(sites) > 0 {
		s += ", by the *redis.Conn from " + strings.Join(sites, ", ")
	}
	return s
}
