package runtimeproof

import (
	"fmt"
	"strings"
	"testing"
)

// claims lists, in the order of analyzer.All and then the library rules,
// the costs that redisvet's messages state and the programs that measure
// them.
var claims = []claim{
	{
		name:      "pubsubclose",
		dir:       "pubsubclose",
		check:     "pubsubclose",
		cost:      `its connection stays open and subscribed until the garbage collector reclaims it, and for good once Channel has started its goroutines`,
		suggested: true,
		prove:     provePubSub,
	},
	{
		name:      "connclose",
		dir:       "connclose",
		check:     "connclose",
		cost:      `a few leaks exhaust the pool \(redis: connection pool timeout\)`,
		suggested: true,
		prove:     proveConn,
	},
	{
		name:        "pipelineexec",
		dir:         "pipelineexec",
		check:       "pipelineexec",
		cost:        `they are silently dropped and their results stay empty`,
		handWritten: "pipe.Exec(ctx) after the commands are queued",
		prove:       provePipeline,
	},
	{
		name:      "clientchurn",
		dir:       "clientchurn",
		check:     "clientchurn",
		cost:      `each one dials its own connections`,
		suggested: true,
		prove:     proveChurn,
	},
	{
		name:      "clientclose",
		dir:       "clientclose",
		check:     "clientclose",
		cost:      `its pooled connections stay open until the garbage collector reclaims the client`,
		suggested: true,
		prove:     proveClientClose,
	},
	{
		name:      "sharedclose",
		dir:       "sharedclose",
		check:     "sharedclose",
		cost:      `every command on it fails with "redis: client is closed"`,
		suggested: true,
		prove:     proveSharedClose,
	},
	{
		name:      "watchtx",
		dir:       "watchtx",
		check:     "watchtx",
		cost:      `the optimistic lock protects nothing`,
		suggested: true,
		prove:     proveWatch,
	},
	{
		name:      "timeunit",
		dir:       "timeunit",
		check:     "timeunit",
		cost:      `ReadTimeout: 5 is 5ns, not 5 seconds: .*every read times out at once`,
		suggested: true,
		prove:     proveTimeUnit,
	},
	{
		name:        "poolconfig",
		dir:         "poolconfig",
		check:       "poolconfig",
		cost:        `requests fail at once with "connection pool exhausted" instead of waiting`,
		handWritten: "MaxActiveConns raised to PoolSize, 10",
		prove:       provePoolConfig,
	},
	{
		name:      "connclose (redigo Get)",
		dir:       "redigoget",
		check:     "connclose",
		cost:      `the pool never takes its connection back, not even after garbage collection: once MaxActive conns leak, Get fails with "connection pool exhausted", or blocks forever with Wait`,
		suggested: true,
		prove:     proveRedigoGet,
	},
	{
		name:        "connclose (rueidis Dedicate)",
		dir:         "rueidisdedicate",
		check:       "connclose",
		cost:        `its connection keeps a slot of BlockingPoolSize that Client.Close does not reclaim: once the slots are gone, the next Dedicate or blocking command waits forever`,
		handWritten: "dc, cancel := client.Dedicate(); defer cancel()",
		prove:       proveDedicate,
	},
}

// expect records a failed expectation about a measurement.
func expect(t *testing.T, ok bool, format string, args ...any) {
	t.Helper()
	if !ok {
		t.Errorf(format, args...)
	}
}

// gcResult is the output of a program that measures its leak once its
// calls returned and again after garbage collection.
type gcResult struct {
	Returned report `json:"returned"`
	AfterGC  report `json:"after_gc"`
}

