package clientclose

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"
)

// Owner types built by a helper that takes the client as a parameter.

type KeyReader interface {
	Get(ctx context.Context, key string) (string, error)
	Close() error
}

type forgetful struct {
	rdb    *redis.Client
	prefix string
}

func newForgetful(rdb *redis.Client, prefix string) (*forgetful, error) {
	if prefix == "" {
		return nil, errors.New("no prefix")
	}
	return &forgetful{rdb: rdb, prefix: prefix}, nil
}

func (f *forgetful) Get(ctx context.Context, key string) (string, error) {
	return f.rdb.Get(ctx, f.prefix+key).Result()
}

// Close forgets the client.
func (f *forgetful) Close() error { return nil }

// NewForgetful hands its client to a helper that builds the owner, and
// returns it behind an interface whose Close leaks the pool.
func NewForgetful(addr, prefix string) (KeyReader, error) {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `the \*redis.Client from redis.NewClient is stored in forgetful.rdb, but nothing in this package closes that field: .*; close its rdb field in \(\*clientclose.forgetful\).Close`
	c, err := newForgetful(rdb, prefix)
	if err != nil {
		_ = rdb.Close()
		return nil, err
	}
	return c, nil
}

type careful struct{ rdb *redis.Client }

func newCareful(rdb *redis.Client) *careful { return &careful{rdb: rdb} }

func (c *careful) Get(ctx context.Context, key string) (string, error) {
	return c.rdb.Get(ctx, key).Result()
}

func (c *careful) Close() error { return c.rdb.Close() }

// NewCareful's owner closes its client.
func NewCareful(addr string) KeyReader {
	return newCareful(redis.NewClient(&redis.Options{Addr: addr}))
}

// NewCarefulChecked closes the client when the helper fails.
func NewCarefulChecked(ctx context.Context, addr string) (KeyReader, error) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, err
	}
	return newCareful(rdb), nil
}

type exportedOwner struct{ RDB *redis.Client }

func newExportedOwner(rdb *redis.Client) *exportedOwner { return &exportedOwner{RDB: rdb} }

// NewExportedOwner stores the client in an exported field, which other
// packages may close.
func NewExportedOwner(addr string) *exportedOwner {
	return newExportedOwner(redis.NewClient(&redis.Options{Addr: addr}))
}
