package timeunit

import (
	"context"
	"time"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"

	"example.com/redismod/timeunit/lookalike"
)

// Units, zero and the documented special values.
func specials(ctx context.Context, rdb *redis.Client) *redis.Client {
	rdb.Set(ctx, "k", "v", 0)
	rdb.Set(ctx, "k", "v", redis.KeepTTL)
	rdb.Set(ctx, "k", "v", -1) // equals redis.KeepTTL
	rdb.GetEx(ctx, "k", -1)
	rdb.Set(ctx, "k", "v", time.Hour)
	rdb.Expire(ctx, "k", 30*time.Minute)
	rdb.BLPop(ctx, 0, "queue") // blocks until an element arrives
	rdb.BLPop(ctx, 5*time.Second, "queue")
	_ = rdb.WithTimeout(-1)
	return redis.NewClient(&redis.Options{
		ReadTimeout:           -1,
		WriteTimeout:          -2,
		DialTimeout:           0,
		MinRetryBackoff:       -1,
		MaxRetryBackoff:       -1,
		ConnMaxIdleTime:       -1,
		ConnMaxLifetime:       -1,
		ConnMaxLifetimeJitter: -1,
		PoolTimeout:           time.Second,
	})
}

func v8Specials() *redisv8.Client {
	return redisv8.NewClient(&redisv8.Options{
		ReadTimeout:        -1,
		WriteTimeout:       -1,
		IdleTimeout:        -1,
		IdleCheckFrequency: -1,
		MinRetryBackoff:    -1,
		MaxConnAge:         time.Hour,
	})
}

// Constants defined with a unit, typed and untyped, directly or through
// other constants.
const (
	readTimeout               = 3 * time.Second
	lockTTL     time.Duration = 30 * time.Second
	second                    = time.Second
	cacheTTL                  = 10 * 60 * second // through second
	retention                 = cacheTTL * 24    // through cacheTTL and second
	halfSecond                = time.Duration(500) * time.Millisecond
	hourInSecs                = int64(time.Hour / time.Second) // mentions a unit: precision first
)

// Each step of an iota sequence repeats the unit.
const (
	short time.Duration = (iota + 1) * time.Second
	medium
	long
)

func withUnits(ctx context.Context, rdb *redis.Client) {
	rdb.Set(ctx, "k", "v", readTimeout)
	rdb.SetNX(ctx, "lock", 1, lockTTL)
	rdb.Set(ctx, "k", "v", cacheTTL)
	rdb.Expire(ctx, "k", retention)
	rdb.Expire(ctx, "k", halfSecond)
	rdb.Expire(ctx, "k", time.Duration(hourInSecs))
	rdb.Set(ctx, "k", "v", long)
	const local = 2 * time.Minute
	rdb.Set(ctx, "k", "v", local)
	_ = redis.NewClient(&redis.Options{ReadTimeout: readTimeout, WriteTimeout: medium})
}

// A constant of another package counts as having a unit: its definition
// cannot be seen.
func otherPackage(ctx context.Context, rdb *redis.Client) {
	rdb.Set(ctx, "k", "v", lookalike.TTL)
}

// A whole second or more in nanoseconds is deliberate.
func nanoseconds(ctx context.Context, rdb *redis.Client) {
	rdb.Set(ctx, "k", "v", 5e9)
	rdb.Expire(ctx, "k", 60_000_000_000)
	_ = redis.NewClient(&redis.Options{ReadTimeout: 1_000_000_000})
}

type config struct {
	TTLSeconds     int
	TimeoutSeconds int
	Timeout        time.Duration
}

// Values computed at run time, such as int config fields converted with a
// unit, are never reported.
func runtimeValues(ctx context.Context, rdb *redis.Client, cfg config, ttl time.Duration) *redis.Client {
	rdb.Set(ctx, "k", "v", time.Duration(cfg.TTLSeconds)*time.Second)
	rdb.Set(ctx, "k", "v", ttl)
	rdb.Expire(ctx, "k", cfg.Timeout)
	secs := 3600
	rdb.Expire(ctx, "k", time.Duration(secs))
	opt := &redis.Options{ReadTimeout: time.Duration(cfg.TimeoutSeconds) * time.Second}
	opt.WriteTimeout = cfg.Timeout
	opt.DialTimeout = 5 * time.Second
	opt.DB = 5 // not a duration
	return redis.NewClient(opt)
}

// Look-alikes of another package, and time.Duration parameters of
// functions that are not Redis APIs.
func lookalikes(ctx context.Context) {
	c := lookalike.NewClient(&lookalike.Options{ReadTimeout: 5, DialTimeout: 10})
	_ = c.Set(ctx, "k", "v", 3600)
	opt := lookalike.Options{}
	opt.ReadTimeout = 5
	time.Sleep(5)
	ctx, cancel := context.WithTimeout(ctx, 5)
	defer cancel()
	_ = time.NewTimer(10)
	_ = ctx
}

// Other structs of the library with duration fields are not options.
func argsStructs(ctx context.Context, rdb *redis.Client) {
	rdb.SetArgs(ctx, "k", "v", redis.SetArgs{TTL: 5 * time.Second})
}

// A finding that does not apply, with its reason.
func suppressed(ctx context.Context, rdb *redis.Client) {
	//redisvet:ignore timeunit the server under test counts this TTL in nanoseconds
	rdb.Set(ctx, "k", "v", 3600)
}
