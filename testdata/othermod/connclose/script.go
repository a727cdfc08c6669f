package connclose

import (
	"time"

	"github.com/gomodule/redigo/redis"
)

// The library's helpers that take a conn (Script.Do, DoWithTimeout) use
// it and give it back: the caller still has to close it.

var getScript = redis.NewScript(1, `return redis.call("GET", KEYS[1])`)

// Reported.

func scriptInline(pool *redis.Pool, key string) (string, error) {
	return redis.String(getScript.Do(pool.Get(), key)) // want `the redis.Conn from Get is not closed when this function returns at line \d+: the pool never takes its connection back`
}

func withTimeout(pool *redis.Pool) error {
	c := pool.Get() // want `the redis.Conn from Get is not closed when this function returns at line \d+`
	_, err := redis.DoWithTimeout(c, time.Second, "PING")
	return err
}

// Silent.

func scriptClosed(pool *redis.Pool, key string) (string, error) {
	c := pool.Get()
	defer c.Close()
	return redis.String(getScript.Do(c, key))
}

func loadThenClose(pool *redis.Pool) error {
	c := pool.Get()
	if err := getScript.Load(c); err != nil {
		c.Close()
		return err
	}
	return c.Close()
}

// A PubSubConn wraps the conn, and closing it closes the conn.
func subscriber(pool *redis.Pool) redis.PubSubConn {
	return redis.PubSubConn{Conn: pool.Get()}
}

func receiveClosed(pool *redis.Pool) (any, error) {
	c := pool.Get()
	defer c.Close()
	return redis.ReceiveWithTimeout(c, time.Second)
}
