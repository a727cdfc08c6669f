// Package faketb runs leakcheck's test shapes: uses of a client, each in a
// fake testing.TB that records what leakcheck reports, so that a test can
// require the errors of a leak, or none, from a check that would fail it.
// Only leakcheck's tests import it.
package faketb

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// TB stands in for the test a shape runs in: it records the errors
// leakcheck reports and the cleanups registered, which finish runs the way
// testing does, last-registered first. The methods leakcheck does not call
// go to the real test.
type TB struct {
	testing.TB
	mu       sync.Mutex
	errs     []string
	cleanups []func()
	site     string // set by MarkNext
}

func (f *TB) Helper() {}

func (f *TB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}

// Fatalf records like Errorf: leakcheck returns after calling it.
func (f *TB) Fatalf(format string, args ...any) { f.Errorf(format, args...) }

func (f *TB) Cleanup(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cleanups = append(f.cleanups, fn)
}

func (f *TB) finish() []string {
	for {
		f.mu.Lock()
		if len(f.cleanups) == 0 {
			errs := f.errs
			f.mu.Unlock()
			return errs
		}
		fn := f.cleanups[len(f.cleanups)-1]
		f.cleanups = f.cleanups[:len(f.cleanups)-1]
		f.mu.Unlock()
		fn()
	}
}

// A Shape is a use of a client, run in a TB. Want is one substring per
// error leakcheck must report, in order; none for a correct shape. In
// Want, {site} stands for the line MarkNext marked.
type Shape struct {
	Name string
	Run  func(tb testing.TB)
	Want []string
}

// Run runs each shape as a parallel subtest, so that shapes that leak run
// beside shapes that do not, as in a user's suite.
func Run(t *testing.T, shapes []Shape) {
	for _, s := range shapes {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			f := &TB{TB: t}
			s.Run(f)
			errs := f.finish()
			for _, e := range errs {
				t.Log(e)
			}
			if len(errs) != len(s.Want) {
				t.Fatalf("leakcheck reported %d errors, want %d:\n%s", len(errs), len(s.Want), strings.Join(errs, "\n"))
			}
			for i, e := range errs {
				want := strings.ReplaceAll(s.Want[i], "{site}", f.site)
				if !strings.Contains(e, want) {
					t.Errorf("error %d:\n%s\ndoes not contain %q", i, e, want)
				}
			}
		})
	}
}

// MarkNext records "file.go:N" for the line after the caller's, which a
// shape's Want refers to as {site}: a shape calls it above the call
// leakcheck must point at.
func MarkNext(tb testing.TB) {
	_, file, line, _ := runtime.Caller(1)
	tb.(*TB).site = fmt.Sprintf("%s:%d", filepath.Base(file), line+1)
}

// Must fails the shape when a call it makes fails: a shape must do what it
// says.
func Must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("%v", err)
	}
}

// Receive waits for a go-redis PubSub's confirmation, as a test would.
func Receive(tb testing.TB, ps interface {
	Receive(context.Context) (any, error)
}) {
	tb.Helper()
	_, err := ps.Receive(context.Background())
	Must(tb, err)
}
