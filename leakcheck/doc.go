// Package leakcheck fails a test that leaves a go-redis v9 client, or what
// the client lent, open: the run-time twin of redisvet's checks, for the
// leaks that static analysis cannot see.
//
// One call, right after building the client, registers a check that runs
// when the test ends:
//
//	func TestCache(t *testing.T) {
//		rdb := redis.NewClient(&redis.Options{Addr: addr})
//		leakcheck.Client(t, rdb)
//		defer rdb.Close()
//		...
//	}
//
// [Client] takes a *redis.Client (also from NewFailoverClient or a
// single-address NewUniversalClient), a *redis.Ring or a
// *redis.ClusterClient of github.com/redis/go-redis/v9, and fails the test
// when the client was not closed, when a *redis.PubSub was not closed
// before it (go-redis closes the connection of a PubSub left open, but not
// the goroutines of its Channel), or when a *redis.Conn that ran a command
// was not closed.
//
// The other client libraries have packages of their own, so that a test
// binary, and the test's module, get only the library it checks:
//
//   - [github.com/redisvet/redisvet/leakcheck/goredisv8check]: Client for
//     go-redis v8 (github.com/go-redis/redis/v8), the same checks.
//   - [github.com/redisvet/redisvet/leakcheck/redigocheck]: Pool for a
//     redigo *redis.Pool: each connection from Get was closed, and the pool
//     was.
//   - [github.com/redisvet/redisvet/leakcheck/rueidischeck]: Options for
//     rueidis, which has no hook on a built client: it wraps the
//     ClientOption instead. The client was closed, and each Dedicate's
//     cancel function was called.
//
// All of them work as described here; their documentation adds what is
// particular to their library.
//
// The check is a t.Cleanup, so it runs after the test function's defers
// and after the cleanups registered later (cleanups run last-registered
// first). Close the client with a defer or with a t.Cleanup registered
// after the leakcheck call: a Close registered before it runs after the
// check, which then reports the client open. Check the clients that the
// test, or the code it tests, builds and closes, not a client shared by
// tests, which is closed after them.
//
// The check sees the connections the client dials after the call, through
// a dial hook: each failure names the connection's address and the line of
// the user's code that opened or last used it. It learns whether the
// client was closed from a command with a cancelled context, which
// go-redis refuses as "client is closed" before it looks at the context;
// the probe does not reach the server, and the check sends nothing else.
//
// Goroutines: the check also fails the test if a goroutine that the test
// started is still running in the library after two seconds (clients stop
// theirs asynchronously after Close, in milliseconds). A goroutine is the
// test's when the test's goroutine created it, or a live goroutine the test
// created did, after the call: goroutines of tests running in parallel, and
// of clients built before the call or in TestMain, are not counted, so the
// library's background goroutines need no goleak ignore list. A client
// built during a test and kept for later ones is the test's: build shared
// clients in TestMain.
//
// Limits. What a client does before the call is not seen. A PubSub or Conn
// closed after its client is reported: go-redis has closed its connection
// by then. The check does not see Conns that never ran a command (they
// hold no connection), nor goroutines whose creator has exited.
package leakcheck
