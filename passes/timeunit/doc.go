/*
Package timeunit defines an Analyzer that reports bare numbers given to
go-redis as a time.Duration.

# Analyzer timeunit

timeunit: report bare numbers given to Redis APIs as a time.Duration

A time.Duration counts nanoseconds, so a number without a unit is a few
nanoseconds, not the seconds it was meant to be, and Go converts it
silently:

  - ReadTimeout: 5 is five nanoseconds: every read times out at once and
    every command fails.
  - Set(ctx, key, value, 3600) is 3.6µs: go-redis sends it as PX 1, so
    the key expires after one millisecond. Expire and SetEx round it up
    to one second, BLPop and the other blocking commands block for at
    most one second, and Wait sends WAIT with a timeout of 0, which the
    server takes as no timeout at all.

The check covers every time.Duration field of the options structs
(Options, ClusterOptions, RingOptions, FailoverOptions, UniversalOptions),
in composite literals and in assignments (opt.ReadTimeout = 5), and every
time.Duration parameter of go-redis's functions and methods, also called
through Cmdable, Pipeliner and the other interfaces: Set, SetNX, SetEx,
Expire, GetEx, BLPop, WithTimeout and the rest. Fields and parameters are
found from their types, so those of a new go-redis version are covered
too.

A value is a bare number when it is a constant whose expression does not
mention a unit of package time (time.Second and the like): a literal, an
untyped or typed constant defined without a unit, followed through the
constants of the package, and a conversion such as time.Duration(30). It
is reported where it is given to go-redis, at the literal or at the use
of the constant. These are not reported:

  - 0, everywhere, and the special values that go-redis documents: -1
    and -2 for ReadTimeout and WriteTimeout (v8: -1); -1 for
    MinRetryBackoff, MaxRetryBackoff, ConnMaxIdleTime, ConnMaxLifetime
    and ConnMaxLifetimeJitter (v8: IdleTimeout, IdleCheckFrequency); -1,
    redis.KeepTTL, for an expiration.
  - Constants defined with a unit (const ttl = 2 * time.Hour, and
    constants built from one), and constants of other packages, whose
    definition cannot be seen.
  - A number of a whole second or more: counted in nanoseconds on
    purpose (5000000000).
  - Values computed at run time, such as an int config field converted
    with a unit: time.Duration(cfg.TTL) * time.Second.

A negative number other than a documented special value is reported too:
go-redis gives it no meaning.

Bad:

	rdb := redis.NewClient(&redis.Options{
		Addr:        addr,
		ReadTimeout: 5, // five nanoseconds
	})
	rdb.Set(ctx, "session:"+id, token, 3600) // expires after 1ms

Good:

	rdb := redis.NewClient(&redis.Options{
		Addr:        addr,
		ReadTimeout: 5 * time.Second,
	})
	rdb.Set(ctx, "session:"+id, token, time.Hour)

The suggested fix multiplies the number by the unit the message names:
seconds for timeouts and expirations, milliseconds for backoffs
(5 becomes 5 * time.Second, 2+3 becomes (2+3) * time.Second, a constant
ttl becomes ttl * time.Second), and imports package time when the file
does not. Check that the unit is the one you meant.

# Other libraries

The time.Duration fields of redigo's Pool (IdleTimeout: 240 prunes every
idle connection at the next Get, so every command redials;
MaxConnLifetime), of rueidis' and valkey-go's ClientOption
(ConnWriteTimeout, ConnLifetime, BlockingPoolCleanup, MaxFlushDelay, ...)
and of the lockers' options, and the duration parameters of the
libraries' functions (redigo's DialReadTimeout(5), DialConnectTimeout, ...)
are found from their types the same way.

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore timeunit the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package timeunit
