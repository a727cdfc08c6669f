package clientchurn

import (
	"net/http"

	"github.com/gomodule/redigo/redis"
)

func dialLocal() (redis.Conn, error) { return redis.Dial("tcp", "127.0.0.1:6379") }

// Reported.

func literalPerRequest(w http.ResponseWriter, r *http.Request) {
	pool := &redis.Pool{MaxIdle: 3, Dial: dialLocal} // want `the \*redis.Pool from this literal is built on every request by this HTTP handler: each one dials its own connections and reuses none of the others'`
	defer pool.Close()
	c := pool.Get()
	defer c.Close()
	c.Do("PING")
}

func literalPerIteration(keys []string) error {
	for _, k := range keys {
		pool := &redis.Pool{MaxIdle: 1, Dial: dialLocal} // want `the \*redis.Pool from this literal is built on every iteration of the loop at line \d+`
		c := pool.Get()
		_, err := c.Do("DEL", k)
		c.Close()
		pool.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// Silent.

// handlerPool is built once, when the handler is made.
func handlerPool() http.HandlerFunc {
	pool := &redis.Pool{MaxIdle: 3, Dial: dialLocal}
	return func(w http.ResponseWriter, r *http.Request) {
		c := pool.Get()
		defer c.Close()
		c.Do("PING")
	}
}

// perShard builds one pool per address: it cannot be hoisted.
func perShard(addrs []string) error {
	for _, addr := range addrs {
		pool := &redis.Pool{MaxIdle: 1, Dial: func() (redis.Conn, error) { return redis.Dial("tcp", addr) }}
		c := pool.Get()
		_, err := c.Do("PING")
		c.Close()
		pool.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// Pools kept after the loop, one per shard.
func keepAll(addrs []string) []*redis.Pool {
	var out []*redis.Pool
	for _, addr := range addrs {
		out = append(out, &redis.Pool{MaxIdle: 1, Dial: func() (redis.Conn, error) { return redis.Dial("tcp", addr) }})
	}
	return out
}
