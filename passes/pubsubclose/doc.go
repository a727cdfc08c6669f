/*
Package pubsubclose defines an Analyzer that reports go-redis PubSub
handles that are not closed.

# Analyzer pubsubclose

pubsubclose: report *redis.PubSub handles that are not closed on every path

Subscribe, PSubscribe and SSubscribe (on a client, a cluster client, a ring
or the UniversalClient interface) return a *redis.PubSub that owns a
dedicated connection and a health-check goroutine. Until Close is called
both stay alive, even after the client itself is closed: every leaked
PubSub is one socket and one goroutine more, for good.

The check reports, at the call that created the PubSub (or at the call of
a function whose summary says it returns a new one):

  - a PubSub that is neither closed nor handed off on some path from its
    creation to a normal return of the function;
  - a discarded result: rdb.Subscribe(ctx, "ch") as a statement, or
    assigned to _;
  - a PubSub overwritten before it is closed;
  - a PubSub created in a loop body and closed only after the loop, or
    closed by a defer in the loop body (defers run when the function
    returns, so they pile up).

Bad:

	func listen(ctx context.Context, rdb *redis.Client) error {
		ps := rdb.Subscribe(ctx, "events")
		msg, err := ps.ReceiveMessage(ctx)
		if err != nil {
			return err // ps leaks here
		}
		handle(msg)
		return ps.Close()
	}

Good:

	func listen(ctx context.Context, rdb *redis.Client) error {
		ps := rdb.Subscribe(ctx, "events")
		defer ps.Close()
		...
	}

A PubSub is released by Close, called directly, in a defer (also inside a
deferred function literal), in a goroutine or t.Cleanup function that
captures it, or by passing it to a function that closes it. It is handed
off, and never reported, when it is returned, stored in a field, map,
slice, global or through a pointer, sent on a channel, or passed to a
function that keeps it or whose body redisvet cannot see. Paths that end
in a panic or a call that does not return (log.Fatal, os.Exit, t.Fatal,
runtime.Goexit) do not count.

The suggested fix adds defer ps.Close() after the statement that creates
the PubSub, when that statement assigns it to a variable and is not in a
loop. To silence a finding, hand the PubSub off explicitly or close it.

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore pubsubclose the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package pubsubclose
