// Package timeunit holds the cases the timeunit check must report
// (report.go) and those it must not (silent.go).
package timeunit

import (
	"context"
	"time"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func readTimeoutLiteral() *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr:        "localhost:6379",
		ReadTimeout: 5, // want `^ReadTimeout: 5 is 5ns, not 5 seconds: a bare number as a time.Duration counts nanoseconds, so every read times out at once; write 5 \* time.Second$`
	})
}

func clusterLiteral() *redis.ClusterClient {
	return redis.NewClusterClient(&redis.ClusterOptions{
		DialTimeout:     10, // want `^DialTimeout: 10 is 10ns, not 10 seconds: a bare number as a time.Duration counts nanoseconds, so every dial times out at once and no connection can be opened; write 10 \* time.Second$`
		MinRetryBackoff: 8,  // want `^MinRetryBackoff: 8 is 8ns, not 8 milliseconds: a bare number as a time.Duration counts nanoseconds, so failed commands are retried with next to no pause; write 8 \* time.Millisecond$`
	})
}

func universalLiteral() redis.UniversalClient {
	return redis.NewUniversalClient(&redis.UniversalOptions{
		WriteTimeout:    (2 + 3), // want `^WriteTimeout: \(2 \+ 3\) is 5ns, not 5 seconds: .*; write \(2 \+ 3\) \* time.Second$`
		ConnMaxIdleTime: 2 * 60,  // want `^ConnMaxIdleTime: 2 \* 60 is 120ns, not 120 seconds: a bare number as a time.Duration counts nanoseconds, so connections are closed as soon as they fall idle, and commands keep dialling new ones; write \(2 \* 60\) \* time.Second$`
	})
}

func ringAndFailover() (*redis.Ring, *redis.Client) {
	ring := redis.NewRing(&redis.RingOptions{HeartbeatFrequency: 500}) // want `^HeartbeatFrequency: 500 is 500ns, not 500 milliseconds: a bare number as a time.Duration counts nanoseconds, so the ring checks its shards in a busy loop; write 500 \* time.Millisecond$`
	failover := redis.NewFailoverClient(&redis.FailoverOptions{
		MasterName:  "primary",
		PoolTimeout: 4, // want `^PoolTimeout: 4 is 4ns, not 4 seconds: .*, so a command that finds every connection busy fails at once instead of waiting for one; write 4 \* time.Second$`
	})
	return ring, failover
}

func assigned(url string) (*redis.Client, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	opt.ReadTimeout = 5                   // want `^ReadTimeout = 5 is 5ns, not 5 seconds: a bare number as a time.Duration counts nanoseconds, so every read times out at once; write 5 \* time.Second$`
	opt.ConnMaxLifetime, opt.DB = 1800, 2 // want `^ConnMaxLifetime = 1800 is 1.8µs, not 1800 seconds: a bare number as a time.Duration counts nanoseconds, so every connection is closed after its first use, and commands keep dialling new ones; write 1800 \* time.Second$`
	return redis.NewClient(opt), nil
}

// Constants defined without a unit, reported where they are used.
const (
	sessionTTL                 = 3600
	dayTTL                     = 24 * sessionTTL // followed through sessionTTL
	typedTimeout time.Duration = 30
	convTimeout                = time.Duration(30)
)

