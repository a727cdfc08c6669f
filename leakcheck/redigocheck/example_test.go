package redigocheck_test

import (
	"testing"

	"github.com/gomodule/redigo/redis"

	"github.com/redisvet/redisvet/leakcheck/internal/faketb"
	"github.com/redisvet/redisvet/leakcheck/redigocheck"
)

// testCounter is a test of the user's, which forgets to close a connection
// from the pool. In a _test.go file it would be func TestCounter(t *testing.T).
func testCounter(t testing.TB, addr string) {
	p := &redis.Pool{Dial: func() (redis.Conn, error) { return redis.Dial("tcp", addr) }}
	redigocheck.Pool(t, p) // right after building the pool
	defer p.Close()        // a defer runs before the check

	c := p.Get()
	if _, err := c.Do("INCR", "visits"); err != nil {
		t.Fatalf("INCR: %v", err)
	}
	// defer c.Close() is missing.
}

// A test that forgets to close a connection from Get fails with the line
// that last used it.
func Example() {
	// srv is the redis-server that this package's TestMain starts.
	t := &faketb.Printer{Addr: srv.Addr}
	testCounter(t, srv.Addr)
	t.End()
	// Output:
	// leakcheck: redis.Conn from Get, last used at example_test.go:20, was not closed: it is still in use and counted in ActiveCount; add defer conn.Close() after pool.Get()
}
