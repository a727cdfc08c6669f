// Package perrequest has per-call helpers. // want package:"dealsInRedis"
//
// The handlers in another package call them.
package perrequest

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Hit builds a client, increments a counter and closes the client.
func Hit(ctx context.Context, addr, key string) error { // want Hit:`per-call client`
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	return rdb.Incr(ctx, key).Err()
}

// Connect returns a new client to its caller.
func Connect(addr string) *redis.Client { // want Connect:`returns new client at 0`
	return redis.NewClient(&redis.Options{Addr: addr})
}
