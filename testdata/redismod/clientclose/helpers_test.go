package clientclose

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"
)

// newTestClient returns a client and registers nothing: the finding is
// here, once, not at each of the tests below.
func newTestClient(tb testing.TB) *redis.Client {
	tb.Helper()
	rdb := redis.NewClient(&redis.Options{}) // want `the \*redis.Client from redis.NewClient is returned by the test helper newTestClient without registering its release, and 3 of its callers never close it: its pooled connections stay open until the garbage collector reclaims the client; register its release in the helper: tb.Cleanup\(func\(\) { _ = rdb.Close\(\) }\)`
	rdb.FlushDB(context.Background())
	return rdb
}

func TestGet(t *testing.T) {
	rdb := newTestClient(t)
	rdb.Get(context.Background(), "k")
}

func TestSet(t *testing.T) {
	rdb := newTestClient(t)
	rdb.Set(context.Background(), "k", "v", 0)
}

func BenchmarkFlush(b *testing.B) {
	for range b.N {
		newTestClient(b)
	}
}

// closedByCallers: every caller closes what it gets, so nothing is wrong.
func closedByCallers(t *testing.T) *redis.Client {
	return redis.NewClient(&redis.Options{})
}

func TestClosesItself(t *testing.T) {
	rdb := closedByCallers(t)
	defer rdb.Close()
	rdb.Ping(context.Background())
}

// The shapes that register the release in the helper: the callers borrow.

func withCleanup(tb testing.TB) *redis.Client {
	rdb := redis.NewClient(&redis.Options{})
	tb.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

func withCleanupAndError(t *testing.T) (*redis.Client, error) {
	rdb := redis.NewClient(&redis.Options{})
	t.Cleanup(func() { rdb.Close() })
	return rdb, rdb.Ping(context.Background()).Err()
}

type testEnv struct {
	rdb    *redis.Client
	prefix string
}

func withCleanupInStruct(t *testing.T) *testEnv {
	rdb := redis.NewClient(&redis.Options{})
	t.Cleanup(func() { _ = rdb.Close() })
	return &testEnv{rdb: rdb, prefix: t.Name()}
}

func withCleanupMethodValue(t *testing.T) *redis.Client {
	rdb := redis.NewClient(&redis.Options{})
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

func TestBorrowers(t *testing.T) {
	ctx := context.Background()
	withCleanup(t).Ping(ctx)
	rdb, err := withCleanupAndError(t)
	if err != nil {
		t.Fatal(err)
	}
	rdb.Ping(ctx)
	env := withCleanupInStruct(t)
	env.rdb.Ping(ctx)
	withCleanupMethodValue(t).Ping(ctx)
	for range 3 {
		withCleanup(t).Ping(ctx)
	}
}
