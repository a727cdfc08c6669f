package leakcheck_test

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/redisvet/redisvet/leakcheck"
	"github.com/redisvet/redisvet/leakcheck/internal/faketb"
)

// testInvalidations is a test of the user's, which forgets to close its
// PubSub. In a _test.go file it would be func TestInvalidations(t *testing.T).
func testInvalidations(t testing.TB, addr string) {
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	leakcheck.Client(t, rdb) // right after building the client
	defer rdb.Close()        // a defer runs before the check

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

// A test that forgets to close a PubSub fails with the line that opened it.
func Example() {
	// srv is the redis-server that this package's TestMain starts.
	t := &faketb.Printer{Addr: srv.Addr}
	testInvalidations(t, srv.Addr)
	t.End()
	// Output:
	// leakcheck: *redis.PubSub connection to 127.0.0.1:6379 opened by Subscribe at example_test.go:21 was still open when the client was closed: close the PubSub first (defer ps.Close())
}
