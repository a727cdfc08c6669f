// Package sharedclose holds sharedclose findings that carry a suggested
// fix: the Close is removed.
package sharedclose

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

type Server struct{ rdb *redis.Client }

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	defer s.rdb.Close() // want `this HTTP handler closes s.rdb`
	_ = s.rdb.Ping(r.Context()).Err()
}

func withDeadline(ctx context.Context, rdb *redis.Client) error {
	short := rdb.WithTimeout(time.Second)
	err := short.Ping(ctx).Err()
	_ = short.Close() // want `closes a client from WithTimeout`
	return err
}

// A Close whose result is used is left to the reader.
func closeShards(ctx context.Context, cc *redis.ClusterClient) error {
	return cc.ForEachShard(ctx, func(ctx context.Context, shard *redis.Client) error {
		return shard.Close() // want `closes a client from ForEachShard`
	})
}
