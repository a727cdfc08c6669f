// Command poolconfig runs concurrent commands on a client whose
// MaxActiveConns is smaller than its PoolSize (poolconfig): the commands
// beyond MaxActiveConns fail at once instead of waiting for a connection.
package main

import (
	"context"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/runtime/internal/probe"
)

const workers = 10

func main() {
	addr := probe.Start(30 * time.Second)
	rdb := redis.NewClient(options(addr))
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	r := probe.Report{Ops: workers}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i := range workers {
		wg.Go(func() {
			start := time.Now()
			// BLPOP with a timeout of 0.2s holds its connection a
			// moment, so that the workers overlap.
			err := rdb.Do(ctx, "BLPOP", "poolconfig:none", "0.2").Err()
			if err != nil && err != redis.Nil {
				mu.Lock()
				r.Fail(i+1, err, time.Since(start))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	probe.Print(r)
}
