package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/redisvet/redisvet/analyzer"
	"github.com/redisvet/redisvet/testdata"
)

// TestEndToEnd builds redisvet and runs it the ways users do: standalone,
// with -json and -fix, under go vet, and through help, on the fixture
// modules testdata/demo, testdata/clean, testdata/broken and testdata/cgo.
// The modules they need come from the module cache (make deps): the
// subprocesses run with GOPROXY=off.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test builds redisvet and runs go vet; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command in PATH")
	}
	env := subprocessEnv()
	bin := buildRedisvet(t, env)
	demo := fixture(t, "demo")
	clean := fixture(t, "clean")
	broken := fixture(t, "broken")

	// The demo's findings: where they are reported and a word of the message.
	want := []struct {
		file, line, call, words string
	}{
		{"notify/notify.go", "ps := rdb.Subscribe(ctx, channels...)", "rdb.Subscribe", "*redis.PubSub"},
		{"session/session.go", "cn := rdb.Conn()\n\tif err := cn.ClientSetName", "rdb.Conn", "*redis.Conn"},
		{"session/session.go", "cn := rdb.Conn()\n\t\tdefer cn.Close()", "rdb.Conn", "loop"},
		{"cache/cache.go", "pipe := rdb.Pipeline()\n\tcmds := make(map[string]*redis.StringSliceCmd, len(rooms))\n\tfor", "rdb.Pipeline", "never executed"},
		{"notify/notify.go", "rdb := redis.NewClient(&redis.Options{Addr: addr})\n\t\terr := Publish", "redis.NewClient", "loop"},
		{"ratelimit/ratelimit.go", "rdb:    redis.NewClient(", "redis.NewClient", "stored in Limiter.rdb"},
		{"cmd/demo/main.go", "PoolSize: 8, MaxActiveConns: 4}", "MaxActiveConns", "connection pool exhausted"},
		{"ratelimit/ratelimit.go", "n, err := l.rdb.Get(ctx, key)", "l.rdb.Get", "outside the WATCH"},
		{"cache/cache.go", "msg, PinTTL).Err()", "PinTTL", "millisecond"},
		{"cache/handler.go", "defer rdb.Close()", "rdb.Close", "every other request"},
		{"jobs/jobs.go", "c := q.pool.Get()", "q.pool.Get", "connection pool exhausted"},
	}
	checkFindings := func(t *testing.T, out string) {
		t.Helper()
		for _, w := range want {
			pos := position(t, filepath.Join(demo, w.file), w.line, w.call)
			if !hasFinding(out, pos, w.words) {
				t.Errorf("no finding at %s mentioning %q in output:\n%s", pos, w.words, out)
			}
		}
	}

	t.Run("standalone", func(t *testing.T) {
		t.Parallel()
		out, errOut, code := runSplit(t, env, demo, bin, "./...")
		if code != 3 || errOut != "" {
			t.Errorf("redisvet ./... exit code = %d, want 3 (findings); stderr:\n%s", code, errOut)
		}
		checkFindings(t, out)
		if n := countFindings(out); n != len(want) {
			t.Errorf("redisvet ./... reported %d findings, want %d:\n%s", n, len(want), out)
		}
	})

	t.Run("json", func(t *testing.T) {
		t.Parallel()
		// The demo shows every check.
		byCheck := findingsJSON(t, env, demo, bin)
		for _, a := range analyzer.All() {
			if byCheck[a.Name] == 0 {
				t.Errorf("redisvet -json: no %s finding in the demo, got %v", a.Name, byCheck)
			}
		}
	})

	t.Run("vet", func(t *testing.T) {
		t.Parallel()
		out, code := run(t, env, demo, "go", "vet", "-vettool="+bin, "./...")
		if code != 1 {
			t.Errorf("go vet -vettool exit code = %d, want 1 (findings)\n%s", code, out)
		}
		checkFindings(t, out)
	})

	t.Run("clean", func(t *testing.T) {
		t.Parallel()
		if out, code := run(t, env, clean, bin, "./..."); code != 0 || strings.TrimSpace(out) != "" {
			t.Errorf("redisvet ./... on the clean module: exit code %d, want 0, output:\n%s", code, out)
		}
		if out, code := run(t, env, clean, "go", "vet", "-vettool="+bin, "./..."); code != 0 {
			t.Errorf("go vet -vettool on the clean module: exit code %d, want 0, output:\n%s", code, out)
		}
	})

	t.Run("version", func(t *testing.T) {
		t.Parallel()
		for _, arg := range []string{"-V", "-version", "--version", "version"} {
			// A build in a clone is stamped with a pseudo-version, one
			// without version control information says (devel).
			out, code := run(t, env, ".", bin, arg)
			v, ok := strings.CutPrefix(strings.TrimSpace(out), "redisvet ")
			if code != 0 || !ok || v != "(devel)" && !strings.HasPrefix(v, "v") {
				t.Errorf("redisvet %s: exit code %d, output %q, want \"redisvet VERSION\"", arg, code, out)
			}
		}
	})

	t.Run("handshake", func(t *testing.T) {
		t.Parallel()
		// go vet runs "-V=full" to key its cache and "-flags" to learn
		// which flags it may pass on.
		out, code := run(t, env, ".", bin, "-V=full")
		if code != 0 || !strings.Contains(out, " version ") {
			t.Errorf("redisvet -V=full: exit code %d, output %q", code, out)
		}
		out, code = run(t, env, ".", bin, "-flags")
		var flags []struct{ Name string }
		if err := json.Unmarshal([]byte(out), &flags); code != 0 || err != nil {
			t.Fatalf("redisvet -flags: exit code %d, JSON error %v, output:\n%s", code, err, out)
		}
		names := map[string]bool{}
		for _, f := range flags {
			names[f.Name] = true
		}
		for _, a := range analyzer.All() {
			if !names[a.Name] {
				t.Errorf("redisvet -flags lacks -%s: %v", a.Name, names)
			}
		}
	})

	t.Run("help", func(t *testing.T) {
		t.Parallel()
		out, code := run(t, env, ".", bin, "help")
		if code != 0 || !strings.HasPrefix(out, "redisvet: find Redis connection misuse in Go code\n") {
			t.Errorf("redisvet help: exit code %d, output:\n%s", code, out)
		}
		for _, s := range []string{"pubsubclose", "connclose", "pipelineexec", "go vet -vettool=$(which redisvet)", "redisvet help CHECK"} {
			if !strings.Contains(out, s) {
				t.Errorf("redisvet help does not mention %q:\n%s", s, out)
			}
		}
		for _, a := range analyzer.All() {
			title, _, _ := strings.Cut(a.Doc, "\n")
			if !strings.Contains(out, "  "+a.Name+" ") || !strings.Contains(out, title) {
				t.Errorf("redisvet help does not list %s: %s:\n%s", a.Name, title, out)
			}
		}
		out, code = run(t, env, ".", bin, "help", "pubsubclose")
		if code != 0 || !strings.HasPrefix(out, "pubsubclose: ") || !strings.Contains(out, "defer ps.Close()") {
			t.Errorf("redisvet help pubsubclose: exit code %d, output:\n%s", code, out)
		}
		if _, code := run(t, env, ".", bin, "help", "nosuchcheck"); code == 0 {
			t.Errorf("redisvet help nosuchcheck: exit code 0, want an error")
		}
	})

	t.Run("broken", func(t *testing.T) {
		t.Parallel()
		out, errOut, code := runSplit(t, env, broken, bin, "./...")
		if code != 1 || out != "" {
			t.Errorf("redisvet ./... on a module with a type error: exit code %d, want 1, stdout:\n%s", code, out)
		}
		// The compiler's error, once (bad and its test variant share it).
		if want := "bad/bad.go:15:14: cannot use ps.Channel()"; !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("redisvet does not name the type error in one line %q...:\n%s", want, errOut)
		}
		if strings.Contains(strings.ToLower(errOut), "panic") {
			t.Errorf("redisvet panicked on a module with a type error:\n%s", errOut)
		}
	})

	t.Run("cgo", func(t *testing.T) {
		t.Parallel()
		cc, _ := run(t, env, ".", "go", "env", "CC")
		if _, err := exec.LookPath(strings.TrimSpace(cc)); err != nil {
			t.Skipf("no C compiler (%s) for the cgo fixture", strings.TrimSpace(cc))
		}
		dir := fixture(t, "cgo")
		pos := position(t, filepath.Join(dir, "native/native.go"), "ps := rdb.Subscribe(ctx, \"events\")\n\tif C", "rdb.Subscribe")
		for _, args := range [][]string{{bin, "./..."}, {"go", "vet", "-vettool=" + bin, "./..."}} {
			out, code := run(t, env, dir, args[0], args[1:]...)
			if code != 3 && code != 1 || strings.Count(out, "native.go:") != 1 || !hasFinding(out, pos, "*redis.PubSub") {
				t.Errorf("%s on a cgo package: exit code %d, want the one leak at %s:\n%s", strings.Join(args, " "), code, pos, out)
			}
		}
	})

	t.Run("fix", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(t.TempDir(), "demo")
		copyDir(t, demo, dir)
		before := total(findingsJSON(t, env, dir, bin))
		// The demo has findings without a fix: exit code 3.
		if out, code := run(t, env, dir, bin, "-fix", "./..."); code != 3 || !strings.Contains(out, ": fixed: ") {
			t.Fatalf("redisvet -fix ./...: exit code %d, want 3 and the fixes listed\n%s", code, out)
		}
		if out, code := run(t, env, dir, "go", "build", "./..."); code != 0 {
			t.Fatalf("go build after redisvet -fix: exit code %d\n%s", code, out)
		}
		after := total(findingsJSON(t, env, dir, bin))
		if after >= before {
			t.Errorf("redisvet -fix: %d findings before, %d after; want fewer", before, after)
		}
		fixed, err := os.ReadFile(filepath.Join(dir, "notify", "notify.go"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(fixed), "ps := rdb.Subscribe(ctx, channels...)\n\tdefer ps.Close()\n") {
			t.Errorf("redisvet -fix did not add defer ps.Close() after the Subscribe call:\n%s", fixed)
		}
	})
}

