// Package connclose holds redigo and rueidis connections: Conns from a
// Pool's Get, from Dial, and rueidis/valkey-go DedicatedClients.
package connclose

import (
	"context"

	"github.com/gomodule/redigo/redis"
)

// Reported.

func leakOnError(pool *redis.Pool) error {
	c := pool.Get() // want `the redis.Conn from Get is not closed when this function returns at line \d+: the pool never takes its connection back.*connection pool exhausted.*; add defer c.Close\(\) after this line`
	if _, err := c.Do("PING"); err != nil {
		return err
	}
	return c.Close()
}

func inline(pool *redis.Pool) error {
	_, err := pool.Get().Do("PING") // want `the redis.Conn from Get is not closed`
	return err
}

func unusedGet(pool *redis.Pool) {
	pool.Get() // want `the redis.Conn from Get is discarded without being closed: the pool never takes its connection back`
}

// Pooler is an application's own pool interface, as redsync declares it:
// its Get is a source too.
type Pooler interface{ Get() redis.Conn }

func throughInterface(p Pooler) (string, error) {
	c := p.Get() // want `the redis.Conn from Get is not closed`
	return redis.String(c.Do("GET", "k"))
}

func dialed(ctx context.Context) error {
	c, err := redis.DialContext(ctx, "tcp", ":6379") // want `the redis.Conn from redis.DialContext is not closed when this function returns at line \d+: its TCP connection stays open until the garbage collector reclaims the conn`
	if err != nil {
		return err
	}
	_, err = c.Do("PING")
	return err
}

func deferInLoop(pool *redis.Pool, keys []string) {
	for _, k := range keys {
		c := pool.Get() // want `the redis.Conn from Get is closed by a defer in the loop body`
		defer c.Close()
		c.Do("DEL", k)
	}
}

// Silent.

func deferred(pool *redis.Pool) (string, error) {
	c := pool.Get()
	defer c.Close()
	return redis.String(c.Do("GET", "k"))
}

func withContext(ctx context.Context, pool *redis.Pool) error {
	c, err := pool.GetContext(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Do("PING")
	return err
}

func closedInLoop(pool *redis.Pool, keys []string) {
	for _, k := range keys {
		c := pool.Get()
		c.Do("DEL", k)
		c.Close()
	}
}

// handedBack returns the conn: the caller closes it.
func handedBack(pool *redis.Pool) redis.Conn {
	return pool.Get()
}

func callerOfHandedBack(pool *redis.Pool) {
	c := handedBack(pool)
	defer c.Close()
	c.Do("PING")
}

// pubsub wraps the conn: closing the PubSubConn closes it.
func pubsub(pool *redis.Pool) error {
	psc := redis.PubSubConn{Conn: pool.Get()}
	defer psc.Close()
	return psc.Subscribe("events")
}

// session stores the conn in a struct whose Close closes it.
type session struct{ c redis.Conn }

func (s *session) Close() error { return s.c.Close() }

func open(p Pooler) *session { return &session{c: p.Get()} }

// newPool dials inside the pool's Dial function: the pool owns those.
func newPool(addr string) *redis.Pool {
	return &redis.Pool{
		MaxIdle: 4,
		Dial:    func() (redis.Conn, error) { return redis.Dial("tcp", addr) },
	}
}

func dialedAndClosed(ctx context.Context) error {
	c, err := redis.DialContext(ctx, "tcp", ":6379")
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Do("PING")
	return err
}

// lookalike has a Get that returns something else.
type lookalike struct{}

func (lookalike) Get() string { return "" }

func notASource(l lookalike) string { return l.Get() }

// namedResult keeps err in a variable, since the function defers: the
// error check still says the conn is an error conn, which needs no Close.
func namedResult(ctx context.Context, pool *redis.Pool) (err error) {
	c, err := pool.GetContext(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Do("PING")
	return err
}
