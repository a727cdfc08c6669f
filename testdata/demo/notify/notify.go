// Package notify delivers chat notifications that arrive on Redis Pub/Sub
// channels to the users connected to this instance.
package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Notification is one message published on a user's channel.
type Notification struct {
	User string
	Text string
}

// Deliver is called for every notification received.
type Deliver func(Notification) error

func channel(user string) string { return "notify:" + user }

// Listen forwards the notifications of users to deliver until ctx ends.
//
// Bug: when the subscription cannot be confirmed, Listen returns without
// closing ps: its connection and health-check goroutine stay open.
func Listen(ctx context.Context, rdb *redis.Client, deliver Deliver, users ...string) error {
	channels := make([]string, len(users))
	for i, u := range users {
		channels[i] = channel(u)
	}
	ps := rdb.Subscribe(ctx, channels...)
	if _, err := ps.Receive(ctx); err != nil {
		return fmt.Errorf("notify: subscribe: %w", err)
	}
	defer ps.Close()

	for {
		msg, err := ps.ReceiveMessage(ctx)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		}
		n := Notification{User: strings.TrimPrefix(msg.Channel, "notify:"), Text: msg.Payload}
		if err := deliver(n); err != nil {
			return err
		}
	}
}

// Broadcast listens on every user channel with a pattern subscription and
// hands each payload to deliver. It closes the PubSub on every path.
func Broadcast(ctx context.Context, rdb *redis.Client, deliver Deliver) error {
	ps := rdb.PSubscribe(ctx, "notify:*")
	defer ps.Close()

	ch := ps.Channel()
	for {
		select {
		case <-ctx.Done():
			return nil
		case msg, ok := <-ch:
			if !ok {
				return nil
			}
			n := Notification{User: strings.TrimPrefix(msg.Channel, "notify:"), Text: msg.Payload}
			if err := deliver(n); err != nil {
				return err
			}
		}
	}
}

// Publish sends a notification to a user.
func Publish(ctx context.Context, rdb *redis.Client, n Notification) error {
	return rdb.Publish(ctx, channel(n.User), n.Text).Err()
}

// PublishAll sends a batch of notifications through the Redis server at
// addr, for tools that do not keep a client around.
//
// Bug: it builds a new client, with its own pool and goroutines, for every
// notification, and throws it away after one command.
func PublishAll(ctx context.Context, addr string, ns []Notification) error {
	for _, n := range ns {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		err := Publish(ctx, rdb, n)
		rdb.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
