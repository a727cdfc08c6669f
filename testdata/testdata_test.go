package testdata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMissingModule checks the look at the module cache that makes the
// tests of a fresh clone fail with one line asking for make deps.
func TestMissingModule(t *testing.T) {
	dir := t.TempDir()
	gomod := `module example.com/m

go 1.26.0

require github.com/BurntSushi/toml v1.4.0 // indirect

require (
	example.com/dep v1.2.3
	example.com/local v0.0.0 // replaced below
)

replace example.com/local => ../local
`
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	if got, want := missingModule(dir, cache), "github.com/BurntSushi/toml@v1.4.0"; got != want {
		t.Errorf("empty module cache: missing %q, want %q", got, want)
	}
	// An extracted module, by its escaped path; a downloaded zip.
	if err := os.MkdirAll(filepath.Join(cache, "github.com", "!burnt!sushi", "toml@v1.4.0"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, want := missingModule(dir, cache), "example.com/dep@v1.2.3"; got != want {
		t.Errorf("missing %q, want %q", got, want)
	}
	zip := filepath.Join(cache, "cache", "download", "example.com", "dep", "@v", "v1.2.3.zip")
	if err := os.MkdirAll(filepath.Dir(zip), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(zip, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := missingModule(dir, cache); got != "" {
		t.Errorf("every module there (example.com/local replaced): missing %q", got)
	}

	// What a test sees: one line.
	ft := &fatalRecorder{TB: t}
	missingByDir.Store("/nowhere/mod", "example.com/dep@v1.2.3")
	require(ft, "/nowhere/mod", "mod")
	if want := "testdata/mod: its modules are not downloaded (example.com/dep@v1.2.3 is not in the module cache): run make deps"; ft.msg != want || strings.Contains(ft.msg, "\n") {
		t.Errorf("require failed the test with %q, want %q", ft.msg, want)
	}
}

type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Helper() {}

func (f *fatalRecorder) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
}
