package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiffLines checks the edit script on random inputs: it turns a into
// b, and it is minimal (as long as the longest common subsequence allows).
func TestDiffLines(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	gen := func() []string {
		s := make([]string, r.IntN(12))
		for i := range s {
			s[i] = string(rune('a'+r.IntN(3))) + "\n"
		}
		return s
	}
	for range 2000 {
		a, b := gen(), gen()
		ops := diffLines(a, b)
		var got []string
		edits := 0
		for _, op := range ops {
			switch op.kind {
			case ' ':
				if a[op.a] != b[op.b] {
					t.Fatalf("diff(%q, %q): kept line %d differs from %d", a, b, op.a, op.b)
				}
				got = append(got, a[op.a])
			case '+':
				got = append(got, b[op.b])
				edits++
			case '-':
				edits++
			}
		}
		if strings.Join(got, "") != strings.Join(b, "") {
			t.Fatalf("diff(%q, %q) gives %q", a, b, got)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
			t.Fatalf("diff(%q, %q): %d edits, want %d", a, b, edits, want)
		}
	}
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// TestUnifiedDiff applies the diff with patch(1), where installed.
func TestUnifiedDiff(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("no patch command")
	}
	r := rand.New(rand.NewPCG(3, 4))
	lines := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString([]string{"x\n", "y\n", "z\n", "w\n"}[r.IntN(4)])
		}
		return b.String()
	}
	dir := t.TempDir()
	for i := range 200 {
		old := lines(r.IntN(40))
		new := []byte(old)
		// Scattered edits: a changed, inserted or deleted line here and there.
		ls := splitLines(old)
		for j := range ls {
			if r.IntN(8) == 0 {
				ls[j] = []string{"", "new\n", "new\nnewer\n"}[r.IntN(3)]
			}
		}
		new = []byte(strings.Join(ls, "") + []string{"", "tail\n", "no newline"}[i%3])
		file := filepath.Join(dir, "f")
		if err := os.WriteFile(file, []byte(old), 0o644); err != nil {
			t.Fatal(err)
		}
		d := unifiedDiff("a/f", "b/f", []byte(old), new)
		if d == "" {
			if old != string(new) {
				t.Fatalf("no diff for %q -> %q", old, new)
			}
			continue
		}
		cmd := exec.Command(patch, "-s", "-p1")
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch: %v\n%s\ndiff:\n%s", err, out, d)
		}
		got, _ := os.ReadFile(file)
		if string(got) != string(new) {
			t.Fatalf("patched %q, want %q\ndiff:\n%s", got, new, d)
		}
	}
}
