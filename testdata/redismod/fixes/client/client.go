// Package client holds clientclose findings that carry a suggested fix.
package client

import (
	"context"
	"net/http"

	"github.com/redis/go-redis/v9"
)

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"}) // want `add defer rdb.Close\(\) after this line`
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		rdb.Incr(r.Context(), "hits")
	})
	if err := http.ListenAndServe(":8080", nil); err != nil {
		return
	}
}

func oneShot(ctx context.Context) error {
	rdb := redis.NewClient(&redis.Options{}) // want `add defer rdb.Close\(\) after this line`
	return rdb.Ping(ctx).Err()
}

// deferAfterCheck closes only once the ping succeeded: the fix moves the
// defer up to the creation, and drops the one below.
func deferAfterCheck(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `add defer rdb.Close\(\) after this line`
	if err := rdb.Ping(ctx).Err(); err != nil {
		return err
	}
	defer rdb.Close()
	return rdb.Set(ctx, "ready", 1, 0).Err()
}
