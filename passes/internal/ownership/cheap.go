package ownership

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// summarizeCheaply gives summaries to the functions of a package that does
// not deal in Redis, without building SSA: a generic helper that closes
// whatever io.Closer it is given, and a function that always exits. Both
// are recognised from the top-level statements of the body, which is
// enough for the helpers people write and costs one walk of the syntax.
func summarizeCheaply(pass *analysis.Pass) {
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			s := &Summary{NoReturn: endsInExit(pass, fd.Body)}
			for i, p := range closerParams(pass, fd) {
				if closesFirst(pass, fd.Body, p) {
					s.Params = append(s.Params, Param{Index: i, Effect: Releases})
				}
			}
			if !s.empty() {
				pass.ExportObjectFact(obj, s)
			}
		}
	}
}

// closerParams maps the SSA index of each parameter of interface type with
// a Close method (receiver first) to its object.
func closerParams(pass *analysis.Pass, fd *ast.FuncDecl) map[int]*types.Var {
	var params []*ast.Field
	if fd.Recv != nil {
		params = append(params, fd.Recv.List...)
	}
	params = append(params, fd.Type.Params.List...)
	out := map[int]*types.Var{}
	i := 0
	for _, field := range params {
		names := field.Names
		if len(names) == 0 {
			i++
			continue
		}
		for _, name := range names {
			if v, ok := pass.TypesInfo.Defs[name].(*types.Var); ok && hasClose(v.Type()) {
				out[i] = v
			}
			i++
		}
	}
	return out
}

func hasClose(t types.Type) bool {
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for m := range iface.Methods() {
		if m.Name() == "Close" {
			return true
		}
	}
	return false
}

// closesFirst reports whether body closes p in a top-level statement that
// runs before any return.
func closesFirst(pass *analysis.Pass, body *ast.BlockStmt, p *types.Var) bool {
	for _, stmt := range body.List {
		var call ast.Expr
		switch stmt := stmt.(type) {
		case *ast.DeferStmt:
			call = stmt.Call
		case *ast.ExprStmt:
			call = stmt.X
		case *ast.AssignStmt:
			if len(stmt.Rhs) == 1 {
				call = stmt.Rhs[0]
			}
		case *ast.IfStmt:
			if init, ok := stmt.Init.(*ast.AssignStmt); ok && len(init.Rhs) == 1 {
				call = init.Rhs[0]
			}
		case *ast.ReturnStmt:
			if len(stmt.Results) == 1 {
				call = stmt.Results[0]
			}
		}
		if isCloseOf(pass, call, p) {
			return true
		}
		if containsReturn(stmt) {
			return false
		}
	}
	return false
}

func isCloseOf(pass *analysis.Pass, e ast.Expr, p *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Close" {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && pass.TypesInfo.Uses[id] == p
}

func containsReturn(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ReturnStmt:
			found = true
		case *ast.FuncLit:
			return false
		}
		return !found
	})
	return found
}

// endsInExit reports whether the body's last top-level statement is a
// call that does not return: panic, os.Exit, log.Fatal and the like.
func endsInExit(pass *analysis.Pass, body *ast.BlockStmt) bool {
	if len(body.List) == 0 || containsReturn(body) {
		return false
	}
	es, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fn := typeutil.Callee(pass.TypesInfo, call).(type) {
	case *types.Builtin:
		return fn.Name() == "panic"
	case *types.Func:
		return isNoReturnStd(fn) || isNoReturnMethod(fn)
	}
	return false
}
