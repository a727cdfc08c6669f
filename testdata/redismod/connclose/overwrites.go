package connclose

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// lateBoundTwice defers a Close of whatever cn holds at exit, then puts a
// second Conn there: the first one is never closed.
func lateBoundTwice(ctx context.Context, rdb *redis.Client) {
	var cn *redis.Conn
	defer func() { cn.Close() }()
	cn = rdb.Conn() // want `the \*redis.Conn from Conn is overwritten by the value from line 16 before it is closed`
	cn.Ping(ctx)
	cn = rdb.Conn()
	cn.Ping(ctx)
}

func lateBoundOnce(ctx context.Context, rdb *redis.Client) {
	var cn *redis.Conn
	defer func() { cn.Close() }()
	cn = rdb.Conn()
	cn.Ping(ctx)
}

func lateBoundClosedBetween(ctx context.Context, rdb *redis.Client) {
	var cn *redis.Conn
	defer func() { cn.Close() }()
	cn = rdb.Conn()
	cn.Ping(ctx)
	cn.Close()
	cn = rdb.Conn()
	cn.Ping(ctx)
}

func twoVariables(ctx context.Context, rdb *redis.Client) {
	a := rdb.Conn()
	defer a.Close()
	b := rdb.Conn()
	defer b.Close()
	a.Ping(ctx)
	b.Ping(ctx)
}
