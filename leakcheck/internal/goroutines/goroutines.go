// Package goroutines attributes goroutines to a test for leakcheck: it
// parses runtime.Stack's dump of every goroutine and keeps those a test
// started, directly or through live goroutines it started, after a
// baseline. It imports no Redis library.
package goroutines

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/redisvet/redisvet/leakcheck/internal/stack"
)

// A Goroutine as runtime.Stack prints it.
type Goroutine struct {
	id, parent int64 // parent is 0 when the trace does not say
	state      string
	frames     []stackFrame // innermost first
	createdBy  stackFrame
}

type stackFrame struct {
	fn   string // "github.com/redis/rueidis.(*pipe)._background"
	site string // "pipe.go:486"
}

// A Keep narrows which goroutines are a check's, given the goroutine and
// its live parent (nil for the test's goroutine or a dead one); nil keeps
// them all.
type Keep func(g, parent *Goroutine) bool

// all parses the stacks of every goroutine.
func all() []Goroutine {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return parse(string(buf[:n]))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// parse reads runtime.Stack(buf, true) output: blocks separated by blank
// lines, each a "goroutine N [state]:" header, then a function line and a
// tab-indented file line per frame, and last "created by F in goroutine P"
// with its file line.
func parse(dump string) []Goroutine {
	var gs []Goroutine
	for block := range strings.SplitSeq(dump, "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		rest, ok := strings.CutPrefix(lines[0], "goroutine ")
		if !ok {
			continue
		}
		idText, state, _ := strings.Cut(rest, " ")
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil {
			continue
		}
		g := Goroutine{id: id, state: strings.Trim(strings.TrimSuffix(state, ":"), "[]")}
		for i := 1; i < len(lines); i++ {
			line := lines[i]
			if strings.HasPrefix(line, "\t") {
				continue
			}
			site := ""
			if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\t") {
				site = fileLine(lines[i+1])
			}
			if by, ok := strings.CutPrefix(line, "created by "); ok {
				fn, parent, _ := strings.Cut(by, " in goroutine ")
				g.createdBy = stackFrame{fn: fn, site: site}
				g.parent, _ = strconv.ParseInt(parent, 10, 64)
				continue
			}
			fn := line
			if j := strings.LastIndexByte(line, '('); j > 0 && strings.HasSuffix(line, ")") {
				fn = line[:j]
			}
			g.frames = append(g.frames, stackFrame{fn: fn, site: site})
		}
		gs = append(gs, g)
	}
	return gs
}

// fileLine turns "\t/path/to/pipe.go:486 +0x1f" into "pipe.go:486".
func fileLine(line string) string {
	line = strings.TrimSpace(line)
	if i := strings.LastIndex(line, " +0x"); i >= 0 {
		line = line[:i]
	}
	return filepath.Base(line)
}

// A Baseline is taken when a check is registered: the goroutine that asked
// (the test's) and every goroutine alive then.
type Baseline struct {
	self     int64
	existing map[int64]bool
}

// TakeBaseline records the calling goroutine, the test's, and every
// goroutine alive.
func TakeBaseline() Baseline {
	b := Baseline{self: stack.Goid(), existing: map[int64]bool{}}
	for _, g := range all() {
		b.existing[g.id] = true
	}
	return b
}

// ours returns the goroutines running in the library at path that this
// test started: new since the baseline, and created by the test's
// goroutine or, transitively, by a live goroutine it created. Goroutines of
// tests running in parallel descend from their own test goroutines, and
// clients built before the check are older than the baseline, so neither
// is counted. If keep is not nil, it must also accept the goroutine.
func (b Baseline) ours(path string, keep Keep) []Goroutine {
	gs := all()
	byID := make(map[int64]Goroutine, len(gs))
	for _, g := range gs {
		byID[g.id] = g
	}
	me := stack.Goid()
	var out []Goroutine
	for _, g := range gs {
		if g.id == me || b.existing[g.id] || !g.runsIn(path) {
			continue
		}
		if keep != nil {
			var parent *Goroutine
			if p, ok := byID[g.parent]; ok && p.id != b.self {
				parent = &p
			}
			if !keep(&g, parent) {
				continue
			}
		}
		for p, hops := g.parent, 0; hops < 64; hops++ {
			if p == b.self {
				out = append(out, g)
				break
			}
			parent, live := byID[p]
			if !live || b.existing[p] {
				break
			}
			p = parent.parent
		}
	}
	return out
}

// Runs reports whether a frame of g is in a function that match accepts.
func (g *Goroutine) Runs(match func(fn string) bool) bool {
	for _, f := range g.frames {
		if match(f.fn) {
			return true
		}
	}
	return false
}

func (g *Goroutine) runsIn(path string) bool {
	return g.Runs(func(fn string) bool { return stack.InPackage(fn, path) })
}

// Settle waits up to d for the test's goroutines in the library at path
// (see ours) to end: clients stop theirs asynchronously after Close. It
// returns those still running.
func (b Baseline) Settle(path string, keep Keep, d time.Duration) []Goroutine {
	deadline := time.Now().Add(d)
	for {
		left := b.ours(path, keep)
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Describe says where a leftover goroutine is: its innermost frame in the
// library at path and where it was started.
func (g *Goroutine) Describe(path string) string {
	where := ""
	for _, f := range g.frames {
		if stack.InPackage(f.fn, path) {
			where = shortFunc(f.fn) + " (" + f.site + ")"
			break
		}
	}
	s := fmt.Sprintf("goroutine %d [%s] in %s", g.id, g.state, where)
	if g.createdBy.fn != "" {
		s += ", started by " + shortFunc(g.createdBy.fn) + " at " + g.createdBy.site
	}
	return s
}

// shortFunc drops the package path's directories: "rueidis.(*pipe).Close".
func shortFunc(fn string) string {
	if i := strings.LastIndexByte(fn, '/'); i >= 0 {
		return fn[i+1:]
	}
	return fn
}