func namedConstants(ctx context.Context, rdb *redis.Client) {
	rdb.Set(ctx, "session", "token", sessionTTL) // want `^the expiration sessionTTL passed to Set is 3.6µs, not 3600 seconds: go-redis sends it as PX 1, so the key expires after one millisecond; write sessionTTL \* time.Second$`
	rdb.Expire(ctx, "day", dayTTL)               // want `^the expiration dayTTL passed to Expire is 86.4µs, not 86400 seconds: go-redis sends it as EXPIRE key 1, so the key expires after one second; write dayTTL \* time.Second$`
	_ = redis.NewClient(&redis.Options{
		ReadTimeout:  typedTimeout,      // want `^ReadTimeout: typedTimeout is 30ns, not 30 seconds`
		WriteTimeout: convTimeout,       // want `^WriteTimeout: convTimeout is 30ns, not 30 seconds`
		DialTimeout:  time.Duration(30), // want `^DialTimeout: time.Duration\(30\) is 30ns, not 30 seconds: .*; write time.Duration\(30\) \* time.Second$`
	})
	const local = 60
	rdb.SetEx(ctx, "k", "v", local) // want `^the expiration local passed to SetEx is 60ns, not 60 seconds: go-redis sends it as SETEX key 1 value, so the key expires after one second; write local \* time.Second$`
}

func commands(ctx context.Context, rdb *redis.Client) {
	rdb.Set(ctx, "k", "v", 3600)             // want `^the expiration 3600 passed to Set is 3.6µs, not 3600 seconds: go-redis sends it as PX 1, so the key expires after one millisecond; write 3600 \* time.Second$`
	rdb.SetNX(ctx, "lock", 1, 30)            // want `^the expiration 30 passed to SetNX is 30ns, not 30 seconds: go-redis sends it as PX 1, so the key expires after one millisecond; write 30 \* time.Second$`
	rdb.GetEx(ctx, "k", 7200000)             // want `^the expiration 7200000 passed to GetEx is 7.2ms, not 7200000 seconds: go-redis sends it as PX 7, so the key expires after 7 milliseconds; write 7200000 \* time.Second$`
	rdb.PExpire(ctx, "k", 1500)              // want `^the expiration 1500 passed to PExpire is 1.5µs, not 1500 seconds: go-redis sends it as PEXPIRE key 1, so the key expires after one millisecond; write 1500 \* time.Second$`
	rdb.BLPop(ctx, 5, "queue")               // want `^the timeout 5 passed to BLPop is 5ns, not 5 seconds: go-redis sends it as a timeout of one second, so the call blocks for at most one second; write 5 \* time.Second$`
	rdb.BZPopMin(ctx, 10, "zset")            // want `^the timeout 10 passed to BZPopMin is 10ns, not 10 seconds: go-redis sends it as a timeout of one second`
	rdb.Wait(ctx, 1, 100)                    // want `^the timeout 100 passed to Wait is 100ns, not 100 seconds: go-redis sends it as WAIT numreplicas 0, so the server waits for the replicas with no timeout; write 100 \* time.Second$`
	rdb.ClientPause(ctx, 2)                  // want `^the duration 2 passed to ClientPause is 2ns, not 2 seconds: go-redis sends it as CLIENT PAUSE 1, so clients are paused for one millisecond; write 2 \* time.Second$`
	rdb.HExpire(ctx, "h", 60, "f")           // want `^the expiration 60 passed to HExpire is 60ns, not 60 seconds: go-redis sends it as HEXPIRE key 1, so the fields expire after one second`
	rdb.Restore(ctx, "k", 90, "")            // want `^the expiration 90 passed to Restore is 90ns, not 90 seconds: go-redis sends it as RESTORE key 1, so the restored key expires after one millisecond`
	rdb.Migrate(ctx, "h", "6379", "k", 0, 5) // want `^the timeout 5 passed to Migrate is 5ns, not 5 seconds: go-redis sends it as a timeout of one millisecond, so the migration gives up after one millisecond`
	_ = rdb.WithTimeout(3)                   // want `^the timeout 3 passed to WithTimeout is 3ns, not 3 seconds: a bare number as a time.Duration counts nanoseconds, so every read and write of the returned client times out at once; write 3 \* time.Second$`
}

