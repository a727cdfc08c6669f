package timeunit

import (
	"github.com/redis/go-redis/v9"
)

// Only other packages: package time gets a group of its own.
var cluster = redis.NewClusterClient(&redis.ClusterOptions{
	ReadTimeout: 3, // want `ReadTimeout: 3 is 3ns`
})
