// Package leakcheck fails a test that leaves a Redis client, or what the
// client lent, open: the run-time twin of redisvet's checks, for the leaks
// that static analysis cannot see.
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
// The check is a t.Cleanup, so it runs after the test function's defers
// and after the cleanups registered later (cleanups run last-registered
// first). Close the client with a defer or with a t.Cleanup registered
// after the leakcheck call: a Close registered before it runs after the
// check, which then reports the client open. Check the clients that the
// test, or the code it tests, builds and closes, not a client shared by
// tests, which is closed after them.
//
// There is one entry point per library, typed so that the compiler checks
// the client:
//
//   - [Client] for go-redis v9: the client was closed; each *redis.PubSub
//     was closed before it (go-redis closes the connection of a PubSub left
//     open, but not the goroutines of its Channel); each *redis.Conn that
//     ran a command was closed.
//   - [ClientV8] for go-redis v8: the same.
//   - [Pool] for redigo: each connection from Get was closed (the pool's
//     ActiveCount less its IdleCount, which redigo keeps exact after Close)
//     and the pool was.
//   - [Rueidis] for rueidis, which has no hook on a built client: it wraps
//     the ClientOption instead. The client was closed, and each Dedicate's
//     cancel function was called.
//
// The check sees the connections the client dials after the call, through
// a hook (v9), the Dialer of its Options (v8), the pool's DialContext
// (redigo) or the option's DialCtxFn (rueidis): each failure names the
// connection's address and the line of the user's code that opened or
// last used it. It learns whether a go-redis client was closed from a
// command with a cancelled context, which go-redis refuses as "client is
// closed" before it looks at the context, and whether a redigo pool was
// from a Get whose dial it refuses; neither reaches the server, and the
// check sends nothing else.
//
// Goroutines: the check also fails the test if a goroutine that the test
// started is still running in the library after two seconds (clients stop
// theirs asynchronously after Close, in milliseconds). A goroutine is the
// test's when the test's goroutine created it, or a live goroutine the test
// created did, after the call: goroutines of tests running in parallel, and
// of clients built before the call or in TestMain, are not counted, so the
// library's background goroutines need no goleak ignore list. A client
// built during a test and kept for later ones is the test's: build shared
// clients in TestMain. For rueidis only the goroutines on the checked
// client's connections, and their children, count: a client shared by
// tests starts its pipelines' goroutines from whichever test uses it.
//
// Limits. What a client does before the call is not seen. A PubSub or Conn
// closed after its client is reported: go-redis has closed its connection
// by then. The check does not see Conns that never ran a command (they
// hold no connection), nor goroutines whose creator has exited (rueidis
// dials its first connection from such a goroutine). go-redis v8 is checked
// through the Dialer of the client's Options, which the call replaces: it
// cannot for a Ring's shards, dialled by the Ring's heartbeat, nor for a
// client with MinIdleConns, dialled from the start; for those it checks
// that the client was closed and the goroutines. While a rueidis client or
// redigo pool is open, its idle connections and those still lent look
// alike: the check then reports it open (and, for redigo, how many
// connections are in use).
package leakcheck
