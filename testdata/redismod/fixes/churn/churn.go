// Package churn holds clientchurn findings with and without a hoisting fix.
package churn

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func perJob(ctx context.Context, addr string, jobs []string) {
	for _, job := range jobs {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `built on every iteration`
		rdb.LPush(ctx, "jobs", job)
		rdb.Close()
	}
}

func labeled(ctx context.Context, opts *redis.Options, batches [][]string) {
outer:
	for _, batch := range batches {
		for _, k := range batch {
			c := redis.NewClient(opts) // want `built on every iteration`
			defer c.Close()
			if c.Get(ctx, k).Err() != nil {
				continue outer
			}
		}
	}
}

// dependsOnLoopVar builds one client per address: not churn.
func dependsOnLoopVar(ctx context.Context, addrs []string) {
	for _, a := range addrs {
		rdb := redis.NewClient(&redis.Options{Addr: a})
		rdb.Ping(ctx)
		rdb.Close()
	}
}

func callsInArgs(ctx context.Context, next func() string, n int) {
	for range n {
		rdb := redis.NewClient(&redis.Options{Addr: next()}) // want `built on every iteration`
		rdb.Ping(ctx)
		rdb.Close()
	}
}

func nameTaken(ctx context.Context, addr string, n int) {
	rdb := 0
	_ = rdb
	for range n {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `built on every iteration`
		rdb.Ping(ctx)
		rdb.Close()
	}
}

func closeChecked(ctx context.Context, addr string, n int) error {
	for range n {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `built on every iteration`
		rdb.Ping(ctx)
		if err := rdb.Close(); err != nil {
			return err
		}
	}
	return nil
}
