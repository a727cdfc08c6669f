package leakcheck

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// A goroutine as runtime.Stack prints it.
type goroutine struct {
	id, parent int64 // parent is 0 when the trace does not say
	state      string
	frames     []stackFrame // innermost first
	createdBy  stackFrame
}

type stackFrame struct {
	fn   string // "github.com/redis/rueidis.(*pipe)._background"
	site string // "pipe.go:486"
}

// allGoroutines parses the stacks of every goroutine.
func allGoroutines() []goroutine {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return parseGoroutines(string(buf[:n]))
		}
		buf = make([]byte, 2*len(buf))
	}
}

// parseGoroutines reads runtime.Stack(buf, true) output: blocks separated
// by blank lines, each a "goroutine N [state]:" header, then a function
// line and a tab-indented file line per frame, and last "created by F in
// goroutine P" with its file line.
func parseGoroutines(dump string) []goroutine {
	var gs []goroutine
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
		g := goroutine{id: id, state: strings.Trim(strings.TrimSuffix(state, ":"), "[]")}
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

// A baseline is taken when a check is registered: the goroutine that asked
// (the test's) and every goroutine alive then.
type baseline struct {
	self     int64
	existing map[int64]bool
}

func takeBaseline() baseline {
	b := baseline{self: goid(), existing: map[int64]bool{}}
	for _, g := range allGoroutines() {
		b.existing[g.id] = true
	}
	return b
}

// ours returns the goroutines running in the library at path that this
// test started: new since the baseline, and created by the test's
// goroutine or, transitively, by a live goroutine it created. Goroutines of
// tests running in parallel descend from their own test goroutines, and
// clients built before the check are older than the baseline, so neither
// is counted. If keep is not nil, it must also accept the goroutine, given
// its live parent (nil for the test's goroutine or a dead one).
func (b baseline) ours(path string, keep func(g, parent *goroutine) bool) []goroutine {
	gs := allGoroutines()
	byID := make(map[int64]goroutine, len(gs))
	for _, g := range gs {
		byID[g.id] = g
	}
	me := goid()
	var out []goroutine
	for _, g := range gs {
		if g.id == me || b.existing[g.id] || !g.runsIn(path) {
			continue
		}
		if keep != nil {
			var parent *goroutine
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

// onWrapped reports whether g is in a read or write on a connection
// leakcheck wrapped.
func (g *goroutine) onWrapped() bool {
	for _, f := range g.frames {
		if f.fn == pathSelf+".(*netConn).Read" || f.fn == pathSelf+".(*netConn).Write" {
			return true
		}
	}
	return false
}

func (g goroutine) runsIn(path string) bool {
	for _, f := range g.frames {
		if inPackage(f.fn, path) {
			return true
		}
	}
	return false
}

// settle waits up to d for the test's goroutines in the library at path
// (see ours) to end: clients stop theirs asynchronously after Close. It
// returns those still running.
func (b baseline) settle(path string, keep func(g, parent *goroutine) bool, d time.Duration) []goroutine {
	deadline := time.Now().Add(d)
	for {
		left := b.ours(path, keep)
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// describe says where a leftover goroutine is: its innermost frame in the
// library and where it was started.
func (g goroutine) describe(path string) string {
	where := ""
	for _, f := range g.frames {
		if inPackage(f.fn, path) {
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
