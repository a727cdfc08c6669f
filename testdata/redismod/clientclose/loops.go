package clientclose

import (
	"context"
	"iter"

	"github.com/redis/go-redis/v9"
)

// One client per node cannot be hoisted out of the loop, so it is not
// churn; but a defer in the loop body keeps every one of them open until
// the function returns.

func deferPerNode(ctx context.Context, nodes []string) {
	for _, addr := range nodes {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `the \*redis.Client from redis.NewClient is closed by a defer in the loop body, which runs only when the function returns`
		defer rdb.Close()
		rdb.Ping(ctx)
	}
}

func deferPerNodeRangeFunc(ctx context.Context, nodes iter.Seq[string]) {
	for addr := range nodes {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `closed by a defer in the loop body`
		defer rdb.Close()
		rdb.Ping(ctx)
	}
}

func leakPerNode(ctx context.Context, nodes []string) {
	for _, addr := range nodes {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `created in a loop and never closed: .*; close each one when done with it`
		rdb.Ping(ctx)
	}
}

func closePerNode(ctx context.Context, nodes []string) {
	for _, addr := range nodes {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		rdb.Ping(ctx)
		rdb.Close()
	}
}

func closePerNodeInLiteral(ctx context.Context, nodes []string) {
	for _, addr := range nodes {
		func() {
			rdb := redis.NewClient(&redis.Options{Addr: addr})
			defer rdb.Close()
			rdb.Ping(ctx)
		}()
	}
}

func keepPerNode(nodes []string) map[string]*redis.Client {
	clients := make(map[string]*redis.Client, len(nodes))
	for _, addr := range nodes {
		clients[addr] = redis.NewClient(&redis.Options{Addr: addr})
	}
	return clients
}

// churnIsNotDoubled: the same address every time is clientchurn's
// finding; clientclose does not report it again.
func churnIsNotDoubled(ctx context.Context, addr string, keys []string) {
	for _, k := range keys {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		defer rdb.Close()
		rdb.Del(ctx, k)
	}
}
