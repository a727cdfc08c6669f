package runtimeproof

import (
	"context"
	"fmt"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redisvet/redisvet/analyzer"
	"github.com/redisvet/redisvet/internal/checktest"
	"github.com/redisvet/redisvet/internal/driver"
	"github.com/redisvet/redisvet/testdata"
)

// programs are the fixture module's programs built both ways, with what
// redisvet reports on each.
type programs struct {
	bugBin, fixBin string
	// Findings by package directory (relative to the module).
	bugFindings, fixFindings map[string][]driver.Finding
	// Applied are the messages of the suggested fixes applied, and fixed
	// the files they produced (for the report when a check fails), by
	// package directory.
	applied map[string][]string
	fixed   map[string]string
}

// env loads and builds fixture modules from the module cache only
// (`make deps` downloads the modules); tags, if any, select the variant.
func env(tags string) []string {
	e := checktest.Env()
	if tags != "" {
		e = append(e, "GOFLAGS=-mod=mod -tags="+tags)
	}
	return e
}

// build builds the programs in two directories: the module as it is
// (bug.go, and the bugs that redisvet's fixes repair), and a copy where
// redisvet's suggested fixes for the packages in suggested were applied,
// built with -tags fixed (fixed.go). It runs redisvet on both.
func build(t *testing.T, suggested []string) *programs {
	mod := testdata.Dir(t, "runtime")
	bins := t.TempDir()
	p := &programs{
		bugBin: filepath.Join(bins, "bug"),
		fixBin: filepath.Join(bins, "fix"),
		fixed:  map[string]string{},
	}
	// The bug's build needs nothing else: it runs beside the analyses.
	// Every exit waits for it, t.Fatal's too: it writes to a TempDir.
	ch := make(chan error, 1)
	go func() { ch <- goBuild(mod, "", p.bugBin) }()
	bugBuilt := sync.OnceValue(func() error { return <-ch })
	defer bugBuilt()

	start := time.Now()
	bug := analyze(t, mod, "", "./...")
	p.bugFindings = bug.byDir
	t.Logf("bug variant analysed in %v", time.Since(start).Round(time.Millisecond))

	start = time.Now()
	cp := checktest.CopyModule(t, mod)
	p.fixFindings, p.applied = applyFixes(t, mod, cp, bug, suggested)
	if err := goBuild(cp, "fixed", p.fixBin); err != nil {
		t.Fatal(err)
	}
	t.Logf("fixed variant fixed, analysed and built in %v", time.Since(start).Round(time.Millisecond))
	for _, dir := range suggested {
		p.fixed[dir] = sources(t, filepath.Join(cp, dir))
	}
	if err := bugBuilt(); err != nil {
		t.Fatal(err)
	}
	return p
}

// applyFixes applies redisvet's suggested fixes for the packages in dirs,
// found by the analysis last of the module at from, to its copy at root,
// and analyses the copy with -tags fixed; it repeats on the copy until no
// finding there carries a fix. The first analysis covers the whole copy:
// it is the fixed variant's; later ones only the packages just edited. It
// returns the findings on the fixed copy and the fixes applied, by
// package directory.
func applyFixes(t *testing.T, from, root string, last analysis, dirs []string) (findings map[string][]driver.Finding, applied map[string][]string) {
	findings, applied = map[string][]driver.Finding{}, map[string][]string{}
	for round := 1; ; round++ {
		var fixable []driver.Finding
		for _, dir := range dirs {
			for _, f := range last.byDir[dir] {
				if len(f.SuggestedFixes) > 0 {
					fixable = append(fixable, f)
					if msg := f.SuggestedFixes[0].Message; !slices.Contains(applied[dir], msg) {
						applied[dir] = append(applied[dir], msg)
					}
				}
			}
		}
		if round > 1 && len(fixable) == 0 {
			return findings, applied
		}
		if round > 3 {
			t.Fatalf("suggested fixes still pending after 3 rounds:\n%s", list(fixable))
		}
		patterns := []string{"./..."}
		if round > 1 {
			patterns = nil
		}
		for name, src := range checktest.ApplyFixes(t, last.fset, fixable) {
			dst := filepath.Join(root, rel(t, from, name))
			if err := os.WriteFile(dst, src, 0o644); err != nil {
				t.Fatal(err)
			}
			if round > 1 {
				patterns = append(patterns, "./"+rel(t, root, filepath.Dir(dst)))
			}
		}
		last = analyze(t, root, "fixed", patterns...)
		maps.Copy(findings, last.byDir)
		from = root
	}
}

// analysis is what redisvet found on some packages of a module.
type analysis struct {
	// byDir holds the findings by package directory (relative to the
	// module); every package analysed has an entry.
	byDir map[string][]driver.Finding
	fset  *token.FileSet
}

// analyze runs every redisvet check on the packages.
func analyze(t *testing.T, root, tags string, patterns ...string) analysis {
	t.Helper()
	pkgs, err := driver.Load(root, env(tags), nil, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	res, err := driver.Analyze(analyzer.All(), pkgs)
	if err != nil {
		t.Fatal(err)
	}
	a := analysis{byDir: map[string][]driver.Finding{}, fset: res.Fset}
	for _, p := range pkgs {
		a.byDir[rel(t, root, p.Dir)] = nil
	}
	for _, f := range res.Findings {
		dir := rel(t, root, filepath.Dir(f.Posn.Filename))
		a.byDir[dir] = append(a.byDir[dir], f)
	}
	return a
}

// rel is dir relative to root, with slashes.
func rel(t *testing.T, root, dir string) string {
	r, err := filepath.Rel(root, dir)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(r)
}

// goBuild builds every program of the module at root into dir with one go
// build: far faster than one build per program.
func goBuild(root, tags, dir string) error {
	args := []string{"build", "-o", dir + string(filepath.Separator)}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	cmd := exec.Command("go", append(args, "./...")...)
	cmd.Dir, cmd.Env = root, checktest.Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go %s in %s: %v\n%s", strings.Join(args, " "), root, err, out)
	}
	return nil
}

// sources returns the Go files of the package in dir, for a failure
// report.
func sources(t *testing.T, dir string) string {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "== %s\n%s", filepath.Base(n), src)
	}
	return b.String()
}

// run runs a program against the server and returns its JSON line. Every
// program bounds itself with a watchdog; the context is a second guard.
func run(t *testing.T, bin, addr string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-addr", addr)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return []byte(lines[len(lines)-1])
}