// buildRedisvet builds the command into a temporary directory.
func buildRedisvet(t *testing.T, env []string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "redisvet")
	if out, err := command(t, env, ".", "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// subprocessEnv is the environment of the commands the test runs: modules
// come only from the cache, and no -mod=mod from the caller's GOFLAGS lets
// the go command rewrite the fixtures' go.mod files.
func subprocessEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "GOPROXY", "GOWORK":
			continue
		case "GOFLAGS":
			var keep []string
			for f := range strings.FieldsSeq(v) {
				if !strings.HasPrefix(f, "-mod=") && !strings.HasPrefix(f, "--mod=") {
					keep = append(keep, f)
				}
			}
			kv = "GOFLAGS=" + strings.Join(keep, " ")
		}
		env = append(env, kv)
	}
	return append(env, "GOPROXY=off", "GOWORK=off")
}

func command(t *testing.T, env []string, dir, name string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Dir = dir
	cmd.Env = env
	return cmd
}

// run runs a command and returns its combined output and exit code. It
// fails the test if the command could not be run at all.
func run(t *testing.T, env []string, dir, name string, args ...string) (string, int) {
	t.Helper()
	out, err := command(t, env, dir, name, args...).CombinedOutput()
	return string(out), exitCode(t, err, name, args, out)
}

