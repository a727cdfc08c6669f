// Command clientclose builds a go-redis client in a function that returns
// without closing it (clientclose): once the function has returned, the
// client's connections stay open on the server. It also measures what is
// left once the garbage collector ran: nothing refers to the client any
// more.
package main

import (
	"context"
	"runtime"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/runtime/internal/probe"
)

const workers = 10

// warm opens the connections of a client's pool ahead of traffic with
// workers concurrent commands, and reports how many failed.
func warm(ctx context.Context, addr string) int {
	rdb := redis.NewClient(&redis.Options{Addr: addr, PoolSize: workers})
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for range workers {
		wg.Go(func() {
			// BLPOP with a timeout of 0.1s (go-redis's BLPop rounds it
			// up to 1s) holds its connection a moment: the workers
			// overlap and the pool opens a connection for each.
			err := rdb.Do(ctx, "BLPOP", "clientclose:none", "0.1").Err()
			if err != nil && err != redis.Nil {
				mu.Lock()
				failed++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return failed
}

// Result is the program's output.
type Result struct {
	Returned probe.Report `json:"returned"` // once warm returned
	AfterGC  probe.Report `json:"after_gc"` // then after three collections
}

func main() {
	addr := probe.Start(30 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv := probe.Watch(addr)
	res := Result{Returned: probe.Report{Ops: workers}}
	res.Returned.Errors = warm(ctx, addr)
	srv.Fill(&res.Returned)
	for range 3 {
		runtime.GC()
	}
	srv.Fill(&res.AfterGC)
	probe.PrintJSON(res)
}
