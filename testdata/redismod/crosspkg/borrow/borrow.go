// Package borrow hands out clients and handles its callers do not own, and // want package:"dealsInRedis"
// handles that come with the function that releases them.
package borrow

import (
	"context"
	"fmt"
	"log"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Registry builds one client per address and keeps it: a get-or-create
// cache. Its callers borrow what Get returns.
type Registry struct {
	mu      sync.Mutex
	clients map[string]*redis.Client
}

func (r *Registry) Get(addr string) *redis.Client {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.clients[addr]; ok {
		return c
	}
	c := redis.NewClient(&redis.Options{Addr: addr})
	r.clients[addr] = c
	return c
}

var (
	memoMu sync.Mutex
	memo   = map[string]*redis.Client{}
)

// Memoised keeps its clients in a package-level map.
func Memoised(addr string) (*redis.Client, error) {
	memoMu.Lock()
	defer memoMu.Unlock()
	c, ok := memo[addr]
	if !ok {
		c = redis.NewClient(&redis.Options{Addr: addr})
		memo[addr] = c
	}
	return c, nil
}

var syncPool sync.Map

// Pooled stores its clients in a sync.Map.
func Pooled(addr string) *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: addr})
	actual, _ := syncPool.LoadOrStore(addr, c)
	_ = actual
	return c
}

// NewTestClient registers the client's release with the test.
func NewTestClient(tb testing.TB) *redis.Client {
	c := redis.NewClient(&redis.Options{})
	tb.Cleanup(func() { _ = c.Close() })
	return c
}

// Fresh returns a new client: its callers own it.
func Fresh(addr string) *redis.Client { // want Fresh:`redis\(returns new client at 0; used; options from params \[0\]\)`
	c := redis.NewClient(&redis.Options{Addr: addr})
	if err := c.Ping(context.Background()).Err(); err != nil {
		_ = c.Close()
		return nil
	}
	return c
}

// Listen returns a PubSub with the function that closes it.
func Listen(ctx context.Context, rdb *redis.Client, ch string) (*redis.PubSub, func()) { // want Listen:`redis\(returns new pubsub at 0; result 1 releases 0; param 1 uses\)`
	ps := rdb.Subscribe(ctx, ch)
	return ps, func() { _ = ps.Close() }
}

// Session returns a Conn, its Close method as the cleanup, and an error.
func Session(ctx context.Context, rdb *redis.Client) (*redis.Conn, func() error, error) { // want Session:`redis\(returns new conn at 0; used; result 1 releases 0; param 1 uses\)`
	cn := rdb.Conn()
	if err := cn.Ping(ctx).Err(); err != nil {
		_ = cn.Close()
		return nil, nil, err
	}
	return cn, cn.Close, nil
}

// ListenTwice passes another helper's pair on.
func ListenTwice(ctx context.Context, rdb *redis.Client) (*redis.PubSub, func()) { // want ListenTwice:`redis\(returns new pubsub at 0; result 1 releases 0; param 1 uses\)`
	ps, done := Listen(ctx, rdb, "a")
	return ps, done
}

// Holder keeps a client once it answers.
type Holder struct{ rdb *redis.Client }

// Adopt keeps rdb only when it answers: on the error path the caller still
// owns it.
func Adopt(ctx context.Context, rdb *redis.Client) (*Holder, error) { // want Adopt:`redis\(param 1 keeps on success\)`
	if err := rdb.Ping(ctx).Err(); err != nil {
		return nil, err
	}
	return &Holder{rdb: rdb}, nil
}

// AdoptAlways keeps rdb on every path.
func AdoptAlways(ctx context.Context, rdb *redis.Client) (*Holder, error) { // want AdoptAlways:`redis\(param 1 keeps\)`
	h := &Holder{rdb: rdb}
	if err := rdb.Ping(ctx).Err(); err != nil {
		return h, err
	}
	return h, nil
}

// Close closes the held client.
func (h *Holder) Close() error { return h.rdb.Close() }

// Instrument adds a hook to the client it is given and keeps nothing: the
// log line and the error only format it.
func Instrument(rdb redis.UniversalClient) error { // want Instrument:`redis\(param 0 uses\)`
	switch rdb := rdb.(type) {
	case *redis.Client:
		log.Printf("instrumenting %v", rdb)
		rdb.AddHook(noopHook{})
		return nil
	default:
		return fmt.Errorf("instrument: %T not supported", rdb)
	}
}

type noopHook struct{}

func (noopHook) DialHook(next redis.DialHook) redis.DialHook          { return next }
func (noopHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }
func (noopHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// Instrumented returns a new, instrumented client: its callers own it.
// Instrument only uses the client, so it is not borrowed.
func Instrumented(addr string) (*redis.Client, error) { // want Instrumented:`redis\(returns new client at 0; used; options from params \[0\]\)`
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	if err := Instrument(rdb); err != nil {
		_ = rdb.Close()
		return nil, err
	}
	return rdb, nil
}
