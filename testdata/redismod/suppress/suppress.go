// Package suppress exercises //redisvet:ignore directives.
package suppress

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func lineAbove(ctx context.Context, rdb *redis.Client) {
	//redisvet:ignore pubsubclose the process exits right after this
	ps := rdb.Subscribe(ctx, "a")
	_, _ = ps.Receive(ctx)
}

func sameLine(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a") //redisvet:ignore pubsubclose,connclose closed by the caller's cleanup hook
	_, _ = ps.Receive(ctx)
}

func noReason(ctx context.Context, rdb *redis.Client) {
	//redisvet:ignore pubsubclose // want `this redisvet:ignore directive gives no reason`
	ps := rdb.Subscribe(ctx, "a")
	_, _ = ps.Receive(ctx)
}

func stale(ctx context.Context, rdb *redis.Client) {
	//redisvet:ignore pubsubclose it used to leak // want `this redisvet:ignore directive suppresses no pubsubclose finding`
	ps := rdb.Subscribe(ctx, "a")
	defer ps.Close()
}

func tooFar(ctx context.Context, rdb *redis.Client) {
	//redisvet:ignore pubsubclose two lines above is too far // want `suppresses no pubsubclose finding`

	ps := rdb.Subscribe(ctx, "a") // want `not closed`
	_, _ = ps.Receive(ctx)
}

func otherCheck(ctx context.Context, rdb *redis.Client) {
	//redisvet:ignore connclose wrong check named
	ps := rdb.Subscribe(ctx, "a") // want `not closed`
	_, _ = ps.Receive(ctx)
}

//redisvet:ignored is not a directive
func notADirective() {}

func misspelt(ctx context.Context, rdb *redis.Client) {
	//redisvet:ignore pubsubclos the listener lives for good // want `this redisvet:ignore directive names "pubsubclos", which is no redisvet check, so it silences nothing`
	ps := rdb.Subscribe(ctx, "a") // want `not closed`
	_, _ = ps.Receive(ctx)
}

func bare(ctx context.Context, rdb *redis.Client) {
	//redisvet:ignore // want `this redisvet:ignore directive names no check: write //redisvet:ignore CHECK reason`
	ps := rdb.Subscribe(ctx, "a") // want `not closed`
	_, _ = ps.Receive(ctx)
}

func oneOfTwoMisspelt(ctx context.Context, rdb *redis.Client) {
	//redisvet:ignore pubsubclose,connclos the listener lives for good // want `names "connclos", which is no redisvet check`
	ps := rdb.Subscribe(ctx, "a")
	_, _ = ps.Receive(ctx)
}
