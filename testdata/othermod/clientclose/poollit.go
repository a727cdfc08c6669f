package clientclose

import (
	"errors"
	"time"

	"github.com/gomodule/redigo/redis"
)

// redigo pools are built by a literal as often as by NewPool: the literal
// is the creation.

func dialLocal() (redis.Conn, error) { return redis.Dial("tcp", "127.0.0.1:6379") }

// Reported.

func literalLeaked() error {
	pool := &redis.Pool{MaxIdle: 3, Dial: dialLocal} // want `the \*redis.Pool from this literal is not closed when this function returns at line \d+: its idle connections stay open; add defer pool.Close\(\) after this line`
	c := pool.Get()
	defer c.Close()
	_, err := c.Do("PING")
	return err
}

// PoolCache stores a pool but has no way to close it.
type PoolCache struct {
	pool *redis.Pool
}

func NewPoolCache() *PoolCache {
	return &PoolCache{pool: &redis.Pool{MaxIdle: 3, IdleTimeout: time.Minute, Dial: dialLocal}} // want `the \*redis.Pool from this literal is stored in PoolCache.pool, but nothing in this package closes that field: its idle connections stay open`
}

func (c *PoolCache) Get(key string) (string, error) {
	conn := c.pool.Get()
	defer conn.Close()
	return redis.String(conn.Do("GET", key))
}

// Silent.

// A package-level pool lives as long as the program.
var shared = &redis.Pool{MaxIdle: 3, Dial: dialLocal}

func useShared() error {
	c := shared.Get()
	defer c.Close()
	_, err := c.Do("PING")
	return err
}

// newPool hands its pool to the caller, who closes it.
func newPool(addr string) *redis.Pool {
	return &redis.Pool{
		MaxIdle: 3,
		Dial:    func() (redis.Conn, error) { return redis.Dial("tcp", addr) },
	}
}

func literalClosed() error {
	pool := newPool("127.0.0.1:6379")
	defer pool.Close()
	c := pool.Get()
	defer c.Close()
	_, err := c.Do("PING")
	return err
}

func literalDeferred() error {
	pool := &redis.Pool{MaxIdle: 3, Dial: dialLocal}
	defer pool.Close()
	c := pool.Get()
	defer c.Close()
	_, err := c.Do("PING")
	return err
}

// PoolStore owns its pool and closes it.
type PoolStore struct {
	pool *redis.Pool
}

func NewPoolStore(addr string) *PoolStore {
	return &PoolStore{pool: newPool(addr)}
}

func NewLiteralPoolStore() *PoolStore {
	return &PoolStore{pool: &redis.Pool{MaxIdle: 2, Dial: dialLocal}}
}

func (s *PoolStore) Close() error { return s.pool.Close() }

// A pool dropped on a configuration error has dialled nothing yet.
func configured(maxIdle int) (*redis.Pool, error) {
	p := &redis.Pool{Dial: dialLocal}
	if maxIdle < 0 {
		return nil, errors.New("negative MaxIdle")
	}
	p.MaxIdle = maxIdle
	return p, nil
}

// A pool value (not a pointer) copied into a struct is not built here.
type holder struct{ p redis.Pool }

func copyPool() holder {
	return holder{p: redis.Pool{MaxIdle: 1}}
}

// Pools kept in a map, one per shard, live as long as the program.
var pools = map[string]*redis.Pool{}

func register(addrs []string) {
	for _, a := range addrs {
		pools[a] = &redis.Pool{MaxIdle: 1, Dial: func() (redis.Conn, error) { return redis.Dial("tcp", a) }}
	}
}
