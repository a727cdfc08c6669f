package analyzer_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/analyzer"
	"github.com/redisvet/redisvet/internal/checktest"
	"github.com/redisvet/redisvet/testdata"
)

func TestByName(t *testing.T) {
	if err := analysis.Validate(analyzer.All()); err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzer.All() {
		if err := a.Flags.Parse(nil); err != nil {
			t.Errorf("%s: %v", a.Name, err)
		}
		if analyzer.ByName(a.Name) != a {
			t.Errorf("ByName(%q) does not return it", a.Name)
		}
	}
	if analyzer.ByName("nosuchcheck") != nil {
		t.Error("ByName of an unknown check is not nil")
	}
}

// TestFixesBuild applies every suggested fix of every check to each
// fixture module at once and builds the result: a fix must leave code that
// compiles, for every library.
func TestFixesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	for _, mod := range []string{"redismod", "othermod"} {
		t.Run(mod, func(t *testing.T) { fixesBuild(t, testdata.Dir(t, mod)) })
	}
}

func fixesBuild(t *testing.T, dir string) {
	pkgs := checktest.Load(t, dir, nil, "./...")
	findings, fset := checktest.Run(t, analyzer.All(), pkgs)
	fixed := checktest.ApplyFixes(t, fset, findings)
	if len(fixed) == 0 {
		t.Fatal("no fixes were suggested in the fixture module")
	}
	copyDir := checktest.CopyModule(t, dir)
	for name, src := range fixed {
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(copyDir, rel), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = copyDir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("fixed module does not build: %v\n%s", err, out)
	}
	t.Logf("%d findings, fixes applied in %d files; the fixed module builds", len(findings), len(fixed))

	// The fixed code has fewer findings, and none that the fixes address.
	after, _ := checktest.Run(t, analyzer.All(), checktest.Load(t, copyDir, nil, "./..."))
	for _, f := range after {
		if len(f.SuggestedFixes) > 0 {
			t.Errorf("still fixable after fixing: %s", f)
		}
	}
	if len(after) >= len(findings) {
		t.Errorf("%d findings after fixes, %d before", len(after), len(findings))
	}
}

// TestDeterministic runs the suite twice over the fixture module and
// expects the same findings in the same order.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a module")
	}
	dir := testdata.Module(t)
	render := func() string {
		findings, _ := checktest.Run(t, analyzer.All(), checktest.Load(t, dir, nil, "./..."))
		var b strings.Builder
		for _, f := range findings {
			b.WriteString(f.String() + "\n")
		}
		return b.String()
	}
	if a, b := render(), render(); a != b {
		t.Errorf("two runs differ:\n%s\n---\n%s", a, b)
	}
}
