/*
Package pubsubclose defines an Analyzer that reports go-redis PubSub
handles that are not closed.

# Analyzer pubsubclose

pubsubclose: report *redis.PubSub handles that are not closed on every path

Subscribe, PSubscribe and SSubscribe (on a client, a cluster client, a ring
or the UniversalClient interface) return a *redis.PubSub that owns a
dedicated connection, subscribed until Close, even after the client itself
is closed. Once Channel has been called its goroutines (the receiver and
the health check) keep it alive for good: every leaked PubSub is one
socket and two goroutines more; without Channel the socket stays open
until the garbage collector reclaims the PubSub.

The check reports, at the call that created the PubSub (or at the call of
a function whose summary says it returns a new one):

  - a PubSub that is neither closed nor handed off on some path from its
    creation to a normal return of the function;
  - a discarded result: rdb.Subscribe(ctx, "ch") as a statement, or
    assigned to _;
  - a PubSub overwritten before it is closed on some path: ps :=
    rdb.Subscribe(ctx, a); if legacy { ps = rdb.Subscribe(ctx, b) },
    a retry loop that subscribes again into the same variable, or a
    late-binding defer func() { ps.Close() }() followed by a second
    Subscribe into ps (reported at the creation whose value is lost);
  - a PubSub created in a loop body and closed only after the loop, or
    closed by a defer in the loop body, also the body of a range-over-func
    loop (defers run when the function returns, so they pile up);
  - in a test helper (a function with a *testing.T, *testing.B,
    *testing.F or testing.TB parameter) that returns a new PubSub without
    registering its release, while a caller in the package leaves it
    open: once, at the helper, with the fix
    tb.Cleanup(func() { _ = ps.Close() }); its callers are not reported.

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
captures it, or by passing it to a function that closes it; go f(ps)
releases it only when f closes it (a goroutine that only reads from ps
leaves it open). It is handed off, and never reported, when it is
returned, stored in a field, map, slice, global or through a pointer,
sent on a channel, or passed to a function that keeps it or whose body
redisvet cannot see; a function literal or method value that closes it
(func() { ps.Close() }, ps.Close) hands it off when it is returned,
stored or registered (context.AfterFunc, sync.OnceFunc, errgroup). Paths
that end in a panic or a call that does not return (log.Fatal, os.Exit,
t.Fatal, runtime.Goexit) do not count.

A helper that returns a PubSub with the function that closes it, ps, done
:= open(ctx), gives its caller a PubSub released by calling, deferring or
handing on done; dropping done is reported. A helper that stores the
PubSub it returns, or registers its release with t.Cleanup, returns a
borrowed one: its callers are never told to close it.

The suggested fix adds defer ps.Close() after the statement that creates
the PubSub, when that statement assigns it to a variable and is not in a
loop, and removes the ps.Close() statements after it that the defer makes
redundant, so that each path closes once. There is no fix where the
result of such a Close is used (return ps.Close()). To silence a finding,
hand the PubSub off explicitly or close it.

# Other libraries

The PubSub from the Subscribe, PSubscribe and SSubscribe of rueidiscompat
and valkeycompat adapters holds a dedicated connection and a resubscribe
goroutine until Close: the same rules apply.

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore pubsubclose the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package pubsubclose
