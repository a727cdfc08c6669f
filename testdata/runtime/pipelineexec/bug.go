//go:build !fixed

package main

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// store queues one SET per key and returns the commands, whose results
// the caller checks.
func store(ctx context.Context, rdb *redis.Client, prefix string) []*redis.StatusCmd {
	pipe := rdb.Pipeline()
	var cmds []*redis.StatusCmd
	for i := range keys {
		cmds = append(cmds, pipe.Set(ctx, prefix+strconv.Itoa(i), "v", time.Minute))
	}
	return cmds
}
