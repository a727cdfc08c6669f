package watchtx

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer reports misuse of go-redis optimistic transactions (Watch).
var Analyzer = &analysis.Analyzer{
	Name: "watchtx",
	Doc:  checkutil.MustExtractDoc(doc, "watchtx"),
	URL:  checkutil.URL("watchtx"),
	Run:  suppress.Run(run),
}

// lost says what a command on the watched client costs. rdb.TxPipelined
// there does wrap MULTI/EXEC, on another connection: only the WATCH is
// lost (measured in testdata/runtime/watchtx).
const lost = "it runs on another connection, outside the WATCH, so the optimistic lock protects nothing"

func run(pass *analysis.Pass) (any, error) {
	if !catalog.Imports(pass.Pkg) {
		return nil, nil
	}
	decls := funcDecls(pass)
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				checkWatch(pass, decls, call)
			}
			return true
		})
	}
	return nil, nil
}

// checkWatch checks one call of Watch(ctx, fn, keys...).
func checkWatch(pass *analysis.Pass, decls map[*types.Func]*ast.FuncDecl, call *ast.CallExpr) {
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || !catalog.IsWatch(fn) || len(call.Args) < 2 {
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	if len(call.Args) == 2 && !call.Ellipsis.IsValid() {
		pass.Report(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(), URL: checkutil.URL(pass.Analyzer.Name),
			Message: fmt.Sprintf("%s is called with no keys: nothing is watched, so the transaction never fails when another client changes the data it read; pass the keys it reads", fn.Name()),
		})
	}
	cb, ok := callbackOf(pass, decls, call.Args[1])
	if !ok {
		return
	}
	client, ok := pathOf(pass.TypesInfo, sel.X, nil)
	if !ok {
		return
	}
	ast.Inspect(cb.body, func(n ast.Node) bool {
		inner, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		m, ok := typeutil.Callee(pass.TypesInfo, inner).(*types.Func)
		isel, isSel := ast.Unparen(inner.Fun).(*ast.SelectorExpr)
		if !ok || !isSel {
			return true
		}
		recv, ok := pathOf(pass.TypesInfo, isel.X, cb.bound)
		switch {
		case !ok:
		case recv.equal(client) && catalog.IsCommand(m):
			reportOuterCall(pass, inner, isel, m, cb.tx)
		case cb.tx != nil && recv.root == cb.tx && len(recv.fields) == 0 && catalog.TxPipeline(m) != "":
			reportTxPipeline(pass, isel, m)
		}
		return true
	})
}

func reportOuterCall(pass *analysis.Pass, call *ast.CallExpr, sel *ast.SelectorExpr, m *types.Func, tx *types.Var) {
	d := analysis.Diagnostic{Pos: call.Pos(), End: call.End(), URL: checkutil.URL(pass.Analyzer.Name)}
	if tx == nil {
		d.Message = fmt.Sprintf("%s is called on the watched client inside its Watch callback, not on the *redis.Tx the callback receives: %s; name the callback's parameter and call %s on it", m.Name(), lost, m.Name())
		pass.Report(d)
		return
	}
	// rdb.Pipelined moves to tx.TxPipelined at once: tx.Pipelined would
	// still run outside MULTI/EXEC (reportTxPipeline).
	name := cmp.Or(catalog.TxPipeline(m), m.Name())
	d.Message = fmt.Sprintf("%s is called on the watched client inside its Watch callback, not on %s: %s; call %s.%s", m.Name(), tx.Name(), lost, tx.Name(), name)
	d.SuggestedFixes = []analysis.SuggestedFix{{
		Message:   fmt.Sprintf("Call %s on %s", name, tx.Name()),
		TextEdits: []analysis.TextEdit{{Pos: sel.Pos(), End: sel.End(), NewText: []byte(tx.Name() + "." + name)}},
	}}
	pass.Report(d)
}

