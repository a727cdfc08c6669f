// Package stack reads call stacks for leakcheck: which library method the
// user called and from which line, which frames are the user's code, and
// the calling goroutine's id. It knows the client libraries by their
// package paths only and imports none of them.
package stack

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
	PathV9      = "github.com/redis/go-redis/v9"
	PathV8      = "github.com/go-redis/redis/v8"
	PathRedigo  = "github.com/gomodule/redigo"
	PathRueidis = "github.com/redis/rueidis"
	// PathSelf is leakcheck and its subpackages (test packages aside).
	PathSelf = "github.com/redisvet/redisvet/leakcheck"
)

// InPackage reports whether the function fn (as runtime.Frame.Function
// spells it) belongs to the package path or one of its subpackages.
func InPackage(fn, path string) bool {
	return strings.HasPrefix(fn, path) && len(fn) > len(path) &&
		(fn[len(path)] == '.' || fn[len(path)] == '/')
}

// Callers returns the functions on the calling goroutine's stack, skipping
// skip frames above the caller of Callers.
func Callers(skip int) []runtime.Frame {
	var pcs [64]uintptr
	n := runtime.Callers(skip+2, pcs[:])
	return Frames(pcs[:n])
}

// Frames resolves program counters, as runtime.Callers returns them.
func Frames(pcs []uintptr) []runtime.Frame {
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

// HasFunc reports whether the stack has the function name exactly.
func HasFunc(st []runtime.Frame, name string) bool {
	for _, f := range st {
		if f.Function == name {
			return true
		}
	}
	return false
}

// APIAndSite returns the library method the user called, "Subscribe" or
// "Conn", and where: the outermost frame in the library at path and the
// user's frame that called it.
func APIAndSite(st []runtime.Frame, path string) (api, site string) {
	for i, f := range st {
		switch {
		case InPackage(f.Function, path):
			api = f.Function
		case api != "" && !notUser(f.Function):
			return methodName(api), UserSite(st[i : i+1])
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

// Has reports whether a frame's function starts with prefix, such as
// "github.com/redis/go-redis/v9.(*PubSub).".
func Has(fs []runtime.Frame, prefix string) bool {
	for _, f := range fs {
		if strings.HasPrefix(f.Function, prefix) {
			return true
		}
	}
	return false
}

// UserSite is the first frame that is the user's code: outside the Go
// runtime and standard library, the client libraries and leakcheck. It is
// "file.go:42", or "" when the stack has none (a library goroutine).
func UserSite(fs []runtime.Frame) string {
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
	return fn == "" || isStd(fn) || IsSelf(fn) ||
		InPackage(fn, PathV9) || InPackage(fn, PathV8) ||
		InPackage(fn, PathRedigo) || InPackage(fn, PathRueidis) ||
		// go-redis' hook modules (redisotel, ...) wrap the dial.
		strings.HasPrefix(fn, "github.com/redis/go-redis/")
}

// IsSelf reports whether fn is in leakcheck or one of its subpackages, not
// in their tests: leakcheck/rueidischeck_test is a user of leakcheck.
func IsSelf(fn string) bool {
	if !InPackage(fn, PathSelf) {
		return false
	}
	pkg := fn
	slash := strings.LastIndexByte(fn, '/')
	if dot := strings.IndexByte(fn[slash+1:], '.'); dot >= 0 {
		pkg = fn[:slash+1+dot]
	}
	return !strings.HasSuffix(pkg, "_test")
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

// Goid returns the calling goroutine's id. It formats the stack, so it is
// only used off the hot path, while a probe runs.
func Goid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b, _ = bytes.CutPrefix(b, []byte("goroutine "))
	b, _, _ = bytes.Cut(b, []byte(" "))
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}

// At formats a site for a message: " at leak_test.go:42", or nothing.
func At(site string) string {
	if site == "" {
		return ""
	}
	return " at " + site
}
