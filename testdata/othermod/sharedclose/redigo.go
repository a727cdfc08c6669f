package sharedclose

import (
	"net/http"
	"time"

	"github.com/gomodule/redigo/redis"
)

// Reported.

func testedPool(addr string) *redis.Pool {
	return &redis.Pool{
		MaxIdle: 3,
		Dial:    func() (redis.Conn, error) { return redis.Dial("tcp", addr) },
		TestOnBorrow: func(c redis.Conn, t time.Time) error {
			if time.Since(t) < time.Minute {
				return nil
			}
			_, err := c.Do("PING")
			c.Close() // want `c.Close\(\) closes the conn that the pool lends to TestOnBorrow`
			return err
		},
	}
}

type server struct{ pool *redis.Pool }

func (s *server) handle(w http.ResponseWriter, r *http.Request) {
	c := s.pool.Get()
	defer c.Close()
	c.Do("PING")
	s.pool.Close() // want `this HTTP handler closes s.pool, a field it does not own`
}

func closedThenUsed(pool *redis.Pool) error {
	c := pool.Get()
	c.Close() // want `c is used at line \d+ after this Close on some path`
	_, err := c.Do("PING")
	return err
}

func getClosed(pool *redis.Pool) redis.Conn {
	c := pool.Get()
	defer c.Close() // want `the deferred c.Close\(\) closes c when the function returns, yet the function returns it`
	return c
}

// Silent.

func testedPoolGood(addr string) *redis.Pool {
	return &redis.Pool{
		MaxIdle: 3,
		Dial:    func() (redis.Conn, error) { return redis.Dial("tcp", addr) },
		TestOnBorrow: func(c redis.Conn, t time.Time) error {
			_, err := c.Do("PING")
			return err
		},
	}
}

func (s *server) handleGood(w http.ResponseWriter, r *http.Request) {
	c := s.pool.Get()
	defer c.Close()
	c.Do("PING")
}

func (s *server) Close() error { return s.pool.Close() }

func perGet(pool *redis.Pool, keys []string) {
	for _, k := range keys {
		c := pool.Get()
		c.Do("DEL", k)
		c.Close()
	}
}

// closeConn closes what it is given.
func closeConn(c redis.Conn) { c.Close() }

func dialed(addr string) (redis.Conn, error) {
	c, err := redis.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if _, err := c.Do("PING"); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}
