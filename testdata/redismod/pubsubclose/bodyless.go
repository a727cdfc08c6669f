package pubsubclose

import (
	"context"
	_ "unsafe" // for go:linkname

	"github.com/redis/go-redis/v9"
)

// nanotime is declared without a body, as assembly, cgo and linkname
// functions are: nothing is known of it, and asking must not loop.
//
//go:linkname nanotime runtime.nanotime
func nanotime() int64

func bodylessCallLeaks(ctx context.Context, rdb *redis.Client) int64 {
	ps := rdb.Subscribe(ctx, "events") // want `not closed when this function returns at line 19`
	if t := nanotime(); t%2 == 0 {
		return t
	}
	ps.Close()
	return nanotime()
}

func bodylessCallClosed(ctx context.Context, rdb *redis.Client) int64 {
	ps := rdb.Subscribe(ctx, "events")
	defer ps.Close()
	return nanotime()
}
