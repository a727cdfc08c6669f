package conncallers

import (
	"context"

	"example.com/redismod/crosspkg/borrow"
	"github.com/redis/go-redis/v9"
)

func connCleanupDeferred(ctx context.Context, rdb *redis.Client) error {
	cn, release, err := borrow.Session(ctx, rdb)
	if err != nil {
		return err
	}
	defer release()
	return cn.Ping(ctx).Err()
}

func connCleanupForgotten(ctx context.Context, rdb *redis.Client) error {
	cn, _, err := borrow.Session(ctx, rdb) // want `the \*redis.Conn from borrow.Session is not closed when this function returns at line \d+`
	if err != nil {
		return err
	}
	return cn.Ping(ctx).Err()
}
