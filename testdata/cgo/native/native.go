// Package native uses cgo beside go-redis: redisvet analyses the
// cgo-processed files like any other, under go vet and standalone.
package native

/*
static int checksum(int n) { return n * 31 + 7; }
*/
import "C"

import (
	"context"
	"errors"

	"github.com/redis/go-redis/v9"
)

// Leak leaves the PubSub open when the checksum is odd.
func Leak(ctx context.Context, rdb *redis.Client, n int) error {
	ps := rdb.Subscribe(ctx, "events")
	if C.checksum(C.int(n))%2 == 1 {
		return errors.New("odd checksum")
	}
	return ps.Close()
}

// Closed closes the PubSub on every path.
func Closed(ctx context.Context, rdb *redis.Client, n int) (int, error) {
	ps := rdb.Subscribe(ctx, "events")
	defer ps.Close()
	if _, err := ps.Receive(ctx); err != nil {
		return 0, err
	}
	return int(C.checksum(C.int(n))), nil
}