// runSplit is run that returns stdout and stderr apart.
func runSplit(t *testing.T, env []string, dir, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := command(t, env, dir, name, args...)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	out, err := cmd.Output()
	return string(out), errOut.String(), exitCode(t, err, name, args, errOut.Bytes())
}

func exitCode(t *testing.T, err error, name string, args []string, out []byte) int {
	t.Helper()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	default:
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		return -1
	}
}

// fixture returns the absolute path of the fixture module testdata/name,
// failing the test if its modules are not in the module cache.
func fixture(t *testing.T, name string) string {
	t.Helper()
	return testdata.Dir(t, name)
}

// position returns "file:line:col" of the call expression starting with
// call in the first occurrence of snippet in file.
func position(t *testing.T, file, snippet, call string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	i := strings.Index(src, snippet)
	if i < 0 {
		t.Fatalf("%s does not contain %q", file, snippet)
	}
	j := strings.Index(src[i:], call)
	if j < 0 {
		t.Fatalf("%q does not contain %q", snippet, call)
	}
	at := i + j
	line := strings.Count(src[:at], "\n") + 1
	col := at - (strings.LastIndex(src[:at], "\n") + 1) + 1
	return filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(file)), filepath.Base(file))) +
		":" + strconv.Itoa(line) + ":" + strconv.Itoa(col)
}

// findingLine matches a finding of the standalone text output.
var findingLine = regexp.MustCompile(`^[^/\s]\S*\.go:\d+:\d+: .* \([a-z]+\)$`)

// hasFinding reports whether an output line reports a finding at pos (a
// path suffix with line and column) whose message contains words.
func hasFinding(out, pos, words string) bool {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := filepath.ToSlash(sc.Text())
		if i := strings.Index(line, pos+": "); i >= 0 && (i == 0 || line[i-1] == '/') && strings.Contains(line[i:], words) {
			return true
		}
	}
	return false
}

func countFindings(out string) int {
	n := 0
	for line := range strings.SplitSeq(out, "\n") {
		if findingLine.MatchString(line) {
			n++
		}
	}
	return n
}

// findingsJSON runs redisvet -json ./... in dir and returns the number of
// findings of each check.
func findingsJSON(t *testing.T, env []string, dir, bin string) map[string]int {
	t.Helper()
	cmd := command(t, env, dir, bin, "-json", "./...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && (!errors.As(err, &exit) || exit.ExitCode() != 3) {
		t.Fatalf("redisvet -json ./...: %v\n%s%s", err, out, stderr.Bytes())
	}
	// package path -> check name -> findings (or an error object).
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatalf("redisvet -json output is not JSON: %v\n%s", err, out)
	}
	counts := map[string]int{}
	for pkg, checks := range tree {
		for check, raw := range checks {
			var diags []struct {
				Posn    string `json:"posn"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("redisvet -json: %s %s: not a list of findings: %s", pkg, check, raw)
			}
			counts[check] += len(diags)
		}
	}
	return counts
}

func total(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// copyDir copies the regular files of the tree src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
