// Command sharedclose serves requests with a handler that closes the
// client every request shares (sharedclose): the first request works and
// every later one fails with "redis: client is closed".
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/runtime/internal/probe"
)

const requests = 10

var rdb *redis.Client

// visit counts a visit and writes the count, or the error.
func visit(w http.ResponseWriter, r *http.Request) {
	defer rdb.Close()
	n, err := rdb.Incr(r.Context(), "sharedclose:visits").Result()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, n)
}

func main() {
	addr := probe.Start(30 * time.Second)
	rdb = redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	srv := httptest.NewServer(http.HandlerFunc(visit))
	defer srv.Close()
	hc := &http.Client{Timeout: 2 * time.Second}
	rep := probe.Report{Ops: requests}
	for i := range requests {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		if err := get(ctx, hc, srv.URL); err != nil {
			rep.Fail(i+1, err, 0)
		}
		cancel()
	}
	probe.Print(rep)
}

// get fails when the request does not answer 200 OK, with the body as
// the error.
func get(ctx context.Context, hc *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s", strings.TrimSpace(string(body)))
	}
	return nil
}
