// Command timeunit sets ReadTimeout to a bare 5 (timeunit): five
// nanoseconds, so every command times out.
package main

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/runtime/internal/probe"
)

const commands = 20

func main() {
	addr := probe.Start(30 * time.Second)
	rdb := redis.NewClient(&redis.Options{Addr: addr, ReadTimeout: 5})
	defer rdb.Close()
	r := probe.Report{Ops: commands}
	start := time.Now()
	for i := range commands {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		t := time.Now()
		if err := rdb.Set(ctx, "timeunit:"+strconv.Itoa(i), "v", time.Minute).Err(); err != nil {
			r.Fail(i+1, err, time.Since(t))
		}
		cancel()
	}
	r.PerOpUs = float64(time.Since(start).Microseconds()) / commands
	probe.Print(r)
}
