/*
Package clientchurn defines an Analyzer that reports go-redis clients
built on a hot path: once per loop iteration or once per request.

# Analyzer clientchurn

clientchurn: report go-redis clients built per loop iteration or per request

A go-redis client is meant to be built once and shared: it is safe for
concurrent use and owns a pool of connections. A client built per
iteration or per request dials new connections every time, throws away
the pool it just warmed, and multiplies the connections the Redis server
sees (measured in testdata/runtime/clientchurn: 50 jobs, 50 dials, where
one client dials once).

The check reports, at the constructor call (or at the call of a function
whose summary says it returns a new client):

  - a client built inside a loop body (for, range, range over an integer
    or a function), also in a function literal started with go in the
    loop, when the client does not outlive the iteration: it is not
    stored in a variable, map, slice or field declared outside the loop,
    not appended, not returned;
  - a client built inside a request handler: a function or method with
    parameters (http.ResponseWriter, *http.Request), including function
    literals passed to HandleFunc and ServeHTTP methods; gin (*gin.Context),
    echo (echo.Context) and fiber (*fiber.Ctx, v2 and v3) handlers; and
    the exported methods of a gRPC service type (one that embeds a
    generated Unimplemented...Server). Not when the client is assigned to a
    package-level variable or a field (lazy initialisation, sync.Once).

It also reports, inside such a loop or handler, a call of a function that
builds a client and closes it before it returns (a per-call client), also
when that function is in another package; the message names it.

Not reported in a loop: a client whose options depend on the iteration,
such as one client per node, pod or shard address (for a wrapper or a
per-call helper, the arguments that reach the client's options, which its
summary records). It cannot be hoisted, so it is not churn; a defer of
its Close in the loop body is still reported, by clientclose. A key or
queue name that varies while the address does not is still churn.

Loops in Test functions are exempt: one client per table case is normal.
Benchmark loops are not. A client from a test helper of the package that
callers leave unclosed is reported once, at the helper, by clientclose.

A client built on a hot path and never closed is reported here only, not
again by clientclose, and the message says it is never closed.

Bad:

	for _, job := range jobs {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		rdb.LPush(ctx, "jobs", job)
		rdb.Close()
	}

Good:

	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	for _, job := range jobs {
		rdb.LPush(ctx, "jobs", job)
	}

The suggested fix hoists the constructor out of the loop when its
arguments do not depend on the loop, removes the Close in the loop body
and adds defer rdb.Close() after the hoisted line. There is no fix where
hoisting would change meaning.

Flags: -clientchurn.handlers adds handler parameter types
("example.com/pkg.Context,..."); -clientchurn.constructors names more
functions that return a new client, by full name, and is shared with
clientclose (-clientclose.constructors).

# Other libraries

rueidis and valkey-go clients (NewClient dials at once) and redigo pools
(NewPool, or a `&redis.Pool{...}` literal) built per iteration or per request are reported the same way.

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore clientchurn the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package clientchurn