// Through the interfaces: Cmdable, Pipeliner, UniversalClient.
func interfaces(ctx context.Context, c redis.Cmdable, pipe redis.Pipeliner, u redis.UniversalClient) {
	c.Set(ctx, "k", "v", 60)      // want `^the expiration 60 passed to Set is 60ns, not 60 seconds: go-redis sends it as PX 1`
	pipe.Expire(ctx, "k", 120)    // want `^the expiration 120 passed to Expire is 120ns, not 120 seconds: go-redis sends it as EXPIRE key 1`
	pipe.SetNX(ctx, "k", "v", 10) // want `^the expiration 10 passed to SetNX is 10ns`
	u.BRPop(ctx, 1, "queue")      // want `^the timeout 1 passed to BRPop is 1ns, not 1 second: go-redis sends it as a timeout of one second`
	_, _ = u.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.GetEx(ctx, "k", 30) // want `^the expiration 30 passed to GetEx is 30ns`
		return nil
	})
}

func pubsub(ctx context.Context, ps *redis.PubSub) {
	_, _ = ps.ReceiveTimeout(ctx, 2) // want `^the timeout 2 passed to ReceiveTimeout is 2ns, not 2 seconds: a bare number as a time.Duration counts nanoseconds, so the receive times out at once; write 2 \* time.Second$`
}

// Values that go-redis gives no meaning.
func negatives(ctx context.Context, rdb *redis.Client) *redis.Client {
	rdb.Set(ctx, "k", "v", -5) // want `^the expiration -5 passed to Set is -5ns: a bare number as a time.Duration counts nanoseconds, and go-redis documents only 0 and -1 as special here; write one of those or a positive duration with a unit$`
	rdb.BLPop(ctx, -1, "q")    // want `^the timeout -1 passed to BLPop is -1ns: a bare number as a time.Duration counts nanoseconds, and go-redis documents only 0 as special here; write 0 or a positive duration with a unit$`
	return redis.NewClient(&redis.Options{
		ReadTimeout: -3, // want `^ReadTimeout: -3 is -3ns: a bare number as a time.Duration counts nanoseconds, and go-redis documents only 0, -1 and -2 as special here; write one of those or a positive duration with a unit$`
		DialTimeout: -1, // want `^DialTimeout: -1 is -1ns: .* documents only 0 as special here`
	})
}

// go-redis v8: its own fields, and no -2.
func v8(ctx context.Context) *redisv8.Client {
	rdb := redisv8.NewClient(&redisv8.Options{
		ReadTimeout:        3,   // want `^ReadTimeout: 3 is 3ns, not 3 seconds: a bare number as a time.Duration counts nanoseconds, so every read times out at once; write 3 \* time.Second$`
		WriteTimeout:       -2,  // want `^WriteTimeout: -2 is -2ns: .* documents only 0 and -1 as special here`
		IdleTimeout:        300, // want `^IdleTimeout: 300 is 300ns, not 300 seconds: .*, so connections are closed as soon as they fall idle`
		IdleCheckFrequency: 60,  // want `^IdleCheckFrequency: 60 is 60ns, not 60 seconds: .*, so the idle-connection reaper runs in a busy loop`
		MaxConnAge:         -1,  // want `^MaxConnAge: -1 is -1ns`
	})
	rdb.Set(ctx, "k", "v", 3600) // want `^the expiration 3600 passed to Set is 3.6µs, not 3600 seconds: go-redis sends it as PX 1, so the key expires after one millisecond; write 3600 \* time.Second$`
	rdb.SetEX(ctx, "k", "v", 60) // want `^the expiration 60 passed to SetEX is 60ns, not 60 seconds: go-redis sends it as SETEX key 1 value`
	var pipe redisv8.Pipeliner = rdb.Pipeline()
	pipe.Expire(ctx, "k", 30) // want `^the expiration 30 passed to Expire is 30ns`
	_, _ = pipe.Exec(ctx)
	return rdb
}

// A mock result built for a test.
func mock() *redis.DurationCmd {
	return redis.NewDurationResult(5, nil) // want `^the duration 5 passed to redis.NewDurationResult is 5ns, not 5 seconds: a bare number as a time.Duration counts nanoseconds; write 5 \* time.Second$`
}
