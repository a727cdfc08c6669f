package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildDeterministic checks that the same options give the same
// files, that another seed gives other files, and that the size is close
// to the target.
func TestBuildDeterministic(t *testing.T) {
	opt := Options{Seed: 7, Lines: 3000}
	a, sa, err := Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	b, sb, err := Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	if sa.Summary() != sb.Summary() {
		t.Errorf("stats differ:\n%s\n%s", sa.Summary(), sb.Summary())
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, src := range a {
		if !bytes.Equal(src, b[p]) {
			t.Errorf("%s differs between two runs", p)
		}
	}
	if sa.Lines < opt.Lines || sa.Lines > opt.Lines+1500 {
		t.Errorf("%d lines for a target of %d", sa.Lines, opt.Lines)
	}
	c, _, err := Build(Options{Seed: 8, Lines: 3000})
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for p, src := range c {
		if bytes.Equal(src, a[p]) {
			same++
		}
	}
	if same == len(c) {
		t.Errorf("seeds 7 and 8 give the same module")
	}
}

// TestPrefix checks that a smaller module is a prefix of a larger one with
// the same seed (every package but the last command is identical), which
// lets the harness reuse the build cache from size to size.
func TestPrefix(t *testing.T) {
	small, _, err := Build(Options{Seed: 3, Lines: 4000})
	if err != nil {
		t.Fatal(err)
	}
	large, _, err := Build(Options{Seed: 3, Lines: 12000})
	if err != nil {
		t.Fatal(err)
	}
	for p, src := range small {
		if strings.HasPrefix(p, "cmd/") || !strings.HasSuffix(p, ".go") {
			continue
		}
		if !bytes.Equal(src, large[p]) {
			t.Errorf("%s differs between the 4000- and the 12000-line module", p)
		}
	}
}

// TestPlanted checks that every seed plants bugs for every check in a
// module of moderate size, and correct forms in larger number.
func TestPlanted(t *testing.T) {
	_, st, err := Build(Options{Seed: 1, Lines: 40000})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range checks {
		if st.Planted[c] == 0 {
			t.Errorf("no %s bug planted: %s", c, st.Summary())
		}
	}
	if st.RedisPackages*3 > st.Packages*2 || st.RedisPackages*4 < st.Packages {
		t.Errorf("%d of %d packages use Redis", st.RedisPackages, st.Packages)
	}
}

// TestGeneratedModuleBuilds writes a 3k-line module twice, checks that the
// two trees are identical and that the module builds with the go command.
// It needs go-redis v9 in the module cache (make deps).
func TestGeneratedModuleBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated module")
	}
	dir1, dir2 := filepath.Join(t.TempDir(), "m1"), filepath.Join(t.TempDir(), "m2")
	opt := Options{Seed: 11, Lines: 3000}
	st, err := Generate(dir1, opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir2, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir2, opt); err == nil {
		t.Errorf("Generate into a non-empty directory succeeded")
	}
	t1, t2 := readTree(t, dir1), readTree(t, dir2)
	if len(t1) != len(t2) || len(t1) != st.Files+3 {
		t.Errorf("%d and %d files, want %d Go files and go.mod, go.sum, %s", len(t1), len(t2), st.Files, markerFile)
	}
	for p, src := range t1 {
		if !bytes.Equal(src, t2[p]) {
			t.Errorf("%s differs between two generations", p)
		}
	}

	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = dir1
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./... in the generated module: %v\n%s", err, out)
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
