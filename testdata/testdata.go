// Package testdata locates the fixture modules that the checks' tests
// run against. Each is a Go module of its own that requires the real
// go-redis modules; `make deps` downloads them.
package testdata

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// Module returns the directory of the redismod fixture module.
func Module(t testing.TB) string {
	if t != nil {
		t.Helper()
	}
	return Dir(t, "redismod")
}

// Dir returns the directory of the named fixture module. It fails the
// test with one line if the modules the fixture requires are not in the
// module cache: the tests run offline (GOPROXY=off), and without `make
// deps` each would fail with pages of "module lookup disabled". t may be
// nil, for code that cannot fail a test (the check is then left out).
func Dir(t testing.TB, name string) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate testdata")
	}
	dir := filepath.Join(filepath.Dir(file), name)
	if t != nil {
		t.Helper()
		require(t, dir, name)
	}
	return dir
}

// missingByDir caches, per fixture directory, the first requirement of
// its go.mod that is not in the module cache ("" if none): one look per
// test binary.
var missingByDir sync.Map

func require(t testing.TB, dir, name string) {
	t.Helper()
	v, ok := missingByDir.Load(dir)
	if !ok {
		v, _ = missingByDir.LoadOrStore(dir, missingModule(dir, moduleCache()))
	}
	if missing := v.(string); missing != "" {
		t.Fatalf("testdata/%s: its modules are not downloaded (%s is not in the module cache): run make deps", name, missing)
	}
}

// moduleCache is GOMODCACHE, from the go command.
var moduleCache = sync.OnceValue(func() string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
})

// missingModule returns the first module that dir/go.mod requires (and
// does not replace) whose zip or extracted tree is not in the module
// cache, as path@version; "" if every one is there, or if the module
// cache is unknown (the tests will then say what is wrong).
func missingModule(dir, cache string) string {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil || cache == "" {
		return ""
	}
	reqs, replaced := requirements(data)
	for _, r := range reqs {
		path, version, _ := strings.Cut(r, "@")
		if replaced[path] {
			continue
		}
		p, v := escape(path), escape(version)
		_, errDir := os.Stat(filepath.Join(cache, p+"@"+v))
		_, errZip := os.Stat(filepath.Join(cache, "cache", "download", p, "@v", v+".zip"))
		if errDir != nil && errZip != nil {
			return r
		}
	}
	return ""
}

// requirements returns the require directives of a go.mod file as
// path@version, and the paths of its replace directives.
func requirements(gomod []byte) (reqs []string, replaced map[string]bool) {
	replaced = map[string]bool{}
	directive := func(verb string, args []string) {
		switch {
		case verb == "require" && len(args) >= 2:
			reqs = append(reqs, args[0]+"@"+args[1])
		case verb == "replace" && len(args) >= 1:
			replaced[args[0]] = true
		}
	}
	block := "" // the verb of the ( ... ) block the line is in
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case block != "" && f[0] == ")":
			block = ""
		case block != "":
			directive(block, f)
		case len(f) == 2 && f[1] == "(":
			block = f[0]
		default:
			directive(f[0], f[1:])
		}
	}
	return reqs, replaced
}

// escape escapes a module path or version as the module cache does: an
// upper-case letter becomes '!' and the letter in lower case.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
