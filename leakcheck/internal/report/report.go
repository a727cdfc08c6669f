// Package report registers leakcheck's check at the end of a test and
// words its failures: one error per leak, then one for the library's
// goroutines the test left running. It imports no Redis library.
package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redisvet/redisvet/leakcheck/internal/conns"
	"github.com/redisvet/redisvet/leakcheck/internal/goroutines"
)

// SettleTime bounds the wait for a library's goroutines to end: clients
// stop them asynchronously after Close, within milliseconds; a goroutine
// still there after this long is not stopping.
const SettleTime = 2 * time.Second

// maxGoroutines bounds how many leftover goroutines a failure lists.
const maxGoroutines = 5

// Register runs findings at the end of the test, after the goroutines of
// the library at path that the test started have had SettleTime to end,
// and fails the test with one error per leak, then one for the goroutines
// left. remedy says what stops the library's goroutines; keep, if not nil,
// narrows which are the client's (see goroutines.Keep). Call it from the
// public entry point, itself a helper, on the test's goroutine.
func Register(tb testing.TB, path, remedy string, keep goroutines.Keep, findings func() []string) {
	tb.Helper()
	base := goroutines.TakeBaseline()
	// As a helper, the cleanup reports at the caller's leakcheck call.
	tb.Cleanup(func() {
		tb.Helper()
		left := base.Settle(path, keep, SettleTime)
		for _, f := range findings() {
			tb.Errorf("leakcheck: %s", f)
		}
		if len(left) == 0 {
			return
		}
		var list []string
		for i, g := range left {
			if i == maxGoroutines {
				list = append(list, fmt.Sprintf("and %d more", len(left)-i))
				break
			}
			list = append(list, g.Describe(path))
		}
		what := "a goroutine this test started is"
		if len(left) > 1 {
			what = fmt.Sprintf("%d goroutines this test started are", len(left))
		}
		tb.Errorf("leakcheck: %s still running in %s after %v: %s; %s",
			what, path, SettleTime, strings.Join(list, "; "), remedy)
	})
}

// NotClosed is the finding for a client left open: what it is, the
// addresses of its nodes, and what they still hold. The test reports it at
// the leakcheck call.
func NotClosed(name string, addrs, held []string) string {
	return NotClosedText(name+" for "+strings.Join(addrs, ", "), strings.Join(held, "; "))
}

// NotClosedText is the finding for a client left open, described by what,
// with details in held. A client the test closes in a t.Cleanup registered
// before the leakcheck call is still open when the check runs: the remedy
// says so.
func NotClosedText(what, held string) string {
	if held != "" {
		held = " (" + held + ")"
	}
	return what + " was not closed when the test ended" + held + ": close it with defer or with a t.Cleanup registered after the leakcheck call (cleanups run last-registered first)"
}

// Plural is "1 connection" or "3 connections".
func Plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// PubSubFindings reports the PubSub connections still open, or closed only
// by the client's Close, which go-redis (v9 and v8) does for PubSubs left
// open. typ names the PubSub type: "*redis.PubSub".
func PubSubFindings(s *conns.Set, typ string) []string {
	var out []string
	for _, c := range s.All() {
		if c.Kind != conns.KindPubSub {
			continue
		}
		switch {
		case !c.IsClosed():
			out = append(out, fmt.Sprintf("%s connection to %s%s is still open: close it (defer ps.Close())", typ, c.Remote, c.Opened()))
		case c.ClosedBy()&(conns.CloseByClient|conns.CloseByOwner) == conns.CloseByClient:
			out = append(out, fmt.Sprintf("%s connection to %s%s was still open when the client was closed: close the PubSub first (defer ps.Close())", typ, c.Remote, c.Opened()))
		}
	}
	return out
}
