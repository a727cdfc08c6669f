package leakcheck

import (
	"bytes"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// The package paths of the client libraries: their frames are never the
// user's call site, and goroutines running in them are the libraries'.
const (
	pathV9      = "github.com/redis/go-redis/v9"
	pathV8      = "github.com/go-redis/redis/v8"
	pathRedigo  = "github.com/gomodule/redigo"
	pathRueidis = "github.com/redis/rueidis"
	pathSelf    = "github.com/redisvet/redisvet/leakcheck"
)

// inPackage reports whether the function fn (as runtime.Frame.Function
// spells it) belongs to the package path or one of its subpackages.
func inPackage(fn, path string) bool {
	return strings.HasPrefix(fn, path) && len(fn) > len(path) &&
		(fn[len(path)] == '.' || fn[len(path)] == '/')
}

// callers returns the functions on the calling goroutine's stack, skipping
// skip frames above the caller of callers.
func callers(skip int) []runtime.Frame {
	var pcs [64]uintptr
	n := runtime.Callers(skip+2, pcs[:])
	return frames(pcs[:n])
}

func frames(pcs []uintptr) []runtime.Frame {
	var out []runtime.Frame
	it := runtime.CallersFrames(pcs)
	for {
		f, more := it.Next()
		out = append(out, f)
		if !more {
			return out
		}
	}
}

// hasFunc reports whether the stack has the function name exactly.
func hasFunc(st []runtime.Frame, name string) bool {
	for _, f := range st {
		if f.Function == name {
			return true
		}
	}
	return false
}

// apiAndSite returns the library method the user called, "Subscribe" or
// "Conn", and where: the outermost frame in the library at path and the
// user's frame that called it.
func apiAndSite(st []runtime.Frame, path string) (api, site string) {
	for i, f := range st {
		switch {
		case inPackage(f.Function, path):
			api = f.Function
		case api != "" && !notUser(f.Function):
			return methodName(api), userSite(st[i : i+1])
		}
	}
	return methodName(api), ""
}

// methodName is "Subscribe" for "github.com/redis/go-redis/v9.(*Client).Subscribe".
func methodName(fn string) string {
	if i := strings.LastIndexByte(fn, '.'); i >= 0 {
		return fn[i+1:]
	}
	return fn
}

// has reports whether a frame's function starts with prefix, such as
// "github.com/redis/go-redis/v9.(*PubSub).".
func has(fs []runtime.Frame, prefix string) bool {
	for _, f := range fs {
		if strings.HasPrefix(f.Function, prefix) {
			return true
		}
	}
	return false
}

// userSite is the first frame that is the user's code: outside the Go
// runtime and standard library, the client libraries and leakcheck. It is
// "file.go:42", or "" when the stack has none (a library goroutine).
func userSite(fs []runtime.Frame) string {
	for _, f := range fs {
		if !notUser(f.Function) {
			return filepath.Base(f.File) + ":" + strconv.Itoa(f.Line)
		}
	}
	return ""
}

// notUser reports whether fn is in the standard library, a client library
// or leakcheck.
func notUser(fn string) bool {
	return fn == "" || isStd(fn) || inPackage(fn, pathSelf) ||
		inPackage(fn, pathV9) || inPackage(fn, pathV8) ||
		inPackage(fn, pathRedigo) || inPackage(fn, pathRueidis) ||
		// go-redis' hook modules (redisotel, ...) wrap the dial.
		strings.HasPrefix(fn, "github.com/redis/go-redis/")
}

// isStd reports whether fn is in the standard library: the first element
// of its package path has no dot ("runtime", "net/http", not "github.com").
func isStd(fn string) bool {
	if first, _, ok := strings.Cut(fn, "/"); ok {
		return !strings.Contains(first, ".")
	}
	pkg, _, _ := strings.Cut(fn, ".")
	return pkg != "main"
}

// goid returns the calling goroutine's id. It formats the stack, so it is
// only used off the hot path, while a probe runs.
func goid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b, _ = bytes.CutPrefix(b, []byte("goroutine "))
	b, _, _ = bytes.Cut(b, []byte(" "))
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}

// at formats a site for a message: " at leak_test.go:42", or nothing.
func at(site string) string {
	if site == "" {
		return ""
	}
	return " at " + site
}
