// Package pubsubclose holds the PubSubs of rueidis' and valkey-go's
// go-redis compatible adapters.
package pubsubclose

import (
	"context"

	"github.com/redis/rueidis"
	"github.com/redis/rueidis/rueidiscompat"
	"github.com/valkey-io/valkey-go"
	"github.com/valkey-io/valkey-go/valkeycompat"
)

// Reported.

func leaked(ctx context.Context, client rueidis.Client) error {
	ps := rueidiscompat.NewAdapter(client).Subscribe(ctx, "events") // want `the rueidiscompat.PubSub from Subscribe is not closed when this function returns at line \d+: its dedicated connection and resubscribe goroutine stay open for good`
	_, err := ps.ReceiveMessage(ctx)
	return err
}

func valkeyLeaked(ctx context.Context, client valkey.Client) error {
	ps := valkeycompat.NewAdapter(client).PSubscribe(ctx, "events.*") // want `the valkeycompat.PubSub from PSubscribe is not closed`
	_, err := ps.ReceiveMessage(ctx)
	return err
}

// Silent.

func closed(ctx context.Context, client rueidis.Client) error {
	ps := rueidiscompat.NewAdapter(client).Subscribe(ctx, "events")
	defer ps.Close()
	_, err := ps.ReceiveMessage(ctx)
	return err
}

func valkeyClosed(ctx context.Context, client valkey.Client) error {
	ps := valkeycompat.NewAdapter(client).SSubscribe(ctx, "events")
	defer ps.Close()
	_, err := ps.ReceiveMessage(ctx)
	return err
}

// adapterOnly builds an adapter, which owns nothing.
func adapterOnly(ctx context.Context, client rueidis.Client) error {
	return rueidiscompat.NewAdapter(client).Ping(ctx).Err()
}

// handedOff returns the PubSub.
func handedOff(ctx context.Context, client rueidis.Client) rueidiscompat.PubSub {
	return rueidiscompat.NewAdapter(client).Subscribe(ctx, "events")
}
