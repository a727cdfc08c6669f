// Command clientchurn builds a go-redis client for every job of a loop
// and closes it after the job (clientchurn): every job dials a connection
// of its own instead of reusing one.
package main

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/runtime/internal/probe"
)

const jobs = 50

func main() {
	addr := probe.Start(30 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	srv := probe.Watch(addr)
	r := probe.Report{Ops: jobs}
	start := time.Now()
	for i := range jobs {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		if err := rdb.LPush(ctx, "clientchurn:jobs", strconv.Itoa(i)).Err(); err != nil {
			r.Fail(i+1, err, 0)
		}
		rdb.Close()
	}
	r.PerOpUs = float64(time.Since(start).Microseconds()) / jobs
	srv.Fill(&r)
	probe.Print(r)
}
