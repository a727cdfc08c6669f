package poolconfig

import (
	"runtime"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

// PoolSize left out defaults to 10 per CPU: nothing to compare with.
func minIdleWithDefaultPoolSize() *redis.Client {
	return redis.NewClient(&redis.Options{MinIdleConns: 50, MaxActiveConns: 5})
}

func minIdleEqualsPoolSize() *redis.Client {
	return redis.NewClient(&redis.Options{PoolSize: 10, MinIdleConns: 10})
}

// MaxIdleConns 0 means no limit.
func maxIdleUnlimited() *redis.Client {
	return redis.NewClient(&redis.Options{MinIdleConns: 5, MaxIdleConns: 0})
}

func maxIdleEqualsMinIdle() *redis.Client {
	return redis.NewClient(&redis.Options{MinIdleConns: 5, MaxIdleConns: 5})
}

// MaxActiveConns 0 means no limit.
func maxActiveUnlimited() *redis.Client {
	return redis.NewClient(&redis.Options{PoolSize: 10, MaxActiveConns: 0})
}

func maxActiveAbovePoolSize() *redis.ClusterClient {
	return redis.NewClusterClient(&redis.ClusterOptions{PoolSize: 10, MaxActiveConns: 10, MinIdleConns: 2, MaxIdleConns: 8})
}

// Values computed at run time are not judged.
func computedPoolSize(minIdle int) *redis.Client {
	return redis.NewClient(&redis.Options{
		PoolSize:     runtime.GOMAXPROCS(0),
		MinIdleConns: 64,
		MaxIdleConns: minIdle,
	})
}

// Settings assigned after the literal are not judged.
func assignedLater() *redis.Client {
	opt := &redis.Options{PoolSize: 10}
	opt.MinIdleConns = 20
	return redis.NewClient(opt)
}

// Negative values of other fields have a meaning.
func otherNegativeFields() *redis.Client {
	return redis.NewClient(&redis.Options{PipelinePoolSize: -1, MaxConcurrentDials: -1, MaxRetries: -1})
}

func allDefaults() *redis.Client {
	return redis.NewClient(&redis.Options{PoolSize: 0, MinIdleConns: 0, MaxIdleConns: 0, MaxActiveConns: 0})
}

func v8Consistent() *redisv8.Client {
	return redisv8.NewClient(&redisv8.Options{PoolSize: 20, MinIdleConns: 5})
}

// A struct of the same shape that is not go-redis's.
type Options struct {
	PoolSize, MinIdleConns, MaxIdleConns, MaxActiveConns int
}

var lookalike = Options{PoolSize: 1, MinIdleConns: 9, MaxIdleConns: -1, MaxActiveConns: -1}

// Options parsed from a URL are not a literal.
func fromURL(url string) (*redis.Client, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	return redis.NewClient(opt), nil
}

// A suppressed finding, with its reason.
func suppressed() *redis.Client {
	return redis.NewClient(&redis.Options{
		PoolSize: 4,
		//redisvet:ignore poolconfig warm-up benchmark: the cap is what is measured
		MinIdleConns: 16,
	})
}
