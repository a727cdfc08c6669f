package clientchurn

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"
)

func hoisted(ctx context.Context, addr string, jobs []string) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	for _, job := range jobs {
		rdb.LPush(ctx, "jobs", job)
	}
}

func perShardMap(addrs []string) map[string]*redis.Client {
	shards := map[string]*redis.Client{}
	for _, a := range addrs {
		shards[a] = redis.NewClient(&redis.Options{Addr: a})
	}
	return shards
}

func perShardSlice(addrs []string) []*redis.Client {
	var shards []*redis.Client
	for _, a := range addrs {
		shards = append(shards, redis.NewClient(&redis.Options{Addr: a}))
	}
	return shards
}

func firstReachable(ctx context.Context, addrs []string) *redis.Client {
	for _, a := range addrs {
		rdb := redis.NewClient(&redis.Options{Addr: a})
		if rdb.Ping(ctx).Err() == nil {
			return rdb
		}
		rdb.Close()
	}
	return nil
}

func outerVariable(ctx context.Context, addrs []string) {
	var last *redis.Client
	for _, a := range addrs {
		last = redis.NewClient(&redis.Options{Addr: a})
	}
	if last != nil {
		defer last.Close()
		last.Ping(ctx)
	}
}

type ring struct{ nodes []*redis.Client }

func (r *ring) connect(addrs []string) {
	for i, a := range addrs {
		r.nodes[i] = redis.NewClient(&redis.Options{Addr: a})
	}
}

func sentToWorker(addrs []string, out chan<- *redis.Client) {
	for _, a := range addrs {
		out <- redis.NewClient(&redis.Options{Addr: a})
	}
}

func TestTable(t *testing.T) {
	for _, tc := range []struct{ db int }{{0}, {1}} {
		rdb := redis.NewClient(&redis.Options{DB: tc.db})
		rdb.Ping(context.Background())
		rdb.Close()
	}
}

func TestPerCallInTable(t *testing.T) {
	for _, a := range []string{"a", "b"} {
		_ = ping(context.Background(), a)
	}
}

var (
	once   sync.Once
	global *redis.Client
)

func lazyHandler(w http.ResponseWriter, r *http.Request) {
	once.Do(func() {
		global = redis.NewClient(&redis.Options{})
	})
	global.Incr(r.Context(), "hits")
}

type service struct {
	mu  sync.Mutex
	rdb *redis.Client
}

func (s *service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.rdb == nil {
		s.rdb = redis.NewClient(&redis.Options{})
	}
	s.mu.Unlock()
	s.rdb.Incr(r.Context(), "hits")
}

func setup(mux *http.ServeMux) {
	rdb := redis.NewClient(&redis.Options{})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		rdb.Incr(r.Context(), "hits")
	})
}

func retryOutsideLoop(ctx context.Context, addr string) error {
	return ping(ctx, addr)
}

func loopOnlyDefinesHandler(mux *http.ServeMux, paths []string) {
	rdb := redis.NewClient(&redis.Options{})
	for _, p := range paths {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			rdb.Incr(r.Context(), p)
		})
	}
}

func deferredLiteralInLoop(ctx context.Context, n int) {
	for range n {
		defer func() {
			_ = ping(ctx, "x")
		}()
	}
}

func notAHandler(w http.ResponseWriter) {
	rdb := redis.NewClient(&redis.Options{})
	defer rdb.Close()
}

func borrowedInLoop(ctx context.Context, rdb *redis.Client, keys []string) {
	for _, k := range keys {
		rdb.WithTimeout(0).Get(ctx, k)
	}
}
