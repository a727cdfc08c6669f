package main_test

import (
	"cmp"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/redisvet/redisvet/analyzer"
)

// A test file of the demo's notify package with a leak: the package has a
// test variant that holds every finding of notify.go again.
const notifyTest = `package notify

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"
)

func TestListen(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{})
	defer rdb.Close()
	ps := rdb.Subscribe(context.Background(), "x")
	if _, err := ps.Receive(context.Background()); err != nil {
		t.Fatal(err)
	}
}
`

// A package that does not compile, in its file and its test file.
const brokenGo = `package broken

var N int = "one"
`

const brokenTest = `package broken

import "testing"

func TestN(t *testing.T) { _ = N }
`

// A leak whose fix is the only finding, in a file that builds only with
// the tag special.
const specialGo = `//go:build special

package store

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func Listen(ctx context.Context, rdb *redis.Client) error {
	ps := rdb.Subscribe(ctx, "events")
	_, err := ps.Receive(ctx)
	return err
}
`

// TestCommandLine runs the built redisvet the ways of issue #12: the text
// output, the same findings with -json and -sarif (test files included,
// each once), load errors, -fix and -diff, help and -tags.
func TestCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds redisvet and loads modules")
	}
	env := subprocessEnv()
	bin := buildRedisvet(t, env)
	demo := fixture(t, "demo")
	clean := fixture(t, "clean")

	// withFiles copies a fixture module and adds files to it.
	withFiles := func(t *testing.T, mod string, files map[string]string) string {
		t.Helper()
		dir := filepath.Join(t.TempDir(), filepath.Base(mod))
		copyDir(t, mod, dir)
		for name, src := range files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}

	t.Run("text", func(t *testing.T) {
		t.Parallel()
		// Findings on stdout, "path:line:col: message (check)", relative
		// paths, sorted by file and position; nothing on stderr.
		out, errOut, code := runSplit(t, env, demo, bin, "./...")
		if code != 3 || errOut != "" {
			t.Fatalf("exit code %d, want 3; stderr:\n%s", code, errOut)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		for _, l := range lines {
			if !findingLine.MatchString(l) {
				t.Errorf("not path:line:col: message (check): %q", l)
			}
		}
		// Sorted by position; the messages need not be.
		positions := textFindings(out)
		if !slices.IsSortedFunc(positions, func(a, b string) int { return compareFindings(t, a, b) }) {
			t.Errorf("findings are not sorted by file and position:\n%s", out)
		}
		if !strings.Contains(out, "notify/notify.go:34:8: the *redis.PubSub from Subscribe is not closed") || !strings.Contains(out, "add defer ps.Close() after this line (pubsubclose)\n") {
			t.Errorf("no pubsubclose finding at notify/notify.go:34:8 in:\n%s", out)
		}
	})

	t.Run("same findings in every format", func(t *testing.T) {
		t.Parallel()
		dir := withFiles(t, demo, map[string]string{"notify/notify_test.go": notifyTest})
		out, errOut, code := runSplit(t, env, dir, bin, "./...")
		if code != 3 {
			t.Fatalf("exit code %d, want 3; stderr:\n%s", code, errOut)
		}
		text := textFindings(out)
		if !slices.ContainsFunc(text, func(s string) bool { return strings.HasPrefix(s, "notify/notify_test.go:") }) {
			t.Fatalf("no finding in notify_test.go:\n%s", out)
		}
		js, code := jsonFindings(t, env, dir, bin)
		if code != 0 || !slices.Equal(js, text) {
			t.Errorf("-json: exit code %d, findings\n%s\nwant, as the text output, once each:\n%s", code, strings.Join(js, "\n"), strings.Join(text, "\n"))
		}
		sarif, code := sarifFindings(t, env, dir, bin, "-sarif", "./...")
		if code != 3 || !slices.Equal(sarif, text) {
			t.Errorf("-sarif: exit code %d, findings\n%s\nwant, as the text output:\n%s", code, strings.Join(sarif, "\n"), strings.Join(text, "\n"))
		}
		sarif, code = sarifFindings(t, env, dir, bin, "-sarif", "-test=false", "./...")
		want := slices.DeleteFunc(slices.Clone(text), func(s string) bool { return strings.Contains(s, "_test.go:") })
		if code != 3 || !slices.Equal(sarif, want) {
			t.Errorf("-sarif -test=false: exit code %d, findings\n%s\nwant\n%s", code, strings.Join(sarif, "\n"), strings.Join(want, "\n"))
		}
		if _, errOut, code := runSplit(t, env, dir, bin, "-sarif", "-json", "./..."); code != 2 || !strings.Contains(errOut, "-json and -sarif do not go together") {
			t.Errorf("-sarif -json: exit code %d, want 2 (usage); stderr:\n%s", code, errOut)
		}
	})

	t.Run("load errors", func(t *testing.T) {
		t.Parallel()
		dir := withFiles(t, demo, map[string]string{"broken/broken.go": brokenGo, "broken/broken_test.go": brokenTest})
		wantErr := "broken/broken.go:3:13: cannot use \"one\" (untyped string constant) as int value in variable declaration\n"
		// The findings of the packages that load, the error once.
		out, errOut, code := runSplit(t, env, dir, bin, "./...")
		if code != 1 || errOut != wantErr || len(textFindings(out)) != 11 {
			t.Errorf("exit code %d, want 1; stderr:\n%s\nwant:\n%s\nstdout:\n%s", code, errOut, wantErr, out)
		}
		cmd := command(t, env, dir, bin, "-json", "./...")
		cmd.Stderr = nil
		data, _ := cmd.Output()
		var tree map[string]map[string]json.RawMessage
		if err := json.Unmarshal(data, &tree); err != nil {
			t.Fatalf("-json: %v\n%s", err, data)
		}
		for pkg, checks := range tree {
			for check := range checks {
				if analyzer.ByName(check) == nil {
					t.Errorf("-json: %s has the key %q, which is no check", pkg, check)
				}
			}
		}
		if got, code := sarifFindings(t, env, dir, bin, "-sarif", "./..."); code != 1 || len(got) != 11 {
			t.Errorf("-sarif: exit code %d, %d results; want 1 and the demo's 11", code, len(got))
		}
	})

	t.Run("no module", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		for _, pattern := range []string{"./...", "."} {
			out, errOut, code := runSplit(t, env, dir, bin, pattern)
			if want := "redisvet: no Go module here: run redisvet inside a module (go.mod), or cd into one\n"; code != 1 || out != "" || errOut != want {
				t.Errorf("redisvet %s outside a module: exit code %d, stdout %q, stderr %q; want 1 and %q", pattern, code, out, errOut, want)
			}
		}
	})

	t.Run("diff", func(t *testing.T) {
		t.Parallel()
		dir := withFiles(t, demo, nil)
		before := snapshot(t, dir)
		patch, errOut, code := runSplit(t, env, dir, bin, "-diff", "./...")
		if code != 3 || !strings.HasPrefix(patch, "--- a/cache/cache.go\n+++ b/cache/cache.go\n@@ ") {
			t.Fatalf("-diff: exit code %d, want 3 and a patch; stdout:\n%s", code, patch)
		}
		if !strings.Contains(patch, "\n \tps := rdb.Subscribe(ctx, channels...)\n+\tdefer ps.Close()\n") {
			t.Errorf("-diff does not add defer ps.Close():\n%s", patch)
		}
		if !maps.Equal(before, snapshot(t, dir)) {
			t.Errorf("-diff changed files")
		}
		// The findings the patch does not fix go to stderr.
		if left := textFindings(errOut); len(left) != 6 {
			t.Errorf("-diff: %d findings without a fix on stderr, want 6:\n%s", len(left), errOut)
		}
		// The patch is what -fix writes.
		fixed := withFiles(t, demo, nil)
		out, code := run(t, env, fixed, bin, "-fix", "./...")
		if code != 3 || strings.Count(out, ": fixed: ") != 5 || len(textFindings(out)) != 11 {
			t.Fatalf("-fix: exit code %d, want 3, 5 fixes and 6 findings left:\n%s", code, out)
		}
		if _, err := exec.LookPath("patch"); err != nil {
			t.Skip("no patch command")
		}
		cmd := command(t, env, dir, "patch", "-p1", "-s")
		cmd.Stdin = strings.NewReader(patch)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch -p1 < redisvet -diff output: %v\n%s", err, out)
		}
		if !maps.Equal(snapshot(t, dir), snapshot(t, fixed)) {
			t.Errorf("the -diff patch and -fix give different files")
		}
	})

	t.Run("fix", func(t *testing.T) {
		t.Parallel()
		dir := withFiles(t, clean, map[string]string{"store/special.go": strings.Replace(specialGo, "//go:build special\n\n", "", 1)})
		out, code := run(t, env, dir, bin, "-fix", "./...")
		want := "store/special.go:10:8: fixed: the *redis.PubSub from Subscribe is not closed"
		if code != 0 || !strings.HasPrefix(out, want) || len(textFindings(out)) != 1 {
			t.Errorf("-fix with every finding fixed: exit code %d, want 0 and %q...:\n%s", code, want, out)
		}
		if out, code := run(t, env, dir, bin, "./..."); code != 0 {
			t.Errorf("findings left after -fix: exit code %d\n%s", code, out)
		}
	})

	t.Run("help", func(t *testing.T) {
		t.Parallel()
		for _, arg := range []string{"-h", "-help"} {
			out, errOut, code := runSplit(t, env, ".", bin, arg)
			if code != 0 || errOut != "" || !strings.HasPrefix(out, "redisvet: find Redis connection misuse in Go code\n") {
				t.Errorf("redisvet %s: exit code %d, stderr %q, stdout:\n%s", arg, code, errOut, out)
			}
			for _, a := range analyzer.All() {
				title, _, _ := strings.Cut(a.Doc, "\n")
				if !strings.Contains(out, "  "+a.Name+" ") || !strings.Contains(out, title) {
					t.Errorf("redisvet %s does not list %s: %s", arg, a.Name, title)
				}
			}
			for _, f := range []string{"-fix", "-diff", "-json", "-sarif", "-test=false", "-tags=", "-CHECK=false", "-clientclose.constructors", "-V, -version", "redisvet help CHECK"} {
				if !strings.Contains(out, f) {
					t.Errorf("redisvet %s does not document %s", arg, f)
				}
			}
			for _, f := range []string{"deprecated", "-cpuprofile", "-memprofile", "-trace", "-debug", "-flags"} {
				if strings.Contains(out, f) {
					t.Errorf("redisvet %s documents %s, which has no use here", arg, f)
				}
			}
		}
		if _, errOut, code := runSplit(t, env, ".", bin, "-nosuchflag", "./..."); code != 2 || !strings.Contains(errOut, "flag provided but not defined: -nosuchflag") {
			t.Errorf("redisvet -nosuchflag: exit code %d, want 2; stderr:\n%s", code, errOut)
		}
	})

	t.Run("tags", func(t *testing.T) {
		t.Parallel()
		dir := withFiles(t, clean, map[string]string{"store/special.go": specialGo})
		if out, code := run(t, env, dir, bin, "./..."); code != 0 {
			t.Errorf("without -tags: exit code %d, want 0 (special.go left out):\n%s", code, out)
		}
		out, code := run(t, env, dir, bin, "-tags=special", "./...")
		if code != 3 || !strings.HasPrefix(out, "store/special.go:12:8: ") {
			t.Errorf("-tags=special: exit code %d, want 3 and the leak in special.go:\n%s", code, out)
		}
	})
}

