package goredisv8check_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/go-redis/redis/v8"

	"github.com/redisvet/redisvet/leakcheck/goredisv8check"
)

// testInvalidations is a test of the user's, which forgets to close its
// PubSub. In a _test.go file it would be func TestInvalidations(t *testing.T).
func testInvalidations(t testing.TB, addr string) {
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	goredisv8check.Client(t, rdb) // right after building the client
	defer rdb.Close()             // a defer runs before the check

	ps := rdb.Subscribe(ctx, "invalidations")
	if _, err := ps.Receive(ctx); err != nil {
		t.Fatalf("subscribe: %v", err)
	}
	rdb.Publish(ctx, "invalidations", "user:42")
	if _, err := ps.ReceiveMessage(ctx); err != nil {
		t.Fatalf("receive: %v", err)
	}
	// defer ps.Close() is missing.
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

// A test that forgets to close a PubSub fails with the line that opened it.
func Example() {
	// srv is the redis-server that this package's TestMain starts.
	t := &printTB{addr: srv.Addr}
	testInvalidations(t, srv.Addr)
	t.end()
	// Output:
	// leakcheck: *redis.PubSub connection to 127.0.0.1:6379 opened by Subscribe at example_test.go:22 was still open when the client was closed: close the PubSub first (defer ps.Close())
}
