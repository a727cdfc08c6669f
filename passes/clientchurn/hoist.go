package clientchurn

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/hotpath"
)

// hoist returns a fix that moves `c := NewClient(args)` from the loop body
// to just before the loop, adds `defer c.Close()` after it, and removes the
// `c.Close()` and `defer c.Close()` statements in the loop. It declines
// whenever moving could change meaning or break the build: arguments that
// use variables of the loop or call functions, a name already declared
// next to the loop, a Close used as a value, code sharing the lines, and a
// loop nested in another (the deferred Close would pile up there).
func hoist(pass *analysis.Pass, file *ast.File, call ast.Expr, ctx hotpath.Context) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	loop := ctx.Loop
	if ctx.Nested {
		return none, false
	}
	as := checkutil.Assigned(pass.TypesInfo, file, call)
	assign, ok := as.Stmt.(*ast.AssignStmt)
	if !ok || assign.Tok != token.DEFINE || !inBody(loop, assign) || dependsOnLoop(pass, call, loop) {
		return none, false
	}
	obj := pass.TypesInfo.Defs[as.Ident]
	if obj == nil {
		return none, false
	}
	if scope := pass.TypesInfo.Scopes[loop]; scope == nil || scope.Parent().Lookup(as.Name) != nil {
		return none, false
	}
	closes, ok := checkutil.ReleaseStmts(pass.TypesInfo, hotpath.LoopBody(loop), obj, "Close", loop.Pos())
	if !ok {
		return none, false
	}
	tf, content, ok := checkutil.Source(pass, loop.Pos())
	if !ok {
		return none, false
	}
	var edits []analysis.TextEdit
	for _, n := range append([]ast.Stmt{assign}, closes...) {
		start, end, ok := checkutil.WholeLines(tf, content, n)
		if !ok {
			return none, false
		}
		edits = append(edits, analysis.TextEdit{Pos: start, End: end})
	}
	at := loop.Pos()
	if lbl, ok := enclosingLabel(file, loop); ok {
		at = lbl.Pos()
	}
	lineStart := tf.LineStart(tf.Line(at))
	indent := checkutil.Indentation(tf, content, at)
	if tf.Offset(lineStart) != tf.Offset(at)-len(indent) {
		return none, false // the loop shares its line
	}
	text := fmt.Sprintf("%s%s\n%sdefer %s.Close()\n",
		indent, content[tf.Offset(assign.Pos()):tf.Offset(assign.End())], indent, as.Name)
	edits = append(edits, analysis.TextEdit{Pos: lineStart, End: lineStart, NewText: []byte(text)})
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Build %s once before the loop", as.Name),
		TextEdits: edits,
	}, true
}

func inBody(loop ast.Stmt, stmt ast.Stmt) bool {
	body := hotpath.LoopBody(loop)
	if body == nil {
		return false
	}
	for _, s := range body.List {
		if s == stmt {
			return true
		}
	}
	return false
}

// dependsOnLoop reports whether the call uses a variable declared in the
// loop, or calls a function (evaluated once per iteration today).
func dependsOnLoop(pass *analysis.Pass, site ast.Expr, loop ast.Stmt) bool {
	depends := false
	parts := []ast.Expr{site} // a literal: its fields
	if call, ok := site.(*ast.CallExpr); ok {
		parts = append([]ast.Expr{call.Fun}, call.Args...) // the call itself may stay
	}
	for _, arg := range parts {
		ast.Inspect(arg, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if obj := pass.TypesInfo.Uses[n]; obj != nil && obj.Pos() >= loop.Pos() && obj.Pos() < loop.End() {
					depends = true
				}
			case *ast.CallExpr:
				if tv, ok := pass.TypesInfo.Types[n.Fun]; !ok || !tv.IsType() {
					depends = true // a call, not a conversion
				}
			case *ast.FuncLit:
				depends = true
			}
			return !depends
		})
	}
	return depends
}

func enclosingLabel(file *ast.File, loop ast.Stmt) (*ast.LabeledStmt, bool) {
	var found *ast.LabeledStmt
	ast.Inspect(file, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok && l.Stmt == loop {
			found = l
		}
		return found == nil
	})
	return found, found != nil
}
