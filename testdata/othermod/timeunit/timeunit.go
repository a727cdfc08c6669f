// Package timeunit holds bare numbers given as durations to redigo and
// rueidis.
package timeunit

import (
	"time"

	"github.com/gomodule/redigo/redis"
	"github.com/redis/rueidis"
	"github.com/valkey-io/valkey-go"
)

// Reported.

var pool = &redis.Pool{
	MaxIdle:     3,
	IdleTimeout: 240, // want `IdleTimeout: 240 is 240ns, not 240 seconds: .*; write 240 \* time.Second`
	Dial: func() (redis.Conn, error) {
		return redis.Dial("tcp", ":6379", redis.DialReadTimeout(5)) // want `the duration 5 passed to redis.DialReadTimeout is 5ns, not 5 seconds`
	},
}

var options = rueidis.ClientOption{
	InitAddress:      []string{"127.0.0.1:6379"},
	ConnWriteTimeout: 10, // want `ConnWriteTimeout: 10 is 10ns, not 10 seconds`
}

var valkeyOptions = valkey.ClientOption{
	BlockingPoolCleanup: 30, // want `BlockingPoolCleanup: 30 is 30ns, not 30 seconds`
}

// Silent.

var goodPool = &redis.Pool{
	MaxIdle:         3,
	IdleTimeout:     240 * time.Second,
	MaxConnLifetime: 0,
	Dial: func() (redis.Conn, error) {
		return redis.Dial("tcp", ":6379", redis.DialReadTimeout(5*time.Second), redis.DialConnectTimeout(time.Second))
	},
}

var goodOptions = rueidis.ClientOption{
	InitAddress:      []string{"127.0.0.1:6379"},
	ConnWriteTimeout: 10 * time.Second,
	ConnLifetime:     0,
}

// Config keeps seconds as an int and converts them with a unit.
type Config struct{ IdleSeconds int }

func fromConfig(c Config) *redis.Pool {
	return &redis.Pool{MaxIdle: 3, IdleTimeout: time.Duration(c.IdleSeconds) * time.Second}
}

func computed(d time.Duration) rueidis.ClientOption {
	return rueidis.ClientOption{ConnWriteTimeout: d}
}

// The command builders' Ex truncates to whole seconds.
func builders(client rueidis.Client) []rueidis.Completed {
	return []rueidis.Completed{
		client.B().Set().Key("k").Value("v").Ex(5).Build(), // want `the expiration 5 passed to Ex is 5ns, not 5 seconds: rueidis sends it as EX 0, so the server rejects the command: invalid expire time; write 5 \* time.Second`
		client.B().Set().Key("k").Value("v").Ex(5 * time.Second).Build(),
		client.B().Set().Key("k").Value("v").Px(1500 * time.Millisecond).Build(),
	}
}
