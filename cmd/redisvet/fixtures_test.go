package main_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFreshClone checks what the tests of a clone without `make deps` say:
// one line that asks for it, not pages of "module lookup disabled". It
// builds the test binary of a check with the module cache, then runs it
// with an empty one, as a fresh clone's module cache is for the fixtures.
func TestFreshClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a test binary")
	}
	env := subprocessEnv()
	bin := filepath.Join(t.TempDir(), "poolconfig.test")
	if out, code := run(t, env, ".", "go", "test", "-c", "-o", bin, "../../passes/poolconfig"); code != 0 {
		t.Fatalf("go test -c: exit code %d\n%s", code, out)
	}
	empty := append(env, "GOMODCACHE="+t.TempDir())
	out, code := run(t, empty, t.TempDir(), bin, "-test.run=^TestPoolConfig$")
	want := "testdata/redismod: its modules are not downloaded (github.com/go-redis/redis/v8@v8.11.5 is not in the module cache): run make deps"
	if code != 1 || !strings.Contains(out, want) || strings.Contains(out, "module lookup disabled") || strings.Count(out, "\n") > 5 {
		t.Errorf("tests without the fixtures' modules: exit code %d, want 1 and %q alone; output:\n%s", code, want, out)
	}
}
