package conncallers

import (
	"context"

	"github.com/redis/go-redis/v9"

	"example.com/redismod/crosspkg/closers"
	"example.com/redismod/crosspkg/wrappers"
)

func leaks(ctx context.Context, rdb *redis.Client) error {
	cn, err := wrappers.Session(ctx, rdb) // want `the \*redis.Conn from wrappers.Session is not closed when this function returns at line 18: .*; add defer cn.Close\(\) once the error is checked`
	if err != nil {
		return err
	}
	if err := cn.Set(ctx, "k", "v", 0).Err(); err != nil {
		return err
	}
	return wrappers.Release(cn)
}

func released(ctx context.Context, rdb *redis.Client) error {
	cn, err := wrappers.Session(ctx, rdb)
	if err != nil {
		return err
	}
	defer wrappers.Release(cn)
	return cn.Set(ctx, "k", "v", 0).Err()
}

func closedGenerically(ctx context.Context, rdb *redis.Client) {
	cn, err := wrappers.Session(ctx, rdb)
	if err != nil {
		return
	}
	defer closers.CloseQuietly(cn)
	cn.Ping(ctx)
}
