// Package sharedclose holds Close calls on clients the function does not
// own: the ones reported, in this file, and the ones that are correct, in
// silent.go.
package sharedclose

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

var shared = redis.NewClient(&redis.Options{})

type Server struct {
	rdb *redis.Client
}

// handleGet closes the server's pool after its first request.
func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
	defer s.rdb.Close() // want `this HTTP handler closes s.rdb, a field it does not own: the first request closes the pool that every other request shares`
	_, _ = s.rdb.Get(r.Context(), r.URL.Path).Result()
}

func handlePing(w http.ResponseWriter, r *http.Request) {
	_ = shared.Ping(r.Context()).Err()
	_ = shared.Close() // want `this HTTP handler closes shared, a package-level client it does not own`
}

// routes registers a closure that closes the client of its factory.
func routes(mux *http.ServeMux, rdb *redis.Client) {
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		defer rdb.Close() // want `this HTTP handler closes rdb, a client captured from routes it does not own`
		_ = rdb.Ping(r.Context()).Err()
	})
}

// connect hands back the client its defer closes.
func connect(ctx context.Context, addr string) (*redis.Client, error) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close() // want `the deferred rdb.Close\(\) closes rdb when the function returns, yet the function returns it at line \d+: whoever uses it next gets a closed client`
	if err := rdb.Ping(ctx).Err(); err != nil {
		return nil, err
	}
	return rdb, nil
}

type Store struct{ rdb *redis.Client }

// attach stores the client its deferred literal closes.
func (s *Store) attach(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer func() { _ = rdb.Close() }() // want `the deferred rdb.Close\(\) closes rdb when the function returns, yet it is stored at line \d+ for later use`
	s.rdb = rdb
	return nil
}

// drain closes the client it keeps using in the loop.
func drain(ctx context.Context, rdb *redis.Client, keys []string) {
	for _, k := range keys {
		rdb.Del(ctx, k)
		rdb.Close() // want `rdb.Close\(\) closes rdb inside a loop that uses it again on the next iteration \(line \d+\)`
	}
}

// pingAfterClose uses the client after closing it on one path.
func pingAfterClose(ctx context.Context, rdb *redis.Client, quick bool) error {
	if quick {
		_ = rdb.Close() // want `rdb is used at line \d+ after this Close on some path`
	}
	return rdb.Ping(ctx).Err()
}

// fieldAfterClose does the same through a field.
func (s *Store) fieldAfterClose(ctx context.Context) {
	s.rdb.Close() // want `s.rdb is used at line \d+ after this Close on some path`
	s.rdb.Ping(ctx)
}

// withDeadline closes the parent's pool through its clone.
func withDeadline(ctx context.Context, rdb *redis.Client) error {
	short := rdb.WithTimeout(time.Second)
	defer short.Close() // want `the deferred short.Close\(\) closes a client from WithTimeout, which shares its parent's connection pool`
	return short.Ping(ctx).Err()
}

// closeShards closes the node clients the cluster keeps using.
func closeShards(ctx context.Context, cc *redis.ClusterClient) error {
	return cc.ForEachShard(ctx, func(ctx context.Context, shard *redis.Client) error {
		return shard.Close() // want `shard.Close\(\) closes a client from ForEachShard, which the client it came from owns`
	})
}

// closeMaster closes the node that serves a key.
func closeMaster(ctx context.Context, cc *redis.ClusterClient) error {
	node, err := cc.MasterForKey(ctx, "k")
	if err != nil {
		return err
	}
	return node.Close() // want `node.Close\(\) closes a client from MasterForKey`
}

// closeRingShards closes a ring's shard clients.
func closeRingShards(ring *redis.Ring) {
	for _, c := range ring.GetShardClients() {
		_ = c.Close() // want `c.Close\(\) closes a client from GetShardClients`
	}
}
