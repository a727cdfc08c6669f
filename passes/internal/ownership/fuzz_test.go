package ownership_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/redisvet/redisvet/internal/checktest"
	"github.com/redisvet/redisvet/passes/pubsubclose"
	"github.com/redisvet/redisvet/testdata"
)

// gen turns fuzz bytes into a function body around a PubSub: branches,
// loops, switches, selects, defers, goroutines, returns, panics, exits,
// uses, hand-offs and releases.
type gen struct {
	data  []byte
	b     strings.Builder
	depth int
	// releaseBeforeExit: close ps before every return and at the end, so
	// that it is released on every path.
	releaseBeforeExit bool
}

func (g *gen) next() byte {
	if len(g.data) == 0 {
		return 0
	}
	c := g.data[0]
	g.data = g.data[1:]
	return c
}

func (g *gen) line(indent int, format string, args ...any) {
	g.b.WriteString(strings.Repeat("\t", indent))
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

func (g *gen) exit(indent int) {
	if g.releaseBeforeExit {
		g.line(indent, "ps.Close()")
	}
	g.line(indent, "return")
}

func (g *gen) stmts(indent, n int) {
	for range n {
		if len(g.data) == 0 {
			return
		}
		g.stmt(indent)
	}
}

func (g *gen) stmt(indent int) {
	c := g.next()
	nested := g.depth < 4
	switch c % 16 {
	case 0:
		g.line(indent, "_, _ = ps.Receive(ctx)")
	case 1:
		if nested {
			g.depth++
			g.line(indent, "if xs[%d] > 0 {", c%3)
			g.stmts(indent+1, int(g.next()%4))
			g.line(indent, "} else {")
			g.stmts(indent+1, int(g.next()%4))
			g.line(indent, "}")
			g.depth--
		}
	case 2:
		if nested {
			g.depth++
			g.line(indent, "for i := 0; i < xs[0]; i++ {")
			g.line(indent+1, "if i == %d {", c%5)
			g.line(indent+2, "break")
			g.line(indent+1, "}")
			g.stmts(indent+1, int(g.next()%3))
			g.line(indent, "}")
			g.depth--
		}
	case 3:
		if nested {
			g.depth++
			g.line(indent, "switch xs[1] {")
			for k := range int(g.next()%3) + 1 {
				g.line(indent, "case %d:", k)
				g.stmts(indent+1, int(g.next()%3))
			}
			g.line(indent, "default:")
			g.stmts(indent+1, int(g.next()%2))
			g.line(indent, "}")
			g.depth--
		}
	case 4:
		g.exit(indent)
	case 5:
		g.line(indent, "panic(\"boom\")")
	case 6:
		g.line(indent, "log.Fatal(\"fatal\")")
	case 7:
		g.line(indent, "os.Exit(2)")
	case 8:
		g.line(indent, "go func() { _ = ps.Ping(ctx) }()")
	case 9:
		g.line(indent, "use(ps)")
	case 10:
		if nested {
			g.depth++
			g.line(indent, "select {")
			g.line(indent, "case <-ctx.Done():")
			g.stmts(indent+1, int(g.next()%3))
			g.line(indent, "default:")
			g.stmts(indent+1, int(g.next()%3))
			g.line(indent, "}")
			g.depth--
		}
	case 11:
		g.line(indent, "n++")
	case 12:
		if nested {
			g.depth++
			g.line(indent, "for _, x := range xs {")
			g.line(indent+1, "if x < 0 {")
			g.line(indent+2, "continue")
			g.line(indent+1, "}")
			g.stmts(indent+1, int(g.next()%3))
			g.line(indent, "}")
			g.depth--
		}
	case 13:
		g.line(indent, "func() { n += len(xs) }()")
	case 14:
		g.line(indent, "defer func() { n-- }()")
	default:
		g.line(indent, "_ = ps.String()")
	}
}

// fuzzSource builds a file with one function; mode says how ps is released:
// 0 not at all (anything may be reported), 1 by a defer right after its
// creation, 2 before every return and at the end, 3 by a goroutine
// started right after its creation.
func fuzzSource(data []byte, mode int) string {
	g := &gen{data: data, releaseBeforeExit: mode == 2}
	g.line(0, "package fuzz\n\nimport (\n\t\"context\"\n\t\"log\"\n\t\"os\"\n\n\t\"github.com/redis/go-redis/v9\"\n)\n")
	g.line(0, "func use(*redis.PubSub) {}\n")
	g.line(0, "var _, _ = log.Print, os.Exit\n")
	g.line(0, "func F(ctx context.Context, rdb *redis.Client, xs []int) (n int) {")
	g.line(1, "ps := rdb.Subscribe(ctx, \"a\")")
	g.line(1, "_ = ps")
	switch mode {
	case 1:
		g.line(1, "defer ps.Close()")
	case 3:
		g.line(1, "go func() { <-ctx.Done(); ps.Close() }()")
	}
	g.stmts(1, 12)
	if mode == 2 {
		g.line(1, "ps.Close()")
	}
	g.line(1, "return")
	g.line(0, "}")
	return g.b.String()
}

var loadImports = sync.OnceValues(func() (types.Importer, error) {
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps,
		Dir:  testdata.Module(nil),
		Env:  checktest.Env(),
	}, "github.com/redis/go-redis/v9", "context", "log", "os")
	if err != nil {
		return nil, err
	}
	byPath := map[string]*types.Package{}
	packages.Visit(pkgs, nil, func(p *packages.Package) { byPath[p.PkgPath] = p.Types })
	return importerFunc(func(path string) (*types.Package, error) {
		if p, ok := byPath[path]; ok {
			return p, nil
		}
		return importer.Default().Import(path)
	}), nil
})

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// analyse type-checks src against the real go-redis module and runs
// pubsubclose (with the engine) on it, returning the messages.
func analyse(t *testing.T, src string) []string {
	imp, err := loadImports()
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "fuzz.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("generated code does not parse: %v\n%s", err, src)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}, Scopes: map[ast.Node]*types.Scope{},
		Instances: map[*ast.Ident]types.Instance{}, FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check("example.com/fuzz", fset, []*ast.File{file}, info)
	if err != nil {
		t.Fatalf("generated code does not type-check: %v\n%s", err, src)
	}
	var msgs []string
	results := map[*analysis.Analyzer]any{}
	var run func(a *analysis.Analyzer)
	run = func(a *analysis.Analyzer) {
		for _, req := range a.Requires {
			run(req)
		}
		pass := &analysis.Pass{
			Analyzer: a, Fset: fset, Files: []*ast.File{file}, Pkg: pkg, TypesInfo: info,
			TypesSizes: types.SizesFor("gc", "amd64"), ResultOf: results,
			ReadFile: func(string) ([]byte, error) { return []byte(src), nil },
			Report: func(d analysis.Diagnostic) {
				if a == pubsubclose.Analyzer {
					msgs = append(msgs, fmt.Sprintf("%s: %s", fset.Position(d.Pos), d.Message))
				}
			},
			ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			ExportObjectFact:  func(types.Object, analysis.Fact) {},
			ExportPackageFact: func(analysis.Fact) {},
		}
		res, err := a.Run(pass)
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		results[a] = res
	}
	run(pubsubclose.Analyzer)
	return msgs
}

// FuzzReleasedNeverReported builds random control flow around a PubSub and
// runs the engine: it must never panic, and a PubSub released on every
// path (deferred, closed before each exit, or handed to a goroutine that
// closes it) must never be reported.
func FuzzReleasedNeverReported(f *testing.F) {
	// Load go-redis's types once per process, before inputs arrive: the
	// fuzzing engine takes a slow first input for a hung worker.
	if _, err := loadImports(); err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{
		{}, {0}, {1, 4, 2, 0}, {2, 1, 4, 0, 1, 5}, {3, 2, 4, 1, 0, 6, 0}, {10, 2, 4, 0, 9},
		{12, 1, 4, 7, 3, 2, 5}, {1, 1, 1, 1, 4, 4, 4}, {8, 9, 13, 14, 11, 15}, {2, 2, 2, 4, 12, 12, 4},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = analyse(t, fuzzSource(data, 0)) // anything may be reported; no panic
		for mode := 1; mode <= 3; mode++ {
			src := fuzzSource(data, mode)
			if msgs := analyse(t, src); len(msgs) > 0 {
				t.Errorf("released on every path (mode %d) but reported:\n%s\n%s", mode, strings.Join(msgs, "\n"), src)
			}
		}
	})
}
