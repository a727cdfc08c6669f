package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
)

// rng is the generator's only source of randomness: a PCG seeded from
// -seed, so that the same seed and size give the same module.
type rng struct{ r *rand.Rand }

func newRNG(seed int64, stream uint64) rng {
	return rng{rand.New(rand.NewPCG(uint64(seed), stream))}
}

// between returns a number in [lo, hi].
func (r rng) between(lo, hi int) int { return lo + r.r.IntN(hi-lo+1) }

// chance reports true with probability p.
func (r rng) chance(p float64) bool { return r.r.Float64() < p }

func (r rng) pick(xs []string) string { return xs[r.r.IntN(len(xs))] }

// weighted picks an index with probability proportional to its weight.
func (r rng) weighted(ws []int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	n := r.r.IntN(total)
	for i, w := range ws {
		if n < w {
			return i
		}
		n -= w
	}
	return len(ws) - 1
}

// stdImports maps the package names the templates use to their import
// paths. Imports are derived from the code: a file imports exactly the
// packages it refers to, so no template has to keep an import list.
var stdImports = map[string]string{
	"bufio":   "bufio",
	"bytes":   "bytes",
	"context": "context",
	"errors":  "errors",
	"fmt":     "fmt",
	"http":    "net/http",
	"json":    "encoding/json",
	"log":     "log",
	"math":    "math",
	"os":      "os",
	"redis":   "github.com/redis/go-redis/v9",
	"signal":  "os/signal",
	"slices":  "slices",
	"sort":    "sort",
	"strconv": "strconv",
	"strings": "strings",
	"sync":    "sync",
	"syscall": "syscall",
	"time":    "time",
	"unicode": "unicode",
	"utf8":    "unicode/utf8",
	"atomic":  "sync/atomic",
	"flag":    "flag",
	"maps":    "maps",
	"hex":     "encoding/hex",
	"sha256":  "crypto/sha256",
}

// srcFile is one Go file being written.
type srcFile struct {
	name string // base name, e.g. "listen.go"
	doc  string // package doc comment, without the comment markers
	body bytes.Buffer
}

// t appends a template: every @key@ is replaced by its value from kv
// (key, value, key, value...). A leftover @ is a bug in the template.
func (f *srcFile) t(tmpl string, kv ...string) {
	f.body.WriteString(expand(tmpl, kv...))
}

func expand(tmpl string, kv ...string) string {
	if len(kv)%2 != 0 {
		panic("expand: odd key/value list")
	}
	pairs := make([]string, 0, len(kv))
	for i := 0; i < len(kv); i += 2 {
		pairs = append(pairs, "@"+kv[i]+"@", kv[i+1])
	}
	r := strings.NewReplacer(pairs...)
	s := r.Replace(tmpl)
	// Values may hold placeholders themselves (fragments written with
	// the same keys): expand them too.
	for i := 0; i < 3 && strings.IndexByte(s, '@') >= 0; i++ {
		s = r.Replace(s)
	}
	if i := strings.IndexByte(s, '@'); i >= 0 {
		lo := max(0, i-40)
		panic(fmt.Sprintf("expand: unreplaced placeholder near %q", s[lo:min(len(s), i+40)]))
	}
	return s
}

// render returns the formatted file: package clause, the imports its code
// refers to (known names: stdImports and the project packages in local),
// and the body.
func (f *srcFile) render(pkgName string, local map[string]string) ([]byte, error) {
	body := f.body.String()
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, f.name, "package "+pkgName+"\n"+body, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("%s: %v\n%s", f.name, err, numbered(body))
	}
	used := map[string]bool{}
	ast.Inspect(af, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				if p, ok := local[id.Name]; ok {
					used[p] = true
				} else if p, ok := stdImports[id.Name]; ok {
					used[p] = true
				}
			}
		}
		return true
	})
	var std, third, proj []string
	for p := range used {
		switch {
		case strings.HasPrefix(p, "github.com/"):
			third = append(third, p)
		case !strings.Contains(p, ".") || !strings.Contains(strings.SplitN(p, "/", 2)[0], "."):
			std = append(std, p)
		default:
			proj = append(proj, p)
		}
	}
	var out bytes.Buffer
	if f.doc != "" {
		for _, l := range strings.Split(strings.TrimRight(f.doc, "\n"), "\n") {
			out.WriteString(strings.TrimRight("// "+l, " ") + "\n")
		}
	}
	out.WriteString("package " + pkgName + "\n\n")
	groups := [][]string{std, third, proj}
	n := len(std) + len(third) + len(proj)
	if n > 0 {
		out.WriteString("import (\n")
		first := true
		for _, g := range groups {
			if len(g) == 0 {
				continue
			}
			if !first {
				out.WriteString("\n")
			}
			first = false
			sort.Strings(g)
			for _, p := range g {
				out.WriteString("\t" + strconv.Quote(p) + "\n")
			}
		}
		out.WriteString(")\n\n")
	}
	out.WriteString(body)
	src, err := format.Source(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: format: %v\n%s", f.name, err, numbered(out.String()))
	}
	return src, nil
}

func numbered(s string) string {
	var b strings.Builder
	for i, l := range strings.Split(s, "\n") {
		fmt.Fprintf(&b, "%4d %s\n", i+2, l)
	}
	return b.String()
}
