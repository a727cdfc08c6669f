// Package borrowers uses the clients package borrow hands out: borrowed
// ones are never theirs to close.
package borrowers

import (
	"context"
	"testing"

	"example.com/redismod/crosspkg/borrow"
)

func fromRegistry(ctx context.Context, r *borrow.Registry, addrs []string) {
	for _, a := range addrs {
		r.Get(a).Ping(ctx)
	}
}

func fromMemo(ctx context.Context, addr string) error {
	c, err := borrow.Memoised(addr)
	if err != nil {
		return err
	}
	return c.Ping(ctx).Err()
}

func fromSyncMap(ctx context.Context, addr string) error {
	return borrow.Pooled(addr).Ping(ctx).Err()
}

func TestWithHelper(t *testing.T) {
	c := borrow.NewTestClient(t)
	c.Ping(context.Background())
}

func freshClosed(ctx context.Context, addr string) error {
	c := borrow.Fresh(addr)
	defer c.Close()
	return c.Ping(ctx).Err()
}

func freshLeaked(ctx context.Context, addr string) error {
	c := borrow.Fresh(addr) // want `the \*redis.Client from borrow.Fresh is not closed when this function returns at line \d+`
	return c.Ping(ctx).Err()
}
