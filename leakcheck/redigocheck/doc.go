// Package redigocheck is leakcheck for redigo
// (github.com/gomodule/redigo/redis): [Pool] fails a test that leaves a
// connection from the pool's Get, or the pool, open, or a goroutine it
// started running in redigo. It imports redigo and no other Redis library;
// for go-redis v9, see [github.com/redisvet/redisvet/leakcheck], which
// documents how the checks work.
//
//	func TestCounter(t *testing.T) {
//		p := &redis.Pool{Dial: func() (redis.Conn, error) { return redis.Dial("tcp", addr) }}
//		redigocheck.Pool(t, p)
//		defer p.Close()
//		...
//	}
//
// A connection from Get is in use until its Close, in the pool's
// ActiveCount less its IdleCount, which redigo keeps exact after the pool's
// Close: the check reports each one still in use, with the line that last
// sent a command on it. Pool replaces the pool's DialContext to see the
// connections, and learns whether the pool was closed from a Get whose dial
// it refuses, which reaches no server. While the pool is open, its idle
// connections and those still lent look alike: the check then reports the
// pool open, and how many connections are in use.
package redigocheck
