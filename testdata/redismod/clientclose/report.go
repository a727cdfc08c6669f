// Package clientclose holds the cases the clientclose check must report.
package clientclose

import (
	"context"
	"errors"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func oneShot(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `the \*redis.Client from redis.NewClient is not closed when this function returns at line 14: its pooled connections stay open until the garbage collector reclaims the client; add defer rdb.Close\(\) after this line`
	return rdb.Ping(ctx).Err()
}

func closedOnlyOnSuccess(ctx context.Context, addr string) error {
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{addr}}) // want `not closed when this function returns at line 20`
	if err := rdb.Ping(ctx).Err(); err != nil {
		return err
	}
	return rdb.Close()
}

// discardedWarm asks for idle connections, which the pool dials at once.
func discardedWarm(addr string) {
	redis.NewClient(&redis.Options{Addr: addr, MinIdleConns: 4}) // want `discarded without being closed`
}

func universal(ctx context.Context, addrs []string) {
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs}) // want `the redis.UniversalClient from redis.NewUniversalClient is not closed`
	rdb.Ping(ctx)
}

func ring(ctx context.Context) {
	r := redis.NewRing(&redis.RingOptions{}) // want `not closed`
	r.Ping(ctx)
}

func v8Client(ctx context.Context) {
	rdb := redisv8.NewFailoverClient(&redisv8.FailoverOptions{}) // want `not closed`
	rdb.Ping(ctx)
}

// Store owns a client but nothing can close it.
type Store struct {
	rdb *redis.Client
}

func NewStore(addr string) *Store {
	return &Store{rdb: redis.NewClient(&redis.Options{Addr: addr})} // want `the \*redis.Client from redis.NewClient is stored in Store.rdb, but nothing in this package closes that field: its pooled connections stay open until the garbage collector reclaims the client; add a Close method to Store that closes its rdb field`
}

func (s *Store) Get(ctx context.Context, k string) (string, error) {
	return s.rdb.Get(ctx, k).Result()
}

// Cache holds the interface type.
type Cache struct {
	client redis.UniversalClient
	name   string
}

func NewCache(addrs []string) (Cache, error) {
	if len(addrs) == 0 {
		return Cache{}, errors.New("no addresses")
	}
	c := Cache{name: "cache"}
	c.client = redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs}) // want `stored in Cache.client, but nothing in this package closes that field`
	return c, nil
}

func (c Cache) Name() string { return c.name }

func loopLeak(ctx context.Context, addrs []string) {
	var rdb *redis.Client
	for _, a := range addrs {
		rdb = redis.NewClient(&redis.Options{Addr: a}) // want `created in a loop and not closed before the next iteration creates another`
		rdb.Ping(ctx)
	}
	if rdb != nil {
		rdb.Close()
	}
}

// Index is generic and cannot close its client.
type Index[K comparable] struct {
	rdb  *redis.Client
	keys map[K]string
}

func NewIndex[K comparable]() *Index[K] {
	return &Index[K]{rdb: redis.NewClient(&redis.Options{}), keys: map[K]string{}} // want `stored in Index.rdb, but nothing in this package closes that field`
}

func (x *Index[K]) Get(ctx context.Context, k K) string {
	return x.rdb.Get(ctx, x.keys[k]).Val()
}

// HiddenCache hides its implementation behind an interface whose Close forgets
// the client.
type HiddenCache interface {
	Get(ctx context.Context, key string) (string, error)
	Close() error
}

type redisCache struct{ rdb *redis.Client }

func NewHiddenCache(addr string) HiddenCache {
	return &redisCache{rdb: redis.NewClient(&redis.Options{Addr: addr})} // want `the \*redis.Client from redis.NewClient is stored in redisCache.rdb, but nothing in this package closes that field`
}

func (c *redisCache) Get(ctx context.Context, key string) (string, error) {
	return c.rdb.Get(ctx, key).Result()
}

func (c *redisCache) Close() error { return nil }