// compareFindings orders findings, lines of text output or
// textFindings's "path:line:col check", by file, line, column and check.
func compareFindings(t *testing.T, a, b string) int {
	key := func(s string) (string, int, int, string) {
		pos, rest, _ := strings.Cut(s, " ")
		parts := strings.Split(strings.TrimSuffix(pos, ":"), ":")
		if len(parts) != 3 {
			t.Fatalf("not a finding: %q", s)
		}
		line, _ := strconv.Atoi(parts[1])
		col, _ := strconv.Atoi(parts[2])
		return parts[0], line, col, rest
	}
	fa, la, ca, ra := key(a)
	fb, lb, cb, rb := key(b)
	return cmp.Or(strings.Compare(fa, fb), cmp.Compare(la, lb), cmp.Compare(ca, cb), strings.Compare(ra, rb))
}

// textFindings returns "path:line:col check" for each finding of text
// output, in order.
func textFindings(out string) []string {
	var fs []string
	for l := range strings.Lines(out) {
		l = strings.TrimSuffix(l, "\n")
		if !findingLine.MatchString(l) {
			continue
		}
		pos, _, _ := strings.Cut(l, ": ")
		check := l[strings.LastIndex(l, "(")+1 : len(l)-1]
		fs = append(fs, pos+" "+check)
	}
	return fs
}

