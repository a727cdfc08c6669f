// Package goredisv8check is leakcheck for go-redis v8
// (github.com/go-redis/redis/v8): [Client] fails a test that leaves a v8
// client, a PubSub or a Conn open, or a goroutine it started running in
// go-redis. It imports v8 and no other Redis library; for go-redis v9, see
// [github.com/redisvet/redisvet/leakcheck], which documents how the checks
// work.
//
//	func TestCache(t *testing.T) {
//		rdb := redis.NewClient(&redis.Options{Addr: addr})
//		goredisv8check.Client(t, rdb)
//		defer rdb.Close()
//		...
//	}
//
// The checks are v9's: the client was closed; each *redis.PubSub was closed
// before it; each *redis.Conn was closed before the client. v8 has no dial
// hook, so Client replaces the Dialer of the client's Options (a cluster's
// NewClient, which builds its nodes) and sees the connections dialled from
// then on. It cannot for a Ring's shards, dialled by the Ring's heartbeat,
// nor for a client with MinIdleConns, dialled from the start: for those it
// checks that the client was closed and the goroutines, and logs that the
// rest is not checked. To see the Conns still holding a connection when
// the client is closed, which v8 no longer tells once closed, it reads the
// pool's idle list of v8.11.5, v8's last release; with another pool it
// logs that Conns are not checked.
package goredisv8check
