/*
Package poolconfig defines an Analyzer that reports go-redis connection
pool settings that contradict each other.

# Analyzer poolconfig

poolconfig: report pool settings that contradict each other in one options literal

go-redis sizes its connection pool from four fields of its options structs
(Options, ClusterOptions, RingOptions, FailoverOptions, UniversalOptions):
PoolSize, MinIdleConns, MaxIdleConns and MaxActiveConns (v8 has the first
two). Some combinations do not do what they say, and go-redis does not
complain:

  - MinIdleConns larger than PoolSize: go-redis silently keeps at most
    PoolSize idle connections. Reported at MinIdleConns.
  - MaxIdleConns above zero but below MinIdleConns: the pool closes idle
    connections above MaxIdleConns and dials new ones up to MinIdleConns,
    over and over. Reported at MaxIdleConns.
  - MaxActiveConns above zero but below PoolSize: once MaxActiveConns
    connections are open, requests fail at once with "connection pool
    exhausted" instead of waiting for a free connection. Reported at
    MaxActiveConns.
  - A negative value: a negative PoolSize makes building the client panic,
    a negative MaxIdleConns closes every connection after each use, and
    negative MinIdleConns and MaxActiveConns are ignored. Reported at the
    field.

Only settings given as constants in one composite literal are compared: a
value computed at run time, a field left out (PoolSize defaults to 10 per
CPU) or set by a later assignment is not judged. Zero means "the default"
or "no limit" for every field and is never reported.

Bad:

	rdb := redis.NewClient(&redis.Options{
		Addr:           addr,
		PoolSize:       20,
		MinIdleConns:   50, // at most 20 are kept
		MaxActiveConns: 10, // the 11th concurrent request fails at once
	})

Good:

	rdb := redis.NewClient(&redis.Options{
		Addr:           addr,
		PoolSize:       20,
		MinIdleConns:   10,
		MaxActiveConns: 40,
	})

There is no suggested fix: which of the two settings is wrong is the
author's call.

# Other libraries

On a redigo Pool literal: Wait: true without a positive MaxActive (the
pool has no limit, so Wait does nothing: reported at Wait), and MaxIdle
absent or 0 (every Close closes the connection and every Get dials a new
one: reported at the literal). Values computed at run time are not
checked.

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore poolconfig the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package poolconfig
