package connclose

import (
	"context"
	"errors"
	"log"
	"testing"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func deferred(ctx context.Context, rdb *redis.Client) error {
	cn := rdb.Conn()
	defer cn.Close()
	return cn.ClientSetName(ctx, "worker").Err()
}

func unusedDiscarded(rdb *redis.Client) {
	rdb.Conn()
}

func unusedBlank(rdb *redis.Client) {
	_ = rdb.Conn()
}

func returned(rdb *redis.Client) *redis.Conn {
	return rdb.Conn()
}

func returnedAfterSetup(ctx context.Context, rdb *redis.Client) (*redis.Conn, error) {
	cn := rdb.Conn()
	if err := cn.Select(ctx, 2).Err(); err != nil {
		_ = cn.Close()
		return nil, err
	}
	return cn, nil
}

type session struct{ cn *redis.Conn }

func stored(rdb *redis.Client) *session {
	return &session{cn: rdb.Conn()}
}

func sent(rdb *redis.Client, out chan<- *redis.Conn) {
	out <- rdb.Conn()
}

func goroutine(ctx context.Context, rdb *redis.Client) {
	cn := rdb.Conn()
	go func() {
		defer cn.Close()
		cn.Ping(ctx)
	}()
}

func cleanup(t *testing.T, rdb *redis.Client) *redis.Conn {
	cn := rdb.Conn()
	t.Cleanup(func() { cn.Close() })
	return cn
}

func release(cn *redis.Conn) {
	if err := cn.Close(); err != nil {
		log.Print(err)
	}
}

func helper(ctx context.Context, rdb *redis.Client) {
	cn := rdb.Conn()
	cn.Ping(ctx)
	release(cn)
}

func fatal(ctx context.Context, rdb *redis.Client) {
	cn := rdb.Conn()
	if err := cn.Ping(ctx).Err(); err != nil {
		log.Fatal(err)
	}
	cn.Close()
}

func panics(ctx context.Context, rdb *redis.Client) {
	cn := rdb.Conn()
	if err := cn.Ping(ctx).Err(); err != nil {
		panic(err)
	}
	cn.Close()
}

func perIteration(ctx context.Context, rdb *redis.Client, keys []string) {
	for _, k := range keys {
		cn := rdb.Conn()
		cn.Get(ctx, k)
		cn.Close()
	}
}

func selectClose(ctx context.Context, rdb *redis.Client, done <-chan struct{}) error {
	cn := rdb.Conn()
	defer cn.Close()
	select {
	case <-done:
		return errors.New("done")
	case <-ctx.Done():
		return ctx.Err()
	}
}

func v8Deferred(ctx context.Context, rdb *redisv8.Client) {
	cn := rdb.Conn(ctx)
	defer cn.Close()
	cn.Ping(ctx)
}

// WithTimeout returns a clone: a *Client, not a Conn, and not owned.
func withTimeout(ctx context.Context, rdb *redis.Client) {
	rdb.WithTimeout(0).Ping(ctx)
}

// A Tx's Close is not a Conn's, and a Tx is not tracked.
func watch(ctx context.Context, rdb *redis.Client) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		return tx.Get(ctx, "k").Err()
	}, "k")
}

type pool struct{}

func (pool) Conn() *pool   { return nil }
func (*pool) Close() error { return nil }

func lookalike(p pool) {
	p.Conn()
}

func closedInLiteralCalledNow(ctx context.Context, rdb *redis.Client) {
	cn := rdb.Conn()
	func() {
		defer cn.Close()
		cn.Ping(ctx)
	}()
}

// unusedOnEarlyReturn returns before the Conn runs a command: it holds no
// pooled connection yet on that path.
func unusedOnEarlyReturn(ctx context.Context, rdb *redis.Client, name string) error {
	cn := rdb.Conn()
	if name == "" {
		return nil
	}
	defer cn.Close()
	return cn.ClientSetName(ctx, name).Err()
}
