package leakcheck

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// settleTime bounds the wait for a library's goroutines to end: clients
// stop them asynchronously after Close, within milliseconds; a goroutine
// still there after this long is not stopping.
const settleTime = 2 * time.Second

// maxGoroutines bounds how many leftover goroutines a failure lists.
const maxGoroutines = 5

// register runs findings at the end of the test, after the library's
// goroutines that the test started have had settleTime to end, and fails
// the test with one error per leak, then one for the goroutines left.
// remedy says what stops the library's goroutines; keep, if not nil,
// narrows which are the client's (see baseline.ours).
func register(tb testing.TB, path, remedy string, keep func(g, parent *goroutine) bool, findings func() []string) {
	tb.Helper()
	base := takeBaseline()
	// As a helper, the cleanup reports at the caller's leakcheck call.
	tb.Cleanup(func() {
		tb.Helper()
		left := base.settle(path, keep, settleTime)
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
			list = append(list, g.describe(path))
		}
		what := "a goroutine this test started is"
		if len(left) > 1 {
			what = fmt.Sprintf("%d goroutines this test started are", len(left))
		}
		tb.Errorf("leakcheck: %s still running in %s after %v: %s; %s",
			what, path, settleTime, strings.Join(list, "; "), remedy)
	})
}

// notClosed is the finding for a client left open: what it is, the
// addresses of its nodes, and what they still hold. The test reports it at
// the leakcheck call.
func notClosed(name string, addrs, held []string) string {
	return notClosedText(name+" for "+strings.Join(addrs, ", "), strings.Join(held, "; "))
}

// notClosedText is the finding for a client left open, described by what,
// with details in held. A client the test closes in a t.Cleanup registered
// before the leakcheck call is still open when the check runs: the remedy
// says so.
func notClosedText(what, held string) string {
	if held != "" {
		held = " (" + held + ")"
	}
	return what + " was not closed when the test ended" + held + ": close it with defer or with a t.Cleanup registered after the leakcheck call (cleanups run last-registered first)"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
