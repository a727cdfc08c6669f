// Package borrowers uses the clients package borrow hands out: borrowed
// ones are never theirs to close.
package borrowers

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"

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

func adoptedInline(ctx context.Context, addr string) (*borrow.Holder, error) {
	h, err := borrow.Adopt(ctx, redis.NewClient(&redis.Options{Addr: addr})) // want `the \*redis.Client from redis.NewClient is not closed when this function returns at line \d+: .*; close it on that path too`
	if err != nil {
		return nil, err
	}
	return h, nil
}

func adoptedClosedOnError(ctx context.Context, addr string) (*borrow.Holder, error) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	h, err := borrow.Adopt(ctx, rdb)
	if err != nil {
		rdb.Close()
		return nil, err
	}
	return h, nil
}

func adoptedErrorIgnored(ctx context.Context, addr string) *borrow.Holder {
	h, _ := borrow.Adopt(ctx, redis.NewClient(&redis.Options{Addr: addr}))
	return h
}

func adoptedAlways(ctx context.Context, addr string) (*borrow.Holder, error) {
	h, err := borrow.AdoptAlways(ctx, redis.NewClient(&redis.Options{Addr: addr}))
	if err != nil {
		return nil, err
	}
	return h, nil
}

func instrumentedLeaked(ctx context.Context, addr string) error {
	rdb, err := borrow.Instrumented(addr) // want `the \*redis.Client from borrow.Instrumented is not closed when this function returns at line \d+`
	if err != nil {
		return err
	}
	return rdb.Ping(ctx).Err()
}

func instrumentedClosed(ctx context.Context, addr string) error {
	rdb, err := borrow.Instrumented(addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	return rdb.Ping(ctx).Err()
}

func instrumentedHere(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	if err := borrow.Instrument(rdb); err != nil {
		return err
	}
	return rdb.Ping(ctx).Err()
}
