// Command rueidisdedicate takes a rueidis dedicated client per call and
// never calls its cancel or Close (connclose; incr in bug.go): the
// connection keeps its slot of BlockingPoolSize. Client.Close does not
// reclaim it, and once the slots are gone the next Dedicate, and every
// blocking command, waits for good.
package main

import (
	"context"
	"time"

	"github.com/redis/rueidis"

	"example.com/runtime/internal/probe"
)

const calls = 2

// newClient has one slot for dedicated and blocking connections.
func newClient(addr string) (rueidis.Client, error) {
	return rueidis.NewClient(rueidis.ClientOption{
		InitAddress:      []string{addr},
		BlockingPoolSize: 1,
		DisableCache:     true,
	})
}

// Result is the program's output.
type Result struct {
	// AfterClose is what the server holds once a client that ran one
	// incr was closed.
	AfterClose probe.Report `json:"after_close"`
	// Dedicate is the calls of incr on another client, each bounded by
	// half a second: Dedicate itself takes no context.
	Dedicate probe.Report `json:"dedicate"`
	// Blocking is one BLPOP with a server-side timeout of 0.1s, bounded
	// by a context of 0.5s, after those calls.
	Blocking probe.Report `json:"blocking"`
}

func main() {
	addr := probe.Start(30 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var res Result

	srv := probe.Watch(addr)
	closed, err := newClient(addr)
	if err != nil {
		panic(err)
	}
	res.AfterClose = probe.Report{Ops: 1}
	if err := incr(ctx, closed, "rueidisdedicate:n"); err != nil {
		res.AfterClose.Fail(1, err, 0)
	}
	closed.Close()
	srv.Fill(&res.AfterClose)

	client, err := newClient(addr)
	if err != nil {
		panic(err)
	}
	defer client.Close()
	res.Dedicate = probe.Report{Ops: calls}
	for i := range calls {
		ctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		start := time.Now()
		done := make(chan error, 1)
		go func() { done <- incr(ctx, client, "rueidisdedicate:n") }()
		select {
		case err := <-done:
			if err != nil {
				res.Dedicate.Fail(i+1, err, time.Since(start))
			}
		case <-ctx.Done():
			res.Dedicate.Blocked++
		}
		cancel()
	}

	res.Blocking = probe.Report{Ops: 1}
	bctx, bcancel := context.WithTimeout(ctx, 500*time.Millisecond)
	start := time.Now()
	err = client.Do(bctx, client.B().Blpop().Key("rueidisdedicate:none").Timeout(0.1).Build()).Error()
	if err != nil && !rueidis.IsRedisNil(err) {
		res.Blocking.Fail(1, err, time.Since(start))
	}
	res.Blocking.PerOpUs = float64(time.Since(start).Microseconds())
	bcancel()
	probe.PrintJSON(res)
}
