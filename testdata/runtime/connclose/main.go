// Command connclose takes a dedicated go-redis Conn per call and never
// closes it (connclose): every call keeps one pooled connection checked
// out, and the call after PoolSize of them waits for a free one and fails
// with "redis: connection pool timeout".
package main

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/runtime/internal/probe"
)

const calls = 11

// setName names a connection of its own, as code that needs per-connection
// state (CLIENT SETNAME, SELECT) does.
func setName(ctx context.Context, rdb *redis.Client, name string) error {
	cn := rdb.Conn()
	return cn.ClientSetName(ctx, name).Err()
}

func main() {
	addr := probe.Start(30 * time.Second)
	// PoolTimeout bounds each wait for a free connection (the default is
	// ReadTimeout + 1s, 4s); go-redis retries a pool timeout MaxRetries
	// (3) times, so a failing call waits four of them.
	rdb := redis.NewClient(&redis.Options{Addr: addr, PoolSize: 10, PoolTimeout: 300 * time.Millisecond})
	defer rdb.Close()
	srv := probe.Watch(addr)
	r := probe.Report{Ops: calls}
	for i := range calls {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		start := time.Now()
		if err := setName(ctx, rdb, "connclose"); err != nil {
			r.Fail(i+1, err, time.Since(start))
		}
		cancel()
	}
	st := rdb.PoolStats()
	r.CheckedOut = int(st.TotalConns - st.IdleConns)
	srv.Fill(&r)
	probe.Print(r)
}
