// Package poolconfig holds redigo pool literals whose settings contradict
// each other.
package poolconfig

import (
	"github.com/gomodule/redigo/redis"
)

func dial() (redis.Conn, error) { return redis.Dial("tcp", ":6379") }

// Reported.

var waitsForNothing = &redis.Pool{
	MaxIdle: 10,
	Wait:    true, // want `Wait: true has no effect without a positive MaxActive: the pool opens connections without limit`
	Dial:    dial,
}

var noReuse = &redis.Pool{ // want `MaxIdle is 0: the pool keeps no idle connection, so every Close closes the connection and every Get dials a new one`
	MaxActive: 10,
	Wait:      true,
	Dial:      dial,
}

// Silent.

var bounded = &redis.Pool{MaxIdle: 10, MaxActive: 50, Wait: true, Dial: dial}

var unbounded = &redis.Pool{MaxIdle: 10, Dial: dial}

var noWait = &redis.Pool{MaxIdle: 10, Wait: false, Dial: dial}

func fromConfig(maxIdle, maxActive int) *redis.Pool {
	return &redis.Pool{MaxIdle: maxIdle, MaxActive: maxActive, Wait: true, Dial: dial}
}

// pool is built field by field: nothing to check in the literal.
func pool() *redis.Pool {
	p := &redis.Pool{}
	p.MaxIdle = 3
	p.Dial = dial
	return p
}