func reportTxPipeline(pass *analysis.Pass, sel *ast.SelectorExpr, m *types.Func) {
	want := catalog.TxPipeline(m)
	pass.Report(analysis.Diagnostic{
		Pos: sel.Pos(), End: sel.End(), URL: checkutil.URL(pass.Analyzer.Name),
		Message: fmt.Sprintf("%s inside a Watch callback does not wrap the commands in MULTI/EXEC: they run one by one and a change to a watched key does not abort them; call %s", m.Name(), want),
		SuggestedFixes: []analysis.SuggestedFix{{
			Message:   "Call " + want,
			TextEdits: []analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte(want)}},
		}},
	})
}

// A callback is the function Watch runs: its body, its *Tx parameter (nil
// if unnamed) and, for a method value, the receiver it is bound to.
type callback struct {
	body  ast.Node
	tx    *types.Var
	bound *binding
}

// A binding maps the receiver of a method value to the expression it is
// bound to: s.transfer binds the receiver of transfer to s.
type binding struct {
	recv types.Object
	to   path
}

func callbackOf(pass *analysis.Pass, decls map[*types.Func]*ast.FuncDecl, arg ast.Expr) (callback, bool) {
	info := pass.TypesInfo
	switch arg := ast.Unparen(arg).(type) {
	case *ast.FuncLit:
		return callback{body: arg.Body, tx: txParam(info, arg.Type)}, true
	case *ast.Ident, *ast.SelectorExpr:
		fn, ok := typeutil.Callee(info, &ast.CallExpr{Fun: arg}).(*types.Func)
		decl := decls[fn]
		if !ok || decl == nil || decl.Body == nil {
			return callback{}, false
		}
		cb := callback{body: decl.Body, tx: txParam(info, decl.Type)}
		if sel, isSel := arg.(*ast.SelectorExpr); isSel && decl.Recv != nil && len(decl.Recv.List) == 1 && len(decl.Recv.List[0].Names) == 1 {
			if to, ok := pathOf(info, sel.X, nil); ok {
				cb.bound = &binding{recv: info.Defs[decl.Recv.List[0].Names[0]], to: to}
			}
		}
		return cb, true
	}
	return callback{}, false
}

// txParam returns the callback's *redis.Tx parameter, or nil when it is
// unnamed or blank.
func txParam(info *types.Info, ft *ast.FuncType) *types.Var {
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			if v, ok := info.Defs[name].(*types.Var); ok && catalog.IsTx(v.Type()) && name.Name != "_" {
				return v
			}
		}
	}
	return nil
}

func funcDecls(pass *analysis.Pass) map[*types.Func]*ast.FuncDecl {
	out := map[*types.Func]*ast.FuncDecl{}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					out[fn] = fd
				}
			}
		}
	}
	return out
}

// A path names a client the way code reaches it: a variable followed by
// struct fields (rdb, s.rdb, s.store.rdb).
type path struct {
	root   types.Object
	fields []*types.Var
}

func (p path) equal(q path) bool {
	if p.root != q.root || len(p.fields) != len(q.fields) {
		return false
	}
	for i := range p.fields {
		if p.fields[i] != q.fields[i] {
			return false
		}
	}
	return true
}

// pathOf returns the path of e, substituting a bound receiver; ok is
// false for anything else (calls, index expressions).
func pathOf(info *types.Info, e ast.Expr, b *binding) (path, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := info.Uses[e]
		if obj == nil {
			return path{}, false
		}
		if b != nil && obj == b.recv {
			return b.to, true
		}
		return path{root: obj}, true
	case *ast.SelectorExpr:
		if v, ok := info.Uses[e.Sel].(*types.Var); ok {
			if _, isPkg := info.Uses[identOf(e.X)].(*types.PkgName); isPkg {
				return path{root: v}, true // a package-level variable of another package
			}
			if sel := info.Selections[e]; sel != nil && sel.Kind() == types.FieldVal {
				p, ok := pathOf(info, e.X, b)
				if !ok {
					return path{}, false
				}
				return path{root: p.root, fields: append(append([]*types.Var(nil), p.fields...), v)}, true
			}
		}
	case *ast.StarExpr:
		return pathOf(info, e.X, b)
	}
	return path{}, false
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}
