// Package clientchurn holds the cases the clientchurn check must report.
package clientchurn

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"testing"

	"github.com/redis/go-redis/v9"
)

func perJob(ctx context.Context, addr string, jobs []string) {
	for _, job := range jobs {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `the \*redis.Client from redis.NewClient is built on every iteration of the loop at line 15: each one dials its own connections and reuses none of the others'; build one client before the loop and reuse it`
		rdb.LPush(ctx, "jobs", job)
		rdb.Close()
	}
}

func forever(ctx context.Context, opts *redis.Options) {
	for {
		rdb := redis.NewClient(opts) // want `built on every iteration of the loop at line 23`
		defer rdb.Close()
		if rdb.Ping(ctx).Err() == nil {
			return
		}
	}
}

func rangeInt(ctx context.Context, addr string) {
	for i := range 10 {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `built on every iteration`
		rdb.Incr(ctx, fmt.Sprint("counter:", i))
		rdb.Close()
	}
}

func rangeFunc(ctx context.Context, addr string, keys iter.Seq[string]) {
	for k := range keys {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `built on every iteration`
		rdb.Del(ctx, k)
		rdb.Close()
	}
}

func goInLoop(ctx context.Context, addr string, n int) {
	for i := 0; i < n; i++ {
		go func() {
			rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `built on every iteration of the loop at line 49`
			defer rdb.Close()
			rdb.Incr(ctx, "n")
		}()
	}
}

func newClient(addr string) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: addr})
}

func wrapperInLoop(ctx context.Context, addr string, keys []string) {
	for _, k := range keys {
		rdb := newClient(addr) // want `the \*redis.Client from newClient is built on every iteration`
		rdb.Get(ctx, k)
		rdb.Close()
	}
}

func ping(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	return rdb.Ping(ctx).Err()
}

func perCallInLoop(ctx context.Context, addr string, attempts int) {
	for range attempts {
		_ = ping(ctx, addr) // want `ping builds a go-redis client and closes it before returning, and it is called on every iteration of the loop at line 77`
	}
}

func BenchmarkGet(b *testing.B) {
	for b.Loop() {
		rdb := redis.NewClient(&redis.Options{}) // want `built on every iteration`
		rdb.Get(context.Background(), "k")
		rdb.Close()
	}
}

func handler(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{}) // want `the \*redis.Client from redis.NewClient is built on every request by this HTTP handler: each one dials its own connections and reuses none of the others'; build the client once at startup and share it`
	defer rdb.Close()
	rdb.Incr(r.Context(), "hits")
}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {
		rdb := redis.NewClient(&redis.Options{}) // want `built on every request by this HTTP handler`
		defer rdb.Close()
		rdb.Incr(r.Context(), "a")
	})
	mux.Handle("/b", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = ping(r.Context(), "localhost:6379") // want `ping builds a go-redis client and closes it before returning, and it is called on every request by this HTTP handler`
	}))
}

type api struct{}

func (api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewFailoverClient(&redis.FailoverOptions{}) // want `built on every request by this HTTP handler`
	defer rdb.Close()
}