// jsonFindings runs redisvet -json and returns its findings as
// textFindings does, sorted as the text output is.
func jsonFindings(t *testing.T, env []string, dir, bin string) ([]string, int) {
	t.Helper()
	cmd := command(t, env, dir, bin, "-json", "./...")
	data, err := cmd.Output()
	code := exitCode(t, err, bin, []string{"-json"}, data)
	var tree map[string]map[string][]struct{ Posn string }
	if err := json.Unmarshal(data, &tree); err != nil {
		t.Fatalf("-json: %v\n%s", err, data)
	}
	var fs []string
	for _, checks := range tree {
		for check, diags := range checks {
			for _, d := range diags {
				rel, err := filepath.Rel(dir, d.Posn)
				if err != nil {
					t.Fatal(err)
				}
				fs = append(fs, filepath.ToSlash(rel)+" "+check)
			}
		}
	}
	slices.SortFunc(fs, func(a, b string) int { return compareFindings(t, a, b) })
	return fs, code
}

// sarifFindings runs redisvet -sarif and returns its results as
// textFindings does.
func sarifFindings(t *testing.T, env []string, dir, bin string, args ...string) ([]string, int) {
	t.Helper()
	data, err := command(t, env, dir, bin, args...).Output()
	code := exitCode(t, err, bin, args, data)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("redisvet %s: not a SARIF log with one run: %v\n%s", strings.Join(args, " "), err, data)
	}
	var fs []string
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		fs = append(fs, loc.ArtifactLocation.URI+":"+strconv.Itoa(loc.Region.StartLine)+":"+strconv.Itoa(loc.Region.StartColumn)+" "+r.RuleID)
	}
	return fs, code
}

// snapshot returns the contents of the files under dir, by path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
