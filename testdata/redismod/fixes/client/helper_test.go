package client

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"
)

func newClient(tb testing.TB) *redis.Client {
	rdb := redis.NewClient(&redis.Options{}) // want `returned by the test helper newClient without registering its release`
	return rdb
}

// newEither creates its client in two places: the fix goes before the
// only return.
func newEither(tb testing.TB, cluster bool) (rdb redis.UniversalClient) {
	if cluster {
		rdb = redis.NewClusterClient(&redis.ClusterOptions{}) // want `returned by the test helper newEither without registering its release`
	} else {
		rdb = redis.NewClient(&redis.Options{})
	}
	return rdb
}

func TestHelpers(t *testing.T) {
	newClient(t).Ping(context.Background())
	newEither(t, false).Ping(context.Background())
}
