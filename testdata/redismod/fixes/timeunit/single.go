package timeunit

import "github.com/redis/go-redis/v9"

// A single import: the fix adds a declaration.
var ring = redis.NewRing(&redis.RingOptions{
	DialTimeout: 2, // want `DialTimeout: 2 is 2ns`
})
