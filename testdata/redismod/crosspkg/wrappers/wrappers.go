// Package wrappers wraps go-redis. // want package:"dealsInRedis"
//
// Its callers live in sibling packages and see these functions only
// through facts.
package wrappers

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// Listen subscribes and returns the new PubSub to its caller.
func Listen(ctx context.Context, rdb redis.UniversalClient, ch string) *redis.PubSub { // want Listen:`redis\(returns new pubsub at 0; param 1 uses\)`
	return rdb.Subscribe(ctx, "app:"+ch)
}

// ListenChecked returns a new PubSub or an error.
func ListenChecked(ctx context.Context, rdb *redis.Client, ch string) (*redis.PubSub, error) { // want ListenChecked:`redis\(returns new pubsub at 0; param 1 uses\)`
	ps := rdb.Subscribe(ctx, ch)
	if _, err := ps.Receive(ctx); err != nil {
		ps.Close()
		return nil, fmt.Errorf("subscribe %s: %w", ch, err)
	}
	return ps, nil
}

// Session takes a connection out of the pool for its caller.
func Session(ctx context.Context, rdb *redis.Client) (*redis.Conn, error) { // want Session:`redis\(returns new conn at 0; used; param 1 uses\)`
	cn := rdb.Conn()
	if err := cn.Ping(ctx).Err(); err != nil {
		cn.Close()
		return nil, err
	}
	return cn, nil
}

// Batch returns a new pipeline.
func Batch(rdb redis.Cmdable) redis.Pipeliner { // want Batch:`redis\(returns new pipeline at 0; param 0 uses\)`
	return rdb.Pipeline()
}

// Stop closes a PubSub.
func Stop(ps *redis.PubSub) { // want Stop:`redis\(param 0 releases\)`
	if err := ps.Close(); err != nil {
		fmt.Println(err)
	}
}

// Release closes a Conn.
func Release(cn *redis.Conn) error { // want Release:`redis\(param 0 releases\)`
	return cn.Close()
}

// Flush executes a pipeline.
func Flush(ctx context.Context, pipe redis.Pipeliner) error { // want Flush:`redis\(param 1 releases\)`
	_, err := pipe.Exec(ctx)
	return err
}

// Queue queues commands on the caller's pipeline and leaves executing it
// to the caller.
func Queue(ctx context.Context, pipe redis.Pipeliner, keys ...string) { // want Queue:`redis\(param 1 uses\+queues\)`
	for _, k := range keys {
		pipe.Get(ctx, k)
	}
}

// Read uses a PubSub and leaves it open.
func Read(ctx context.Context, ps *redis.PubSub) (*redis.Message, error) { // want Read:`redis\(param 1 uses\)`
	return ps.ReceiveMessage(ctx)
}

// Hub keeps PubSubs.
type Hub struct{ subs []*redis.PubSub }

// Add stores ps in the hub.
func (h *Hub) Add(ps *redis.PubSub) { // want Add:`redis\(param 1 keeps\)`
	h.subs = append(h.subs, ps)
}
