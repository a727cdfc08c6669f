/*
Package connclose defines an Analyzer that reports go-redis Conn handles
that are not closed.

# Analyzer connclose

connclose: report *redis.Conn handles that are not closed on every path

(*redis.Client).Conn and EphemeralConn (v8: Conn(ctx)) return a *redis.Conn
that takes a connection out of the client's pool at its first command and
holds it until Close. A few leaked Conns exhaust the pool: every other
command then waits and fails with "redis: connection pool timeout".

The check reports, at the Conn() call (or at the call of a function whose
summary says it returns a new *redis.Conn):

  - a Conn that is neither closed nor handed off on some path from its
    creation to a normal return of the function;
  - a discarded Conn that ran a command: rdb.Conn().Ping(ctx). A Conn is
    only reported on paths on which it ran a command: one dropped, or
    returned from on an early path, before its first use holds nothing;
  - a Conn overwritten before it is closed on some path, also by a second
    Conn stored into a variable that a late-binding
    defer func() { cn.Close() }() closes;
  - a Conn created in a loop body and closed only after the loop, or closed
    by a defer in the loop body (also of a range-over-func loop);
  - a test helper that returns a new Conn without registering its release
    while a caller leaves it open: once, at the helper, with a tb.Cleanup
    fix.

Bad:

	func setName(ctx context.Context, rdb *redis.Client) error {
		cn := rdb.Conn()
		if err := cn.ClientSetName(ctx, "worker").Err(); err != nil {
			return err // the pooled connection is never returned
		}
		return cn.Close()
	}

Good:

	func setName(ctx context.Context, rdb *redis.Client) error {
		cn := rdb.Conn()
		defer cn.Close()
		return cn.ClientSetName(ctx, "worker").Err()
	}

Release and hand-off are as for pubsubclose: Close directly, deferred, in a
goroutine or t.Cleanup that captures the Conn, or in a helper that closes
it; returned, stored, sent, or passed to a function that keeps it; a
helper returning cn, cn.Close, err gives a Conn released by its cleanup.
Paths ending in a panic or a call that does not return do not count.

# Other libraries

The same rules cover the connections of the other client libraries:

  - redigo: the redis.Conn from (*Pool).Get and GetContext, and from a
    method Get() redis.Conn or GetContext(ctx) (redis.Conn, error) on any
    type (an application's own pool interface), and from Dial, DialContext,
    DialURL, DialURLContext, DialTimeout and NewConn. A Conn from Get holds
    its connection at once, so a dropped pool.Get() is reported too: the
    pool never takes a leaked connection back, and once MaxActive are out
    Get fails with "connection pool exhausted", or blocks forever with
    Wait. A Dial inside the Pool's Dial function, and a conn wrapped in
    PubSubConn{Conn: c}, are hand-offs; the library's helpers that take a
    conn (Script.Do, Script.Send, Script.Load, DoWithTimeout, DoContext,
    ReceiveWithTimeout, ReceiveContext) only use it, so
    script.Do(pool.Get(), key) leaks the conn.
  - rueidis and valkey-go: the DedicatedClient from Dedicate(), released by
    calling the cancel func it returns beside it (or by the
    DedicatedClient's Close); a dropped cancel with a DedicatedClient that
    is never closed keeps a slot of BlockingPoolSize for good, which
    Client.Close does not reclaim. Dedicated(fn) releases itself.

The suggested fix adds defer cn.Close() after the statement that creates
the Conn, when that statement assigns it to a variable and is not in a
loop, and removes the cn.Close() statements it makes redundant; there is
no fix where the result of such a Close is used.

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore connclose the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package connclose
