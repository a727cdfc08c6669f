package redigocheck_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gomodule/redigo/redis"

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

// printTB stands in for the *testing.T the test would get, so that this
// example runs: it prints what leakcheck reports, and runs the cleanups
// last-registered first, as testing does when the test ends.
type printTB struct {
	testing.TB
	addr     string
	cleanups []func()
}

func (p *printTB) Helper()                   {}
func (p *printTB) Cleanup(f func())          { p.cleanups = append(p.cleanups, f) }
func (p *printTB) Logf(string, ...any)       {}
func (p *printTB) Fatalf(f string, a ...any) { p.Errorf(f, a...) }
func (p *printTB) Errorf(f string, a ...any) {
	// The server's port changes from run to run.
	fmt.Println(strings.ReplaceAll(fmt.Sprintf(f, a...), p.addr, "127.0.0.1:6379"))
}

func (p *printTB) end() {
	for i := len(p.cleanups) - 1; i >= 0; i-- {
		p.cleanups[i]()
	}
}

// A test that forgets to close a connection from Get fails with the line
// that last used it.
func Example() {
	// srv is the redis-server that this package's TestMain starts.
	t := &printTB{addr: srv.Addr}
	testCounter(t, srv.Addr)
	t.end()
	// Output:
	// leakcheck: redis.Conn from Get, last used at example_test.go:21, was not closed: it is still in use and counted in ActiveCount; add defer conn.Close() after pool.Get()
}
