// Package ratelimit limits how many messages a user may post per window,
// with a fixed-window counter in Redis.
package ratelimit

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Limiter allows up to limit messages per user and window.
type Limiter struct {
	rdb    *redis.Client
	limit  int64
	window time.Duration
}

// New returns a limiter that keeps its counters on the Redis server at
// addr, on a client of its own so that rate limiting does not compete for
// the connections of the chat traffic.
//
// Bug: the limiter owns that client, but no method of Limiter closes it:
// its pool and goroutines can never be released, and a caller has no way
// to shut the limiter down cleanly.
func New(addr string, limit int64, window time.Duration) *Limiter {
	return &Limiter{
		rdb:    redis.NewClient(&redis.Options{Addr: addr, PoolSize: 4}),
		limit:  limit,
		window: window,
	}
}

// Shared returns a limiter on a client that the caller owns and closes:
// the limiter only borrows it, nothing to report.
func Shared(rdb *redis.Client, limit int64, window time.Duration) *Limiter {
	return &Limiter{rdb: rdb, limit: limit, window: window}
}

func (l *Limiter) key(user string, now time.Time) string {
	slot := now.UnixNano() / int64(l.window)
	return "ratelimit:" + user + ":" + strconv.FormatInt(slot, 10)
}

// Allow counts one message of user and reports whether it is within the
// limit. TxPipelined executes the pipeline itself: correct.
func (l *Limiter) Allow(ctx context.Context, user string) (bool, error) {
	key := l.key(user, time.Now())
	var count *redis.IntCmd
	_, err := l.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		count = pipe.Incr(ctx, key)
		pipe.Expire(ctx, key, l.window)
		return nil
	})
	if err != nil {
		return false, err
	}
	return count.Val() <= l.limit, nil
}

// Refund gives one message back to user, never going below zero, with an
// optimistic transaction on the counter.
//
// Bug: the callback reads the counter through l.rdb, not through tx: the
// read runs on another connection, outside the WATCH, so two concurrent
// refunds can both see 1 and both write 0 — one refund is lost.
func (l *Limiter) Refund(ctx context.Context, user string) error {
	key := l.key(user, time.Now())
	return l.rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := l.rdb.Get(ctx, key).Int64()
		if err != nil && err != redis.Nil {
			return err
		}
		if n == 0 {
			return nil
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, n-1, l.window)
			return nil
		})
		return err
	}, key)
}
