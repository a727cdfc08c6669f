// Package clientclose holds rueidis and valkey-go clients and lockers, and
// redigo pools.
package clientclose

import (
	"context"

	"github.com/gomodule/redigo/redis"
	"github.com/redis/rueidis"
	"github.com/redis/rueidis/rueidislock"
	"github.com/valkey-io/valkey-go"
)

// Reported.

func neverClosed(ctx context.Context) error {
	client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}}) // want `the rueidis.Client from rueidis.NewClient is not closed when this function returns at line \d+: its connections and background goroutines stay alive`
	if err != nil {
		return err
	}
	return client.Do(ctx, client.B().Ping().Build()).Error()
}

// unusedStillDials: NewClient connects at once, so an unused client holds
// connections too.
func unusedStillDials(prefix string) error {
	client, err := valkey.NewClient(valkey.ClientOption{InitAddress: []string{"127.0.0.1:6379"}}) // want `the valkey.Client from valkey.NewClient is not closed when this function returns at line \d+`
	if err != nil {
		return err
	}
	if prefix == "" {
		return context.Canceled
	}
	client.Close()
	return nil
}

func lockerLeaked(ctx context.Context) error {
	locker, err := rueidislock.NewLocker(rueidislock.LockerOption{ClientOption: rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}}}) // want `the rueidislock.Locker from rueidislock.NewLocker is not closed`
	if err != nil {
		return err
	}
	_, cancel, err := locker.WithContext(ctx, "job")
	if err != nil {
		return err
	}
	cancel()
	return nil
}

func poolLeaked() error {
	pool := redis.NewPool(func() (redis.Conn, error) { return redis.Dial("tcp", ":6379") }, 3) // want `the \*redis.Pool from redis.NewPool is not closed when this function returns at line \d+: its idle connections stay open`
	c := pool.Get()
	defer c.Close()
	_, err := c.Do("PING")
	return err
}

// Silent.

func closed(ctx context.Context) error {
	client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}})
	if err != nil {
		return err
	}
	defer client.Close()
	return client.Do(ctx, client.B().Ping().Build()).Error()
}

// Without ForceSingleClient a failed NewClient returns no client.
func errorPathHoldsNothing() (rueidis.Client, error) {
	client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}})
	if err != nil {
		return nil, err
	}
	return client, nil
}

// Cache owns its client and releases it in Stop, as thanos does.
type Cache struct{ client rueidis.Client }

func NewCache() (*Cache, error) {
	client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}})
	if err != nil {
		return nil, err
	}
	return &Cache{client: client}, nil
}

func (c *Cache) Stop() { c.client.Close() }

func lockerClosed() error {
	locker, err := rueidislock.NewLocker(rueidislock.LockerOption{ClientOption: rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}}})
	if err != nil {
		return err
	}
	defer locker.Close()
	return nil
}

func valkeyClosed(ctx context.Context) error {
	client, err := valkey.NewClient(valkey.ClientOption{InitAddress: []string{"127.0.0.1:6379"}})
	if err != nil {
		return err
	}
	defer client.Close()
	return client.Do(ctx, client.B().Ping().Build()).Error()
}

func poolClosed() error {
	pool := redis.NewPool(func() (redis.Conn, error) { return redis.Dial("tcp", ":6379") }, 3)
	defer pool.Close()
	c := pool.Get()
	defer c.Close()
	_, err := c.Do("PING")
	return err
}

// borrowed takes a caller's client: not its own to close.
func borrowed(ctx context.Context, client rueidis.Client) error {
	return client.Do(ctx, client.B().Ping().Build()).Error()
}

// forceSingle: with ForceSingleClient a failed NewClient returns a client
// beside its error, which must be closed too.
func forceSingle() (rueidis.Client, error) {
	client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}, ForceSingleClient: true}) // want `the rueidis.Client from rueidis.NewClient is not closed when this function returns at line \d+`
	if err != nil {
		return nil, err
	}
	return client, nil
}

func forceSingleClosed() (rueidis.Client, error) {
	client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}, ForceSingleClient: true})
	if err != nil {
		client.Close()
		return nil, err
	}
	return client, nil
}
