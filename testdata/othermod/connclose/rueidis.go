package connclose

import (
	"context"

	"github.com/redis/rueidis"
	"github.com/valkey-io/valkey-go"
)

// Reported.

func cancelDropped(ctx context.Context, client rueidis.Client) error {
	dc, _ := client.Dedicate() // want `the rueidis.DedicatedClient from Dedicate is not closed when this function returns at line \d+: its connection keeps a slot of BlockingPoolSize`
	return dc.Do(ctx, dc.B().Ping().Build()).Error()
}

func cancelOnSuccessOnly(ctx context.Context, client rueidis.Client) error {
	dc, cancel := client.Dedicate() // want `the rueidis.DedicatedClient from Dedicate is not closed when this function returns at line \d+`
	if err := dc.Do(ctx, dc.B().Ping().Build()).Error(); err != nil {
		return err
	}
	cancel()
	return nil
}

func valkeyDropped(ctx context.Context, client valkey.Client) error {
	dc, _ := client.Dedicate() // want `the valkey.DedicatedClient from Dedicate is not closed`
	return dc.Do(ctx, dc.B().Ping().Build()).Error()
}

// Silent.

func deferredCancel(ctx context.Context, client rueidis.Client) error {
	dc, cancel := client.Dedicate()
	defer cancel()
	return dc.Do(ctx, dc.B().Ping().Build()).Error()
}

// bothReleases cancels and closes, as centrifuge does: one release is
// enough, two are not a double report.
func bothReleases(ctx context.Context, client rueidis.Client) error {
	dc, cancel := client.Dedicate()
	defer cancel()
	defer dc.Close()
	return dc.Do(ctx, dc.B().Ping().Build()).Error()
}

func closedNotCancelled(ctx context.Context, client rueidis.Client) error {
	dc, _ := client.Dedicate()
	defer dc.Close()
	return dc.Do(ctx, dc.B().Ping().Build()).Error()
}

func dedicatedCallback(ctx context.Context, client valkey.Client) error {
	return client.Dedicated(func(dc valkey.DedicatedClient) error {
		return dc.Do(ctx, dc.B().Ping().Build()).Error()
	})
}

// ticker keeps the cancel in a field and calls it when it stops.
type ticker struct {
	dc     rueidis.DedicatedClient
	cancel func()
}

func (t *ticker) Stop() { t.cancel() }

func newTicker(client rueidis.Client) *ticker {
	dc, cancel := client.Dedicate()
	return &ticker{dc: dc, cancel: cancel}
}

func valkeyDeferred(ctx context.Context, client valkey.Client) error {
	dc, cancel := client.Dedicate()
	defer cancel()
	return dc.Do(ctx, dc.B().Ping().Build()).Error()
}
