package pubsubclose

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"
)

func subscribed(tb testing.TB, rdb *redis.Client) *redis.PubSub {
	ps := rdb.Subscribe(context.Background(), "events") // want `the \*redis.PubSub from Subscribe is returned by the test helper subscribed without registering its release, and one of its callers never closes it: .*; register its release in the helper: tb.Cleanup\(func\(\) { _ = ps.Close\(\) }\)`
	if _, err := ps.Receive(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return ps
}

func TestEvents(t *testing.T) {
	ps := subscribed(t, redis.NewClient(&redis.Options{}))
	<-ps.Channel()
}

func TestEventsClosed(t *testing.T) {
	ps := subscribed(t, redis.NewClient(&redis.Options{}))
	defer ps.Close()
	<-ps.Channel()
}

func subscribedWithCleanup(t *testing.T, rdb *redis.Client) *redis.PubSub {
	ps := rdb.Subscribe(context.Background(), "events")
	t.Cleanup(func() { ps.Close() })
	return ps
}

func subscribedWithPair(t *testing.T, rdb *redis.Client) (*redis.PubSub, func()) {
	ps := rdb.Subscribe(context.Background(), "events")
	return ps, func() { ps.Close() }
}

func TestBorrowedSubscriptions(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{})
	<-subscribedWithCleanup(t, rdb).Channel()
	ps, done := subscribedWithPair(t, rdb)
	t.Cleanup(done)
	<-ps.Channel()
}
