package clientchurn

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/hotpath"
	"github.com/redisvet/redisvet/passes/internal/ownership"
	"github.com/redisvet/redisvet/passes/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer reports go-redis clients built per loop iteration or per request.
var Analyzer = &analysis.Analyzer{
	Name:     "clientchurn",
	Doc:      checkutil.MustExtractDoc(doc, "clientchurn"),
	URL:      checkutil.URL("clientchurn"),
	Requires: []*analysis.Analyzer{ownership.Analyzer},
	Run:      suppress.Run(run),
}

// handlers holds -clientchurn.handlers. Flag values are set once, before
// any analysis runs, and only read afterwards.
var handlers string

func init() {
	Analyzer.Flags.StringVar(&handlers, "handlers", "",
		"comma-separated handler parameter types (path.Name) in addition to net/http, gin, echo, fiber and gRPC")
	Analyzer.Flags.Var(ownership.ConstructorsFlag(), "constructors", ownership.ConstructorsUsage)
}

const cost = "each one dials a new connection pool and starts background goroutines"

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[ownership.Analyzer].(*ownership.Result)
	var extra []string
	if handlers != "" {
		extra = strings.Split(handlers, ",")
	}
	for _, v := range res.Values {
		if v.Kind != catalog.Client || v.HandedOff {
			continue
		}
		file := checkutil.FileOf(pass, v.Call.Pos())
		ctx := hotpath.Of(pass.TypesInfo, file, v.Call, extra)
		what := fmt.Sprintf("the %s from %s", v.TypeName, checkutil.CalleeName(pass, v.Creator))
		d := analysis.Diagnostic{Pos: v.Call.Pos(), End: v.Call.End(), URL: checkutil.URL(pass.Analyzer.Name)}
		switch {
		case ctx.Loop != nil && !ctx.LoopInTest && !outlivesIteration(pass, file, v.Call, ctx.Loop):
			d.Message = fmt.Sprintf("%s is built on every iteration of the loop at line %d: %s; build one client before the loop and reuse it",
				what, checkutil.Line(pass, ctx.Loop.Pos()), cost)
			if fix, ok := hoist(pass, file, v.Call, ctx); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		case ctx.Handler != "":
			d.Message = fmt.Sprintf("%s is built on every request by this %s handler: %s; build the client once at startup and share it",
				what, ctx.Handler, cost)
		default:
			continue
		}
		pass.Report(d)
	}
	for _, c := range res.PerCallCalls {
		ctx := hotpath.Of(pass.TypesInfo, checkutil.FileOf(pass, c.Call.Pos()), c.Call, extra)
		name := checkutil.CalleeName(pass, c.Callee)
		var where string
		switch {
		case ctx.Loop != nil && !ctx.LoopInTest:
			where = fmt.Sprintf("on every iteration of the loop at line %d", checkutil.Line(pass, ctx.Loop.Pos()))
		case ctx.Handler != "":
			where = fmt.Sprintf("on every request by this %s handler", ctx.Handler)
		default:
			continue
		}
		pass.Report(analysis.Diagnostic{
			Pos: c.Call.Pos(), End: c.Call.End(), URL: checkutil.URL(pass.Analyzer.Name),
			Message: fmt.Sprintf("%s builds a go-redis client and closes it before returning, and it is called %s: %s; build one client outside and pass it in",
				name, where, cost),
		})
	}
	return nil, nil
}

// outlivesIteration reports whether the client is assigned to a variable
// declared outside the loop (one client per shard, kept after the loop).
func outlivesIteration(pass *analysis.Pass, file *ast.File, call *ast.CallExpr, loop ast.Stmt) bool {
	as := checkutil.Assigned(file, call)
	if as.Ident == nil {
		return false
	}
	obj := pass.TypesInfo.ObjectOf(as.Ident)
	if obj == nil {
		return false
	}
	return obj.Pos() < loop.Pos() || obj.Pos() >= loop.End() || isPackageLevel(obj)
}

func isPackageLevel(obj types.Object) bool {
	return obj.Pkg() != nil && obj.Parent() == obj.Pkg().Scope()
}
