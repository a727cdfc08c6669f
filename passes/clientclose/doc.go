/*
Package clientclose defines an Analyzer that reports go-redis clients
that are never closed.

# Analyzer clientclose

clientclose: report go-redis clients that are not closed on every path

A go-redis client (NewClient, NewClusterClient, NewRing, NewFailoverClient,
NewFailoverClusterClient, NewSentinelClient, NewUniversalClient) owns a pool
of connections. Until Close is called they stay open: a client dropped
without Close keeps its sockets until the garbage collector reclaims it
(in v8, whose pool runs an idle-reaper goroutine, for good), and a service
that never closes its client at shutdown drops in-flight commands instead
of draining them.

The check reports, at the constructor call (or at the call of a function
whose summary says it returns a new client):

  - a client the function owns and neither closes nor hands off on some
    path from its creation to a normal return. In main, a Close in a
    goroutine or closure that main starts (signal-driven shutdown) counts,
    and paths that end in os.Exit or log.Fatal do not;
  - a client overwritten before it is closed on some path, and a client
    created in a loop body and not closed before the next iteration, or
    closed by a defer in the loop body (also of a range-over-func loop),
    which keeps every one open until the function returns. A client built
    on a hot path is clientchurn's finding and is not reported again here;
    a client per node or shard in a loop is not churn, so its defer in the
    loop is reported here;
  - a constructor function that stores a new client in an unexported field
    of the struct type it returns (or of one it returns behind an
    interface), itself or through a helper of the package that takes the
    client and builds the owner (s, err := newStore(rdb)), when no method
    of that type (or helper of the package) closes the field: the type
    owns the client but cannot release it; the message names the Close
    method that forgets it. Interface-typed fields (redis.UniversalClient)
    too;
  - a test helper (a function with a *testing.T, *testing.B, *testing.F or
    testing.TB parameter) that returns a new client without registering
    its release, while callers in the package leave it unclosed: once, at
    the helper, with the fix tb.Cleanup(func() { _ = rdb.Close() }); its
    callers are not reported.

A client is only reported on paths on which it was used: the pool dials
at the first command, so a client dropped before any use (the
config-validation idiom if _, err := newClient(cfg); err != nil, or a
return on a config error right after the constructor) holds nothing,
unless its options ask for idle connections up front (MinIdleConns > 0).

Package-level variables are not reported: they live as long as the
program. A client returned, stored, sent or passed to a function that
keeps it is handed off and not reported; so is one copied into a live
client (*live = *redis.NewClient(opt), a reconnect hook). A function that
stores a client only when it returns a nil error leaves it to its caller
on the error path: s, err := newStore(redis.NewClient(opt)) leaks the
client when err is not nil. Clients borrowed from another one
(WithTimeout, the clients passed to ForEachShard and the like) and those a
function returns after storing them (get-or-create caches, memoised
per-address clients, lazy singletons) or after registering their release
(t.Cleanup) are not owned by the caller and never reported there.

Bad:

	func main() {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		srv := &http.Server{Handler: newMux(rdb)}
		srv.ListenAndServe()
	}

	type Store struct{ rdb *redis.Client }

	func NewStore(addr string) *Store {
		return &Store{rdb: redis.NewClient(&redis.Options{Addr: addr})}
	}

Good:

	func main() {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		defer rdb.Close()
		...
	}

	func (s *Store) Close() error { return s.rdb.Close() }

The suggested fix adds defer rdb.Close() after the statement that creates
the client, where the function owns the client for its whole run (the
client is assigned to a variable, outside any loop, and never handed
off), and removes the rdb.Close() statements after it that the defer
makes redundant; there is no fix where the result of such a Close is
used. Owner types get no fix: add a Close method.

Flags: -clientclose.constructors names more functions that return a new
client, by full name ("example.com/infra/redisx.New,(*example.com/x.Pool).Client"),
for constructors whose body redisvet cannot see through. The setting is
shared with clientchurn (-clientchurn.constructors).

# Other libraries

The same rules cover the clients of the other libraries: rueidis' and
valkey-go's NewClient (it dials at once, so a client dropped before its
first command holds connections too; without ForceSingleClient a failed
NewClient returns no client, so its error path is never reported), the
lockers of rueidislock and valkeylock (NewLocker), and redigo's pools,
built by NewPool or by a `&redis.Pool{...}` literal (setting its fields
is no use: a pool dropped before its first Get holds nothing). Their
Close has no result or an error; owner types that release the client in
Stop are seen like those that do in Close.

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore clientclose the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package clientclose
