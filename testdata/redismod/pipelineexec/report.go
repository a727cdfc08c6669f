// Package pipelineexec holds the cases the pipelineexec check must report.
package pipelineexec

import (
	"context"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func warm(ctx context.Context, rdb *redis.Client, keys []string) {
	pipe := rdb.Pipeline() // want `commands are queued on the pipeline from Pipeline but it is never executed: they are silently dropped and their results stay empty; call pipe.Exec\(ctx\) after queueing them, or use Pipelined`
	for _, k := range keys {
		pipe.Get(ctx, k)
	}
}

func txNeverExecuted(ctx context.Context, rdb *redis.Client) {
	tx := rdb.TxPipeline() // want `call tx.Exec\(ctx\)`
	tx.Incr(ctx, "counter")
	tx.Expire(ctx, "counter", 0)
}

func executedBeforeQueueing(ctx context.Context, rdb *redis.Client) {
	pipe := rdb.Pipeline() // want `never executed`
	_, _ = pipe.Exec(ctx)
	pipe.Set(ctx, "k", "v", 0)
}

func universal(ctx context.Context, rdb redis.UniversalClient) *redis.StringCmd {
	pipe := rdb.Pipeline() // want `never executed`
	return pipe.Get(ctx, "k")
}

func onConn(ctx context.Context, cn *redis.Conn) {
	pipe := cn.Pipeline() // want `never executed`
	pipe.Ping(ctx)
}

func v8Pipeline(ctx context.Context, rdb *redisv8.Client) {
	pipe := rdb.Pipeline() // want `never executed`
	pipe.Set(ctx, "k", "v", 0)
}

func doQueued(ctx context.Context, rdb *redis.ClusterClient) {
	pipe := rdb.TxPipeline() // want `never executed`
	pipe.Do(ctx, "PING")
}
