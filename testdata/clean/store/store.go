// Package store uses PubSub, Conn and pipelines correctly: redisvet must
// report nothing here.
package store

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Watch forwards the payloads published on channel until ctx ends.
func Watch(ctx context.Context, rdb *redis.Client, channel string, out chan<- string) error {
	ps := rdb.Subscribe(ctx, channel)
	defer ps.Close()
	if _, err := ps.Receive(ctx); err != nil {
		return err
	}
	for {
		msg, err := ps.ReceiveMessage(ctx)
		if err != nil {
			return err
		}
		select {
		case out <- msg.Payload:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Subscription returns a PubSub that the caller owns and must close.
func Subscription(ctx context.Context, rdb *redis.Client, channel string) *redis.PubSub {
	return rdb.Subscribe(ctx, channel)
}

// Named runs a command on a named connection and gives the connection back.
func Named(ctx context.Context, rdb *redis.Client, name, key string) (string, error) {
	cn := rdb.Conn()
	defer cn.Close()
	if err := cn.ClientSetName(ctx, name).Err(); err != nil {
		return "", err
	}
	return cn.Get(ctx, key).Result()
}

// SetAll writes every key with a TTL in one round trip.
func SetAll(ctx context.Context, rdb *redis.Client, kv map[string]string, ttl time.Duration) error {
	pipe := rdb.Pipeline()
	for k, v := range kv {
		pipe.Set(ctx, k, v, ttl)
	}
	_, err := pipe.Exec(ctx)
	return err
}

// Counters increments keys in a transaction that the library executes.
func Counters(ctx context.Context, rdb *redis.Client, keys ...string) error {
	_, err := rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		for _, k := range keys {
			pipe.Incr(ctx, k)
		}
		return nil
	})
	return err
}
