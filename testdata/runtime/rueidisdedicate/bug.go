//go:build !fixed

package main

import (
	"context"

	"github.com/redis/rueidis"
)

// incr increments key in a MULTI/EXEC on a connection of its own.
func incr(ctx context.Context, client rueidis.Client, key string) error {
	dc, _ := client.Dedicate()
	for _, resp := range dc.DoMulti(ctx,
		dc.B().Multi().Build(),
		dc.B().Incr().Key(key).Build(),
		dc.B().Exec().Build()) {
		if err := resp.Error(); err != nil {
			return err
		}
	}
	return nil
}