func provePubSub(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[gcResult](t, bugOut), decode[gcResult](t, fixOut)
	b, f := bug.Returned, fix.Returned
	expect(t, b.Errors == 0 && f.Errors == 0, "round trips failed: bug %q, fix %q", b.FirstError, f.FirstError)
	expect(t, b.ServerConns == b.Ops && bug.AfterGC.ServerConns == b.Ops,
		"bug: %d server connections after %d calls, %d after GC; want one per call, for good", b.ServerConns, b.Ops, bug.AfterGC.ServerConns)
	expect(t, bug.AfterGC.Goroutines > 0, "bug: no goroutine left running")
	// Fewer goroutines than at the start: NewClient's own, done meanwhile.
	expect(t, f.ServerConns == 0 && f.Goroutines <= 0, "fix: %d connections, %d goroutines left", f.ServerConns, f.Goroutines)
	return fmt.Sprintf("%d calls returned and left %d PubSubs subscribed: +%d server connections, +%d goroutines (ps.Channel's receiver and health check); after 3 GCs still +%d and +%d",
			b.Ops, b.ServerConns, b.ServerConns, b.Goroutines, bug.AfterGC.ServerConns, bug.AfterGC.Goroutines),
		fmt.Sprintf("+%d connections, +%d goroutines", f.ServerConns, max(f.Goroutines, 0))
}

func proveConn(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[report](t, bugOut), decode[report](t, fixOut)
	const poolSize = 10
	expect(t, bug.CheckedOut == poolSize, "bug: %d connections checked out, want the whole pool (%d)", bug.CheckedOut, poolSize)
	expect(t, bug.FirstFailed == poolSize+1 && strings.Contains(bug.FirstError, "redis: connection pool timeout"),
		"bug: call %d failed first with %q, want call %d with redis: connection pool timeout", bug.FirstFailed, bug.FirstError, poolSize+1)
	expect(t, fix.CheckedOut == 0 && fix.Errors == 0, "fix: %d checked out, %d errors (%s)", fix.CheckedOut, fix.Errors, fix.FirstError)
	return fmt.Sprintf("%d Conn calls leave %d connections checked out (PoolSize %d), the %dth waits %.1fs (4 tries of PoolTimeout 0.3s) and fails %q, %d of %d fail",
			bug.Ops, bug.CheckedOut, poolSize, bug.FirstFailed, seconds(bug.WaitedMs), bug.FirstError, bug.Errors, bug.Ops),
		fmt.Sprintf("%d checked out, %d of %d fail", fix.CheckedOut, fix.Errors, fix.Ops)
}

func provePipeline(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[report](t, bugOut), decode[report](t, fixOut)
	expect(t, bug.Written == 0 && bug.Errors == 0 && bug.Empty == bug.Ops,
		"bug: %d of %d keys written, %d errors, %d empty results; want none written, no error, all empty", bug.Written, bug.Want, bug.Errors, bug.Empty)
	expect(t, fix.Written == fix.Want && fix.Errors == 0, "fix: %d of %d keys written, %d errors", fix.Written, fix.Want, fix.Errors)
	return fmt.Sprintf("%d of %d queued SETs reach the server, and all %d report no error and an empty result", bug.Written, bug.Want, bug.Empty),
		fmt.Sprintf("%d of %d reach it", fix.Written, fix.Want)
}

func proveChurn(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[report](t, bugOut), decode[report](t, fixOut)
	expect(t, bug.Dials == bug.Ops, "bug: %d dials for %d jobs, want one per job", bug.Dials, bug.Ops)
	expect(t, fix.Dials == 1, "fix: %d dials, want 1", fix.Dials)
	expect(t, bug.Errors == 0 && fix.Errors == 0, "jobs failed: bug %q, fix %q", bug.FirstError, fix.FirstError)
	return fmt.Sprintf("%d jobs dial %d connections, %.0fµs per job", bug.Ops, bug.Dials, bug.PerOpUs),
		fmt.Sprintf("%d dial, %.0fµs per job", fix.Dials, fix.PerOpUs)
}

