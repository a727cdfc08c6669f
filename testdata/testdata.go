// Package testdata locates the fixture modules that the checks' tests
// run against. Each is a Go module of its own that requires the real
// go-redis modules; `make deps` downloads them.
package testdata

import (
	"path/filepath"
	"runtime"
	"testing"
)

// Module returns the directory of the redismod fixture module.
func Module(t testing.TB) string {
	return Dir(t, "redismod")
}

// Dir returns the directory of the named fixture module.
func Dir(t testing.TB, name string) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate testdata")
	}
	return filepath.Join(filepath.Dir(file), name)
}
