// Command pubsubclose waits for one message per call on a PubSub that it
// never closes (pubsubclose): every call leaves a subscribed connection
// and the goroutines of ps.Channel() running, which hold on to it after
// garbage collection too.
package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/runtime/internal/probe"
)

const calls = 20

// roundTrip subscribes to channel, publishes payload on it and waits for it
// to come back, as a request waiting for its reply on a channel does.
func roundTrip(ctx context.Context, rdb *redis.Client, channel, payload string) error {
	ps := rdb.Subscribe(ctx, channel)
	// The confirmation: from here on the publish cannot be missed.
	if _, err := ps.Receive(ctx); err != nil {
		return err
	}
	if err := rdb.Publish(ctx, channel, payload).Err(); err != nil {
		return err
	}
	select {
	case msg := <-ps.Channel():
		if msg.Payload != payload {
			return fmt.Errorf("got %q, want %q", msg.Payload, payload)
		}
		return nil
	case <-ctx.Done():
		return errors.New("no message: " + ctx.Err().Error())
	}
}

// Result is the program's output.
type Result struct {
	Returned probe.Report `json:"returned"` // once the calls returned
	AfterGC  probe.Report `json:"after_gc"` // then after three collections
}

func main() {
	addr := probe.Start(30 * time.Second)
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	// The client's own pool connection and start-up goroutines are not
	// the PubSubs' cost: settle them before counting.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		panic(err)
	}
	srv := probe.Watch(addr)
	var res Result
	r := &res.Returned
	r.Ops = calls
	for i := range calls {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		start := time.Now()
		if err := roundTrip(ctx, rdb, fmt.Sprintf("pubsubclose:%d", i), "ping"); err != nil {
			r.Fail(i+1, err, time.Since(start))
		}
		cancel()
	}
	srv.Fill(r)
	for range 3 {
		runtime.GC()
	}
	srv.Fill(&res.AfterGC)
	probe.PrintJSON(res)
}