// proveClientClose requires the connections open once the function
// returned; what the garbage collector leaves is reported, not required.
func proveClientClose(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[gcResult](t, bugOut), decode[gcResult](t, fixOut)
	b, f := bug.Returned, fix.Returned
	expect(t, b.Errors == 0 && f.Errors == 0, "warm-up commands failed: bug %d, fix %d", b.Errors, f.Errors)
	expect(t, b.ServerConns == b.Ops, "bug: %d connections still open, want the pool's %d", b.ServerConns, b.Ops)
	expect(t, f.ServerConns == 0 && f.Goroutines <= 0, "fix: %d connections, %d goroutines left", f.ServerConns, f.Goroutines)
	return fmt.Sprintf("the function returned and its client's %d pooled connections stay open on the server (+%d goroutines); after 3 GCs %d are",
			b.ServerConns, b.Goroutines, bug.AfterGC.ServerConns),
		fmt.Sprintf("+%d connections, +%d goroutines", f.ServerConns, max(f.Goroutines, 0))
}

func proveSharedClose(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[report](t, bugOut), decode[report](t, fixOut)
	expect(t, bug.FirstFailed == 2 && bug.Errors == bug.Ops-1 && strings.Contains(bug.FirstError, "redis: client is closed"),
		"bug: %d of %d requests failed from request %d with %q; want all but the first, with redis: client is closed", bug.Errors, bug.Ops, bug.FirstFailed, bug.FirstError)
	expect(t, fix.Errors == 0, "fix: %d requests failed: %s", fix.Errors, fix.FirstError)
	return fmt.Sprintf("request 1 succeeds, %d of %d fail with %q", bug.Errors, bug.Ops, bug.FirstError),
		fmt.Sprintf("%d of %d fail", fix.Errors, fix.Ops)
}

func proveWatch(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[report](t, bugOut), decode[report](t, fixOut)
	expect(t, bug.Errors == 0 && fix.Errors == 0, "increments failed: bug %q, fix %q", bug.FirstError, fix.FirstError)
	expect(t, bug.Written < bug.Want, "bug: the counter reads %d of %d: no update lost", bug.Written, bug.Want)
	expect(t, fix.Written == fix.Want, "fix: the counter reads %d of %d", fix.Written, fix.Want)
	return fmt.Sprintf("%d concurrent increments leave the counter at %d: %d updates lost", bug.Want, bug.Written, bug.Want-bug.Written),
		fmt.Sprintf("the counter reads %d, 0 lost (%d conflicting transactions retried)", fix.Written, fix.Retries)
}

func proveTimeUnit(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[report](t, bugOut), decode[report](t, fixOut)
	expect(t, bug.Errors == bug.Ops && strings.Contains(bug.FirstError, "i/o timeout"),
		"bug: %d of %d commands failed, first with %q; want all, with an i/o timeout", bug.Errors, bug.Ops, bug.FirstError)
	expect(t, fix.Errors == 0, "fix: %d commands failed: %s", fix.Errors, fix.FirstError)
	return fmt.Sprintf("%d of %d SETs fail with %q, %.1fms each", bug.Errors, bug.Ops, bug.FirstError, bug.PerOpUs/1000),
		fmt.Sprintf("%d of %d fail, %.0fµs each", fix.Errors, fix.Ops, fix.PerOpUs)
}

func provePoolConfig(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[report](t, bugOut), decode[report](t, fixOut)
	expect(t, bug.Errors > 0 && strings.Contains(bug.FirstError, "connection pool exhausted"),
		"bug: %d of %d commands failed, first with %q; want redis: connection pool exhausted", bug.Errors, bug.Ops, bug.FirstError)
	// At once: well before the 0.2s that a connection is held.
	expect(t, bug.WaitedMs < 100, "bug: the first failure came after %dms, not at once", bug.WaitedMs)
	expect(t, fix.Errors == 0, "fix: %d commands failed: %s", fix.Errors, fix.FirstError)
	return fmt.Sprintf("PoolSize 10, MaxActiveConns 2: %d of %d concurrent commands fail after %dms with %q", bug.Errors, bug.Ops, bug.WaitedMs, bug.FirstError),
		fmt.Sprintf("%d of %d fail", fix.Errors, fix.Ops)
}
