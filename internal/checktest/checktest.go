// Package checktest runs redisvet's analyzers programmatically over a
// fixture module, for the tests that need more than analysistest: every
// fix applied at once, determinism, benchmarks.
package checktest

import (
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/redisvet/redisvet/internal/driver"
)

// Env is the environment for loading fixture modules: the module cache
// only (`make deps` downloads the modules).
func Env() []string {
	return append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off")
}

// Load loads the packages matching patterns in the module at dir.
func Load(tb testing.TB, dir string, overlay map[string][]byte, patterns ...string) []*packages.Package {
	tb.Helper()
	pkgs, err := driver.Load(dir, Env(), overlay, patterns...)
	if err != nil {
		tb.Fatal(err)
	}
	return pkgs
}

// Finding is one diagnostic with its analyzer and position.
type Finding = driver.Finding

// Run runs the analyzers and returns the root diagnostics, sorted.
func Run(tb testing.TB, analyzers []*analysis.Analyzer, pkgs []*packages.Package) ([]Finding, *token.FileSet) {
	findings, fset, _ := RunTimed(tb, analyzers, pkgs)
	return findings, fset
}

// RunTimed is Run that also returns the time spent on the root packages
// themselves (see driver.Result.RootTime).
func RunTimed(tb testing.TB, analyzers []*analysis.Analyzer, pkgs []*packages.Package) ([]Finding, *token.FileSet, time.Duration) {
	tb.Helper()
	res, err := driver.Analyze(analyzers, pkgs)
	if err != nil {
		tb.Fatal(err)
	}
	return res.Findings, res.Fset, res.RootTime
}

// ApplyFixes applies the first suggested fix of every finding to the
// files, identical edits once, and returns the new contents by file name.
func ApplyFixes(tb testing.TB, fset *token.FileSet, findings []Finding) map[string][]byte {
	tb.Helper()
	type edit struct {
		start, end int
		text       string
	}
	edits := map[string][]edit{}
	for _, f := range findings {
		if len(f.SuggestedFixes) == 0 {
			continue
		}
		for _, te := range f.SuggestedFixes[0].TextEdits {
			start, end := fset.Position(te.Pos), fset.Position(te.End)
			if !te.End.IsValid() {
				end = start
			}
			e := edit{start.Offset, end.Offset, string(te.NewText)}
			if !slices.Contains(edits[start.Filename], e) {
				edits[start.Filename] = append(edits[start.Filename], e)
			}
		}
	}
	out := map[string][]byte{}
	for name, es := range edits {
		src, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		slices.SortFunc(es, func(a, b edit) int { return b.start - a.start })
		for i, e := range es {
			if i > 0 && e.end > es[i-1].start {
				tb.Fatalf("%s: overlapping fixes at offset %d", name, e.start)
			}
			src = slices.Concat(src[:e.start], []byte(e.text), src[e.end:])
		}
		out[name] = src
	}
	return out
}

// CopyModule copies the module at dir into a new temporary directory,
// leaving out golden files, and returns the copy's root.
func CopyModule(tb testing.TB, dir string) string {
	tb.Helper()
	dst := tb.TempDir()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if filepath.Ext(path) == ".golden" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return dst
}
