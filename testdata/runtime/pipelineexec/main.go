// Command pipelineexec queues SETs on a pipeline that it never executes
// (pipelineexec): the server never sees them, and no error says so.
package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/runtime/internal/probe"
)

const keys = 20

func main() {
	addr := probe.Start(30 * time.Second)
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	prefix := fmt.Sprintf("pipelineexec:%d:", time.Now().UnixNano())
	r := probe.Report{Ops: keys, Want: keys}
	for i, cmd := range store(ctx, rdb, prefix) {
		// What the caller sees of each command: its error and its reply.
		if err := cmd.Err(); err != nil {
			r.Fail(i+1, err, 0)
		}
		if cmd.Val() == "" {
			r.Empty++
		}
	}
	for i := range keys {
		n, err := rdb.Exists(ctx, prefix+strconv.Itoa(i)).Result()
		if err != nil {
			r.Fail(0, err, 0)
		}
		r.Written += int(n)
	}
	probe.Print(r)
}
