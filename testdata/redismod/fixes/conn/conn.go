// Package conn holds connclose findings that carry a suggested fix.
package conn

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func setName(ctx context.Context, rdb *redis.Client) error {
	cn := rdb.Conn() // want `add defer cn.Close\(\) after this line`
	if err := cn.ClientSetName(ctx, "worker").Err(); err != nil {
		return err
	}
	cn.Close()
	return nil
}

func inSwitch(ctx context.Context, rdb *redis.Client, mode int) {
	switch mode {
	case 1:
		cn := rdb.Conn() // want `add defer cn.Close\(\) after this line`
		cn.Ping(ctx)
	}
}

// resultUsed keeps its Close, whose error it returns: a defer beside it
// would close twice, so there is no fix.
func resultUsed(ctx context.Context, rdb *redis.Client) error {
	cn := rdb.Conn() // want `add defer cn.Close\(\) after this line`
	if err := cn.Ping(ctx).Err(); err != nil {
		return err
	}
	return cn.Close()
}
