// Package churn is the rule of clientchurn: is a client built on a hot
// path, once per loop iteration or per request, and thrown away? It is
// its own package because clientclose asks it too: a client that
// clientchurn reports is not reported again as unclosed (one defect, one
// finding).
package churn

import (
	"flag"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/hotpath"
	"github.com/redisvet/redisvet/passes/internal/ownership"
)

// handlers holds -clientchurn.handlers: set once from flags before any
// analysis runs, read-only afterwards.
var handlers handlerList

type handlerList []string

func (l *handlerList) String() string { return strings.Join(*l, ",") }

func (l *handlerList) Set(s string) error {
	*l = nil
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			*l = append(*l, f)
		}
	}
	return nil
}

// HandlersFlag is the value of -clientchurn.handlers.
func HandlersFlag() flag.Value { return &handlers }

// Handlers returns the extra handler parameter types the flag names.
func Handlers() []string { return handlers }

// HandlersUsage documents the handlers flag.
const HandlersUsage = "comma-separated handler parameter types (path.Name) in addition to net/http, gin, echo, fiber and gRPC"

// Of reports whether the client v is built on a hot path and thrown away,
// and where. A client from a test helper that callers leave unclosed is
// the helper's finding: registering its release there is the fix.
func Of(pass *analysis.Pass, v *ownership.Value) (hotpath.Context, bool) {
	if v.HandedOff || v.Helper != nil {
		return hotpath.Context{}, false
	}
	file := checkutil.FileOf(pass, v.Site.Pos())
	ctx := hotpath.Of(pass.TypesInfo, file, v.Site, handlers)
	return ctx, hot(pass, ctx, v.Options) && (ctx.Loop == nil || !outlivesIteration(pass, file, v.Site, ctx.Loop))
}

// OfCall reports whether a call of a per-call helper runs on a hot path.
func OfCall(pass *analysis.Pass, c *ownership.PerCallCall) (hotpath.Context, bool) {
	ctx := hotpath.Of(pass.TypesInfo, checkutil.FileOf(pass, c.Call.Pos()), c.Call, handlers)
	return ctx, hot(pass, ctx, c.Options)
}

// hot reports whether ctx repeats the construction: a loop outside tests
// that builds the same client again (its options do not depend on the
// iteration: one client per node, pod or shard cannot be hoisted), or a
// request handler.
func hot(pass *analysis.Pass, ctx hotpath.Context, options []ast.Expr) bool {
	if ctx.Loop != nil {
		return !ctx.LoopInTest && !perIteration(pass, options, ctx.Loop)
	}
	return ctx.Handler != ""
}

// perIteration reports whether an options expression names a variable
// declared in the loop.
func perIteration(pass *analysis.Pass, options []ast.Expr, loop ast.Stmt) bool {
	found := false
	for _, e := range options {
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if obj, isVar := pass.TypesInfo.Uses[id].(*types.Var); isVar && obj.Pos() >= loop.Pos() && obj.Pos() < loop.End() {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// outlivesIteration reports whether the client is assigned to a variable
// declared outside the loop (one client per shard, kept after the loop).
func outlivesIteration(pass *analysis.Pass, file *ast.File, call ast.Expr, loop ast.Stmt) bool {
	as := checkutil.Assigned(pass.TypesInfo, file, call)
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
