// Package poolconfig holds the cases the poolconfig check must report
// (report.go) and those it must not (silent.go).
package poolconfig

import (
	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func minIdleAbovePoolSize() *redis.Client {
	return redis.NewClient(&redis.Options{
		PoolSize:     10,
		MinIdleConns: 20, // want `MinIdleConns \(20\) is larger than PoolSize \(10\): go-redis silently keeps at most PoolSize idle connections; lower MinIdleConns or raise PoolSize`
	})
}

func maxIdleBelowMinIdle() *redis.ClusterClient {
	return redis.NewClusterClient(&redis.ClusterOptions{
		MinIdleConns: 8,
		MaxIdleConns: 4, // want `MaxIdleConns \(4\) is smaller than MinIdleConns \(8\): the pool closes idle connections above 4 and dials new ones up to 8, over and over; raise MaxIdleConns to at least MinIdleConns or lower MinIdleConns`
	})
}

func maxActiveBelowPoolSize() *redis.Ring {
	return redis.NewRing(&redis.RingOptions{
		PoolSize:       32,
		MaxActiveConns: 16, // want `MaxActiveConns \(16\) is smaller than PoolSize \(32\): once 16 connections are open, requests fail at once with "connection pool exhausted" instead of waiting for a free one; raise MaxActiveConns to at least PoolSize or lower PoolSize`
	})
}

func negativePoolSize() *redis.Client {
	return redis.NewFailoverClient(&redis.FailoverOptions{
		MasterName: "primary",
		PoolSize:   -1, // want `PoolSize is -1: building the client panics on a negative pool size`
	})
}

func negativeMaxIdle() redis.UniversalClient {
	return redis.NewUniversalClient(&redis.UniversalOptions{
		MaxIdleConns: -1, // want `MaxIdleConns is -1: with a negative limit go-redis keeps no connection idle and closes each one after use`
	})
}

func negativeMaxActive() *redis.Client {
	return redis.NewClient(&redis.Options{MaxActiveConns: -5}) // want `MaxActiveConns is -5: go-redis ignores a negative limit`
}

const (
	poolSize = 4
	warm     = poolSize * 2
)

// Named constants and v8 count too.
func v8NamedConstants() *redisv8.Client {
	return redisv8.NewClient(&redisv8.Options{
		PoolSize:     poolSize,
		MinIdleConns: warm, // want `MinIdleConns \(8\) is larger than PoolSize \(4\)`
	})
}

func v8NegativeMinIdle() *redisv8.ClusterClient {
	return redisv8.NewClusterClient(&redisv8.ClusterOptions{MinIdleConns: -2}) // want `MinIdleConns is -2: go-redis ignores a negative count`
}

// A value literal, and literals whose type is elided in a slice.
var (
	shared = redis.Options{PoolSize: 5, MaxActiveConns: 1} // want `MaxActiveConns \(1\) is smaller than PoolSize \(5\)`
	shards = []*redis.Options{
		{PoolSize: 10},
		{PoolSize: 2, MinIdleConns: 3}, // want `MinIdleConns \(3\) is larger than PoolSize \(2\)`
	}
)
