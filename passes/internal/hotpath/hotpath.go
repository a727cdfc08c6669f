// Package hotpath tells whether a call runs on a hot path: once per
// iteration of a loop, or once per request of a handler. It reads the
// syntax around the call; frameworks' handler types come from the
// catalogue.
package hotpath

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/redisvet/redisvet/passes/internal/catalog"
)

// Context is where a call runs.
type Context struct {
	// Loop is the innermost loop whose body runs the call on every
	// iteration: directly, or in a function literal called or started
	// with go there. Nil if none.
	Loop ast.Stmt
	// Nested: Loop is itself inside another loop of the same function.
	Nested bool
	// LoopInTest: Loop is in a Test function (one client per table case
	// is normal there).
	LoopInTest bool
	// Handler names the kind of request handler the call runs in ("HTTP",
	// "gin", "gRPC", ...), or "".
	Handler string
	// HandlerFunc is the *ast.FuncLit or *ast.FuncDecl of that handler.
	HandlerFunc ast.Node
	// Path is the syntax path from the call outward.
	Path []ast.Node
}

// Of returns the context of call in file. extraHandlers lists more
// handler parameter types as "path.Name".
func Of(info *types.Info, file *ast.File, call ast.Expr, extraHandlers []string) Context {
	var c Context
	path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.End())
	c.Path = path
	loopsReach := true  // loops of enclosing functions still run the call
	fnBoundary := false // a function literal lies between Loop and here
	for i, n := range path {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			body := n.(ast.Stmt)
			switch {
			case !loopsReach:
			case c.Loop == nil && inside(LoopBody(body), call):
				c.Loop = body
			case c.Loop != nil && !fnBoundary:
				c.Nested = true
			}
		case *ast.FuncLit:
			if sig, ok := info.TypeOf(n).(*types.Signature); ok && c.Handler == "" {
				if c.Handler = catalog.HandlerOf(sig, extraHandlers); c.Handler != "" {
					c.HandlerFunc = n
				}
			}
			loopsReach = loopsReach && runsHere(path, i)
			fnBoundary = fnBoundary || c.Loop != nil
		case *ast.FuncDecl:
			if c.Handler == "" {
				if c.Handler = declHandler(info, n, extraHandlers); c.Handler != "" {
					c.HandlerFunc = n
				}
			}
			if c.Loop != nil && isTest(info, n) {
				c.LoopInTest = true
			}
		}
	}
	return c
}

// LoopBody returns the body of a for or range statement.
func LoopBody(loop ast.Stmt) *ast.BlockStmt {
	switch loop := loop.(type) {
	case *ast.ForStmt:
		return loop.Body
	case *ast.RangeStmt:
		return loop.Body
	}
	return nil
}

func inside(body *ast.BlockStmt, call ast.Node) bool {
	return body != nil && body.Pos() <= call.Pos() && call.End() <= body.End()
}

// runsHere reports whether the function literal at path[i] runs where it
// is written: called at once, or started with go.
func runsHere(path []ast.Node, i int) bool {
	if i+1 >= len(path) {
		return false
	}
	call, ok := path[i+1].(*ast.CallExpr)
	if !ok || call.Fun != path[i] {
		return false
	}
	if i+2 < len(path) {
		if _, isDefer := path[i+2].(*ast.DeferStmt); isDefer {
			return false
		}
	}
	return true
}

func declHandler(info *types.Info, fd *ast.FuncDecl, extra []string) string {
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return ""
	}
	sig := fn.Signature()
	if h := catalog.HandlerOf(sig, extra); h != "" {
		return h
	}
	if recv := sig.Recv(); recv != nil && fn.Exported() {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if named, ok := types.Unalias(t).(*types.Named); ok && catalog.IsGRPCService(named) {
			return "gRPC"
		}
	}
	return ""
}

// isTest reports whether fd is a Test function: TestXxx(t *testing.T).
func isTest(info *types.Info, fd *ast.FuncDecl) bool {
	if fd.Recv != nil || !strings.HasPrefix(fd.Name.Name, "Test") {
		return false
	}
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok || fn.Signature().Params().Len() != 1 {
		return false
	}
	ptr, ok := fn.Signature().Params().At(0).Type().(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := ptr.Elem().(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "testing" && named.Obj().Name() == "T"
}
