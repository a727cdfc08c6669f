package runtimeproof

import (
	"fmt"
	"strings"
	"testing"
)

// redigoResult mirrors the output of testdata/runtime/redigoget: each
// pool once the calls returned and again after garbage collection.
type redigoResult struct {
	Unlimited gcResult `json:"unlimited"` // MaxActive 0
	Capped    gcResult `json:"capped"`    // MaxActive 5
	Waiting   gcResult `json:"waiting"`   // MaxActive 5, Wait
}

// redigoMaxActive is the program's maxActive.
const redigoMaxActive = 5

// proveRedigoGet requires the pool's count to stay up after garbage
// collection; the sockets that the collector closes are reported.
func proveRedigoGet(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[redigoResult](t, bugOut), decode[redigoResult](t, fixOut)
	u, c, w := bug.Unlimited, bug.Capped.Returned, bug.Waiting.Returned
	expect(t, u.Returned.CheckedOut == u.Returned.Ops && u.Returned.ServerConns == u.Returned.Ops && u.AfterGC.CheckedOut == u.Returned.Ops,
		"bug, no MaxActive: after %d Gets %d checked out and %d server connections, %d checked out after GC; want one each, for good",
		u.Returned.Ops, u.Returned.CheckedOut, u.Returned.ServerConns, u.AfterGC.CheckedOut)
	expect(t, c.FirstFailed == redigoMaxActive+1 && strings.Contains(c.FirstError, "connection pool exhausted"),
		"bug, MaxActive %d: Get %d failed first with %q; want Get %d with connection pool exhausted", redigoMaxActive, c.FirstFailed, c.FirstError, redigoMaxActive+1)
	expect(t, w.Blocked == w.Ops-redigoMaxActive, "bug, Wait: %d Gets blocked, want %d", w.Blocked, w.Ops-redigoMaxActive)
	var out, errs, blocked int
	for name, r := range map[string]gcResult{"no MaxActive": fix.Unlimited, "MaxActive": fix.Capped, "Wait": fix.Waiting} {
		expect(t, r.Returned.CheckedOut == 0 && r.Returned.Errors == 0 && r.Returned.Blocked == 0,
			"fix, %s: %d checked out, %d errors (%s), %d blocked", name, r.Returned.CheckedOut, r.Returned.Errors, r.Returned.FirstError, r.Returned.Blocked)
		out, errs, blocked = out+r.Returned.CheckedOut, errs+r.Returned.Errors, blocked+r.Returned.Blocked
	}
	return fmt.Sprintf("%d Gets leave %d conns checked out and %d server connections open; after 3 GCs %d server connections are open, yet the pool still counts %d checked out; MaxActive %d: Get %d fails %q; MaxActive %d with Wait: %d of %d Gets still blocked after 0.5s",
			u.Returned.Ops, u.Returned.CheckedOut, u.Returned.ServerConns, u.AfterGC.ServerConns, u.AfterGC.CheckedOut,
			redigoMaxActive, c.FirstFailed, c.FirstError, redigoMaxActive, w.Blocked, w.Ops),
		fmt.Sprintf("%d checked out, %d errors, %d blocked", out, errs, blocked)
}

// dedicateResult mirrors the output of testdata/runtime/rueidisdedicate.
type dedicateResult struct {
	AfterClose report `json:"after_close"`
	Dedicate   report `json:"dedicate"`
	Blocking   report `json:"blocking"`
}

func proveDedicate(t *testing.T, bugOut, fixOut []byte) (string, string) {
	bug, fix := decode[dedicateResult](t, bugOut), decode[dedicateResult](t, fixOut)
	expect(t, bug.AfterClose.ServerConns == 1, "bug: %d connections open after Client.Close, want the dedicated one", bug.AfterClose.ServerConns)
	expect(t, bug.Dedicate.Blocked == bug.Dedicate.Ops-1, "bug: %d of %d Dedicate calls blocked, want all but the first", bug.Dedicate.Blocked, bug.Dedicate.Ops)
	expect(t, bug.Blocking.Errors == 1 && strings.Contains(bug.Blocking.FirstError, "context deadline exceeded"),
		"bug: BLPOP returned %q, want it to wait for its context", bug.Blocking.FirstError)
	expect(t, fix.AfterClose.ServerConns == 0 && fix.Dedicate.Blocked == 0 && fix.Dedicate.Errors == 0 && fix.Blocking.Errors == 0,
		"fix: %d connections after Close, %d Dedicate blocked, %d failed, BLPOP %q", fix.AfterClose.ServerConns, fix.Dedicate.Blocked, fix.Dedicate.Errors, fix.Blocking.FirstError)
	return fmt.Sprintf("the dedicated connection is still open after Client.Close (+%d); BlockingPoolSize 1: after the first call, the next Dedicate is still blocked after 0.5s (%d of %d calls), and a BLPOP with a 0.1s timeout waits %.1fs, until its context ends: %q",
			bug.AfterClose.ServerConns, bug.Dedicate.Blocked, bug.Dedicate.Ops, seconds(bug.Blocking.WaitedMs), bug.Blocking.FirstError),
		fmt.Sprintf("+%d after Close, %d blocked, BLPOP returns after %.1fs", fix.AfterClose.ServerConns, fix.Dedicate.Blocked, fix.Blocking.PerOpUs/1e6)
}

func seconds(ms int64) float64 { return float64(ms) / 1000 }
