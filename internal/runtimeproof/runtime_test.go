package runtimeproof

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/redisvet/redisvet/internal/driver"
	"github.com/redisvet/redisvet/internal/redistest"
)

var server *redistest.Server

func TestMain(m *testing.M) { os.Exit(redistest.Main(m, &server)) }

// A claim is one cost a redisvet message states, and the program of
// testdata/runtime that measures it.
type claim struct {
	name  string // for the runtime line: the check, and the library rule
	dir   string // the program's package in testdata/runtime, and the subtest's name
	check string // the check that must report the bug
	// cost must match the finding's message: the cost it states is the
	// one the program measures.
	cost string
	// suggested: the fix is redisvet's own suggested fix, applied to a
	// copy; otherwise the program's fixed.go, the fix the message names,
	// which handWritten describes.
	suggested   bool
	handWritten string
	// prove checks the symptom in the bug's output and its absence in the
	// fix's, and says what was measured, for the runtime line.
	prove func(t *testing.T, bug, fix []byte) (bugText, fixText string)
}

func TestRuntimeCosts(t *testing.T) {
	var suggested []string
	for _, c := range claims {
		if c.suggested == (c.handWritten != "") {
			t.Fatalf("%s: a claim's fix is either redisvet's suggested fix or written by hand, described", c.name)
		}
		if c.suggested {
			suggested = append(suggested, c.dir)
		}
	}
	progs := build(t, suggested)
	for _, c := range claims {
		t.Run(c.dir, func(t *testing.T) {
			c.static(t, progs)
			bug := run(t, filepath.Join(progs.bugBin, c.dir), server.Addr)
			fix := run(t, filepath.Join(progs.fixBin, c.dir), server.Addr)
			t.Logf("bug: %s", bug)
			t.Logf("fix: %s", fix)
			bugText, fixText := c.prove(t, bug, fix)
			if !t.Failed() {
				// On stdout, unindented: `make runtime` prints these lines.
				fmt.Printf("runtime: %s: bug: %s; fix: %s (%s)\n", c.name, bugText, fixText, c.fix(progs))
			}
		})
	}
}

// fix says which fix the fixed program has.
func (c claim) fix(p *programs) string {
	if !c.suggested {
		return "by hand: " + c.handWritten
	}
	return fmt.Sprintf("redisvet's fix %q", strings.Join(p.applied[c.dir], `", then "`))
}

// static requires the claim's finding, with its cost, on the bug, and no
// finding at all on the fix.
func (c claim) static(t *testing.T, p *programs) {
	t.Helper()
	cost := regexp.MustCompile(c.cost)
	bug, ok := p.bugFindings[c.dir]
	if !ok {
		t.Fatalf("no package %s in testdata/runtime", c.dir)
	}
	found := false
	for _, f := range bug {
		switch {
		case f.Analyzer.Name != c.check:
			t.Errorf("bug: unexpected finding of another check: %s", f)
		case !cost.MatchString(f.Message):
			t.Errorf("bug: the %s finding does not state the measured cost (%s): %s", c.check, c.cost, f)
		case c.suggested && len(f.SuggestedFixes) == 0:
			t.Errorf("bug: the %s finding has no suggested fix: %s", c.check, f)
		default:
			found = true
		}
	}
	if !found {
		t.Errorf("bug: redisvet reports no %s finding in %s:\n%s", c.check, c.dir, list(bug))
	}
	if fix := p.fixFindings[c.dir]; len(fix) > 0 {
		t.Errorf("fix: redisvet still reports %s\n%s", list(fix), p.fixed[c.dir])
	}
}

// list spells findings one a line.
func list(fs []driver.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintln(&b, f)
	}
	return b.String()
}

// decode reads a program's JSON line.
func decode[T any](t *testing.T, line []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(line, &v); err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	return v
}

// report mirrors probe.Report of the fixture module.
type report struct {
	Ops         int     `json:"ops"`
	Errors      int     `json:"errors"`
	FirstError  string  `json:"first_error"`
	FirstFailed int     `json:"first_failed"`
	WaitedMs    int64   `json:"waited_ms"`
	Blocked     int     `json:"blocked"`
	CheckedOut  int     `json:"checked_out"`
	ServerConns int     `json:"server_conns"`
	Dials       int     `json:"dials"`
	Goroutines  int     `json:"goroutines"`
	PerOpUs     float64 `json:"per_op_us"`
	Written     int     `json:"written"`
	Want        int     `json:"want"`
	Empty       int     `json:"empty"`
	Retries     int     `json:"retries"`
}
