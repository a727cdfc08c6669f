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
