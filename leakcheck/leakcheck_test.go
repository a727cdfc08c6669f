package leakcheck_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/redisvet/redisvet/internal/redistest"
)

var srv *redistest.Server

func TestMain(m *testing.M) { os.Exit(redistest.Main(m, &srv)) }

// fakeTB stands in for the test a shape runs in: it records the errors
// leakcheck reports and the cleanups registered, which finish runs the way
// testing does, last-registered first. The methods leakcheck does not call
// go to the real test.
type fakeTB struct {
	testing.TB
	mu       sync.Mutex
	errs     []string
	cleanups []func()
	site     string // set by markNext
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}

// Fatalf records like Errorf: leakcheck returns after calling it.
func (f *fakeTB) Fatalf(format string, args ...any) { f.Errorf(format, args...) }

func (f *fakeTB) Cleanup(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cleanups = append(f.cleanups, fn)
}

func (f *fakeTB) finish() []string {
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

// A shape is a use of a client, run in a fakeTB. want is one substring per
// error leakcheck must report, in order; none for a correct shape.
type shape struct {
	name string
	run  func(tb testing.TB)
	want []string
}

// runShapes runs each shape as a parallel subtest, so that shapes that
// leak run beside shapes that do not, as in a user's suite.
func runShapes(t *testing.T, shapes []shape) {
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeTB{TB: t}
			s.run(f)
			errs := f.finish()
			for _, e := range errs {
				t.Log(e)
			}
			if len(errs) != len(s.want) {
				t.Fatalf("leakcheck reported %d errors, want %d:\n%s", len(errs), len(s.want), strings.Join(errs, "\n"))
			}
			for i, e := range errs {
				want := strings.ReplaceAll(s.want[i], "{site}", f.site)
				if !strings.Contains(e, want) {
					t.Errorf("error %d:\n%s\ndoes not contain %q", i, e, want)
				}
			}
		})
	}
}

// markNext records "file.go:N" for the line after the caller's, which a
// shape's want refers to as {site}: a shape calls it above the call
// leakcheck must point at.
func markNext(tb testing.TB) {
	_, file, line, _ := runtime.Caller(1)
	tb.(*fakeTB).site = fmt.Sprintf("%s:%d", filepath.Base(file), line+1)
}

// must fails the shape when a call it makes fails: a shape must do what it
// says.
func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("%v", err)
	}
}

// receive waits for a go-redis PubSub's confirmation, as a test would.
func receive(tb testing.TB, ps interface {
	Receive(context.Context) (any, error)
}) {
	tb.Helper()
	_, err := ps.Receive(context.Background())
	must(tb, err)
}
