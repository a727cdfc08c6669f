// Package connclose holds the cases the connclose check must report.
package connclose

import (
	"context"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func setName(ctx context.Context, rdb *redis.Client) error {
	cn := rdb.Conn() // want `the \*redis.Conn from Conn is not closed when this function returns at line 14: it holds a pooled connection, and a few leaks exhaust the pool \(redis: connection pool timeout\); add defer cn.Close\(\) after this line`
	if err := cn.ClientSetName(ctx, "worker").Err(); err != nil {
		return err
	}
	return cn.Close()
}

func usedAndDropped(ctx context.Context, rdb *redis.Client) error {
	return rdb.Conn().Ping(ctx).Err() // want `the \*redis.Conn from Conn is not closed when this function returns at line 20`
}

func ephemeral(ctx context.Context, rdb *redis.Client) string {
	cn := rdb.EphemeralConn() // want `the \*redis.Conn from EphemeralConn is not closed`
	return cn.Get(ctx, "k").Val()
}

func v8Conn(ctx context.Context, rdb *redisv8.Client) {
	cn := rdb.Conn(ctx) // want `not closed when this function returns at line 31`
	cn.Ping(ctx)
}

func connPerIteration(ctx context.Context, rdb *redis.Client, keys []string) {
	var cn *redis.Conn
	for _, k := range keys {
		cn = rdb.Conn() // want `created in a loop and not closed before the next iteration creates another`
		cn.Get(ctx, k)
	}
	if cn != nil {
		cn.Close()
	}
}

func deferPerIteration(ctx context.Context, rdb *redis.Client, keys []string) {
	for _, k := range keys {
		cn := rdb.Conn() // want `closed by a defer in the loop body`
		defer cn.Close()
		cn.Get(ctx, k)
	}
}
