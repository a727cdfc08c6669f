// Package lib builds clients through a factory that the analysis cannot
// see through: only the constructors flag tells that Open returns a new
// client.
package lib

import "github.com/redis/go-redis/v9"

// Factory builds the client; tests replace it.
var Factory = func(addr string) *redis.Client { return redis.NewClient(&redis.Options{Addr: addr}) }

// Open returns a new client.
func Open(addr string) (*redis.Client, error) {
	return Factory(addr), nil
}
