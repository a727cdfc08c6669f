package cache

import (
	"encoding/json"
	"net/http"

	"github.com/redis/go-redis/v9"
)

// RecentHandler serves the recent messages of the rooms named by the
// query parameter "room".
//
// Bug: the handler closes the client it shares with every other request:
// after the first request, every command fails with "redis: client is
// closed".
func RecentHandler(rdb *redis.Client) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		defer rdb.Close()
		recent, err := Recent(r.Context(), rdb, r.URL.Query()["room"])
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		_ = json.NewEncoder(w).Encode(recent)
	}
}
