// Package ownership is redisvet's ownership engine: for every go-redis
// client or handle created in a function, is it released or handed off on
// every path from its creation to a normal exit?
//
// # Why SSA
//
// The engine works on go/ssa, built here for the packages that deal in
// Redis, rather than on the go/cfg graphs that lostcancel uses. Ownership
// is a question about values, not variables: a PubSub flows through
// assignments, phi nodes at joins, conversions to interfaces (io.Closer,
// redis.UniversalClient), type assertions, tuples (ps, err := f()) and
// closures that capture it. SSA makes each of these an explicit def-use
// edge, so following the value is a walk over referrers, and aliasing
// through local variables that closures capture is the one place that
// needs care (cells, see flow.go). With the CFG of go/cfg the engine would
// have to re-derive this from syntax for every form of assignment. SSA
// also gives dominators (a defer registered before the value exists) and
// one Return instruction per exit with its operands (returned = handed
// off).
//
// # The question, answered linearly
//
// For a created value the engine first classifies every use of it and of
// its aliases (flow.go): a release (Close, Exec, Discard, a helper that
// releases, a go/defer/t.Cleanup literal that releases), a hand-off
// (returned, stored outside the function, sent, passed to a function that
// keeps it or whose body is unknown) or a plain use. Those releases and
// hand-offs are sinks. Then one breadth-first search over the basic
// blocks, from the creation, looks for a Return reachable without passing
// a sink (paths.go); blocks that panic or call a function that does not
// return end a path. The same search reports a creation in a loop that
// reaches itself again before a sink (re-created before release), and,
// ignoring deferred sinks, a defer in a loop. Each block is visited at
// most twice, so the cost is linear in the size of the function whatever
// the number of paths; the pathological benchmarks measure it.
//
// # Summaries
//
// What a function does with Redis values travels to its callers, in this
// package and in others, as a [Summary] fact: the new values it returns,
// what it does with each parameter that may carry one (releases on every
// path, keeps, uses, queues pipeline commands), whether it builds a client
// and closes it before returning, whether it never returns. A call of a
// function with no summary is a hand-off: precision first.
//
// Packages that import no Redis library, directly or through a package
// marked with [DealsInRedis], get no SSA: a walk of their syntax gives the
// summaries of generic helpers (a function that closes the io.Closer it is
// given, a function that always exits), so the standard library and most
// of a codebase cost almost nothing. The standard library's functions that
// do not return are known by name, since Bazel's nogo does not analyse it.
package ownership
