// Package checkutil holds what redisvet's checks share beyond the
// ownership engine: documentation extracted from a check's doc.go, the
// documentation URL, and the suggested fix that defers a release.
package checkutil

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// MustExtractDoc returns the documentation of the analyzer name from the
// text of its doc.go: the package comment from the "# Analyzer name"
// heading on, as x/tools' own passes do, so that one text serves
// `redisvet help`, the Analyzer.Doc and pkg.go.dev.
func MustExtractDoc(docGo, name string) string {
	start := strings.Index(docGo, "/*")
	end := strings.Index(docGo, "*/")
	if start < 0 || end < start {
		panic("doc.go for " + name + " has no /* */ package comment")
	}
	text := docGo[start+2 : end]
	heading := "# Analyzer " + name
	i := strings.Index(text, heading)
	if i < 0 {
		panic("doc.go for " + name + " has no " + heading)
	}
	// Like x/tools' passes, the text starts with "name: title"; drivers
	// print the name themselves.
	return strings.TrimPrefix(strings.TrimSpace(text[i+len(heading):]), name+": ")
}

// URL is the documentation page of a check, generated from its doc.go.
func URL(name string) string {
	return "https://github.com/redisvet/redisvet/blob/main/docs/checks/" + name + ".md"
}

// Line returns the line number of pos.
func Line(pass *analysis.Pass, pos token.Pos) int {
	return pass.Fset.Position(pos).Line
}

// Assignment describes the statement that assigns a created value.
type Assignment struct {
	// Stmt assigns the call's only result to a single variable in a
	// statement list, so a statement can be inserted after it; else nil.
	Stmt ast.Stmt
	// Name is the variable the value is assigned to ("" if none), also
	// when the call returns more results (ps, err := ...).
	Name string
	// Ident is the variable's identifier on the left-hand side, or nil.
	Ident *ast.Ident
	// InLoop: the call is inside a loop of its function.
	InLoop bool
	// ErrorBeside: the call's last result, assigned beside the value, is
	// an error.
	ErrorBeside bool
}

// Assigned describes how the result of call is assigned.
func Assigned(info *types.Info, file *ast.File, call ast.Expr) Assignment {
	var a Assignment
	path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.End())
	if len(path) < 4 || path[0] != ast.Node(call) {
		return a
	}
outer:
	for _, n := range path[1:] {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			a.InLoop = true
		case *ast.FuncLit, *ast.FuncDecl:
			break outer
		}
	}
	switch parent := path[1].(type) {
	case *ast.AssignStmt:
		if id, ok := parent.Lhs[0].(*ast.Ident); ok && len(parent.Rhs) == 1 && id.Name != "_" {
			a.Name, a.Ident = id.Name, id
			a.ErrorBeside = len(parent.Lhs) > 1 && lastIsError(info, call)
			if len(parent.Lhs) == 1 && inList(path[2]) {
				a.Stmt = parent
			}
		}
	case *ast.ValueSpec:
		if len(parent.Values) == 1 && parent.Names[0].Name != "_" {
			a.Name, a.Ident = parent.Names[0].Name, parent.Names[0]
			if decl, ok := path[3].(*ast.DeclStmt); ok && len(path) > 4 && len(parent.Names) == 1 && inList(path[4]) {
				a.Stmt = decl
			}
		}
	}
	return a
}

func lastIsError(info *types.Info, call ast.Expr) bool {
	tuple, ok := info.TypeOf(call).(*types.Tuple)
	return ok && tuple.Len() > 0 && types.Identical(tuple.At(tuple.Len()-1).Type(), types.Universe.Lookup("error").Type())
}

// AgainMessage says that a value created in a loop is not released before
// the next iteration creates another. A value that is never released gets
// advice that also fits code keeping every one until after the loop.
func AgainMessage(what, cost string, neverReleased bool) string {
	if neverReleased {
		return fmt.Sprintf("%s is created in a loop and never closed: %s, once per iteration; close each one when done with it", what, cost)
	}
	return fmt.Sprintf("%s is created in a loop and not closed before the next iteration creates another: %s, once per iteration; close it at the end of the loop body", what, cost)
}

// CleanupOf names the function fn that returns a cleanup function at
// result index cleanup beside the value it creates, or "" when cleanup is
// negative.
func CleanupOf(pass *analysis.Pass, fn types.Object, cleanup int) string {
	if cleanup < 0 {
		return ""
	}
	return CreatorName(pass, fn)
}

// CreatorName names what created a value, for messages: the function
// called ("redis.NewClient", "Subscribe"), or "this literal" for a value
// built by a composite literal (&redis.Pool{...}).
func CreatorName(pass *analysis.Pass, creator types.Object) string {
	if fn, ok := creator.(*types.Func); ok {
		return CalleeName(pass, fn)
	}
	return "this literal"
}

// ReleaseAdvice says how to release a value that leaks on some path,
// for the end of a message: "add defer ps.Close() after this line".
// cleanup names the function that created the value when it returns the
// value's cleanup beside it, else "".
func ReleaseAdvice(as Assignment, handedOff bool, release, cleanup string) string {
	switch {
	case handedOff:
		return "close it on that path too"
	case cleanup != "":
		return fmt.Sprintf("keep the cleanup function that %s returns beside it and defer it", cleanup)
	case as.Name == "":
		return "assign it to a variable and add defer v." + release + "()"
	case as.Stmt == nil && as.ErrorBeside:
		return fmt.Sprintf("add defer %s.%s() once the error is checked", as.Name, release)
	}
	return fmt.Sprintf("add defer %s.%s() after this line", as.Name, release)
}

// inList reports whether n holds a statement list into which a statement
// can be inserted.
func inList(n ast.Node) bool {
	switch n.(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		return true
	}
	return false
}

// DeferFix returns a fix that inserts "defer name.method()" on a line of
// its own after the assignment (after any comment that ends its line),
// with its indentation, and removes the statements after it that call
// name.method() as a statement, which the defer makes redundant: one
// release per path. It declines when the method is used any other way
// after the assignment (its result used, a method value, in a function
// literal) or a statement to remove shares its lines.
func DeferFix(pass *analysis.Pass, file *ast.File, as Assignment, method string) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	obj := pass.TypesInfo.ObjectOf(as.Ident)
	body := enclosingBody(file, as.Stmt)
	tf, content, ok := Source(pass, as.Stmt.Pos())
	if obj == nil || body == nil || !ok {
		return none, false
	}
	redundant, ok := ReleaseStmts(pass.TypesInfo, body, obj, method, as.Stmt.End())
	if !ok {
		return none, false
	}
	at := lineEnd(tf, content, as.Stmt.End())
	text := fmt.Sprintf("\n%sdefer %s.%s()", Indentation(tf, content, as.Stmt.Pos()), as.Name, method)
	edits := []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}}
	for _, stmt := range redundant {
		start, end, ok := WholeLines(tf, content, stmt)
		if !ok {
			return none, false
		}
		edits = append(edits, analysis.TextEdit{Pos: start, End: end})
	}
	return analysis.SuggestedFix{Message: fmt.Sprintf("Add defer %s.%s()", as.Name, method), TextEdits: edits}, true
}

// ReleaseStmts returns the statements in body after the position from
// that call obj.method() as a statement: `x.Close()`, `_ = x.Close()` and
// `defer x.Close()`. ok is false when obj.method is used any other way
// there: its result used, a method value, or inside a function literal.
func ReleaseStmts(info *types.Info, body ast.Node, obj types.Object, method string, from token.Pos) (stmts []ast.Stmt, ok bool) {
	ok = true
	isRelease := func(e ast.Expr) bool {
		call, isCall := ast.Unparen(e).(*ast.CallExpr)
		if !isCall || len(call.Args) != 0 {
			return false
		}
		sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		return isSel && isMethodOf(info, sel, obj, method)
	}
	var visit func(n ast.Node, inLit bool) bool
	visit = func(n ast.Node, inLit bool) bool {
		if n == nil || n.End() <= from {
			return false // before from: not ours to change
		}
		var stmt ast.Stmt
		switch n := n.(type) {
		case *ast.FuncLit:
			ast.Inspect(n.Body, func(m ast.Node) bool { return visit(m, true) })
			return false
		case *ast.ExprStmt:
			if isRelease(n.X) {
				stmt = n
			}
		case *ast.DeferStmt:
			if isRelease(n.Call) {
				stmt = n
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 && isBlank(n.Lhs[0]) && isRelease(n.Rhs[0]) {
				stmt = n
			}
		case *ast.SelectorExpr:
			if isMethodOf(info, n, obj, method) {
				ok = false // used as a value or its result used
			}
		}
		if stmt != nil {
			if inLit {
				ok = false
			}
			stmts = append(stmts, stmt)
			return false
		}
		return ok
	}
	ast.Inspect(body, func(n ast.Node) bool { return visit(n, false) })
	return stmts, ok
}

func isMethodOf(info *types.Info, sel *ast.SelectorExpr, obj types.Object, method string) bool {
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && sel.Sel.Name == method && info.Uses[id] == obj
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// enclosingBody returns the body of the function (declaration or literal)
// around n.
func enclosingBody(file *ast.File, n ast.Node) *ast.BlockStmt {
	path, _ := astutil.PathEnclosingInterval(file, n.Pos(), n.End())
	for _, p := range path {
		switch p := p.(type) {
		case *ast.FuncLit:
			return p.Body
		case *ast.FuncDecl:
			return p.Body
		}
	}
	return nil
}

// Callers says how many callers of a helper leave its value unreleased.
func Callers(n int) string {
	if n == 1 {
		return "one of its callers never closes it"
	}
	return fmt.Sprintf("%d of its callers never close it", n)
}

// HelperAdvice is the end of the message for a value that a test helper
// returns without registering its release.
func HelperAdvice(tb, name, release string) string {
	if name == "" {
		name = "v"
	}
	return fmt.Sprintf("register its release in the helper: %s.Cleanup(func() { _ = %s.%s() })", tb, name, release)
}

// CleanupFix returns a fix for a test helper that returns the value
// created by call without registering its release: it inserts
// tb.Cleanup(func() { _ = name.release() }) after the statement that
// assigns the value, or, when the helper creates it in more than one
// place, before the helper's only return statement.
func CleanupFix(pass *analysis.Pass, call ast.Expr, creations int, tb, release string) (analysis.SuggestedFix, bool) {
	file := FileOf(pass, call.Pos())
	as := Assigned(pass.TypesInfo, file, call)
	if as.Name == "" || as.InLoop {
		return analysis.SuggestedFix{}, false
	}
	var at ast.Stmt
	after := true
	switch {
	case creations == 1 && as.Stmt != nil:
		at = as.Stmt
	default:
		ret, ok := onlyReturn(file, call)
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		at, after = ret, false
	}
	tf, content, ok := Source(pass, at.Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	indent := Indentation(tf, content, at.Pos())
	text := fmt.Sprintf("%s.Cleanup(func() { _ = %s.%s() })", tb, as.Name, release)
	edit := analysis.TextEdit{Pos: tf.LineStart(tf.Line(at.Pos())), NewText: []byte(indent + text + "\n")}
	if after {
		end := lineEnd(tf, content, at.End())
		edit = analysis.TextEdit{Pos: end, NewText: []byte("\n" + indent + text)}
	}
	edit.End = edit.Pos
	return analysis.SuggestedFix{Message: "Register " + as.Name + "." + release + " with " + tb + ".Cleanup", TextEdits: []analysis.TextEdit{edit}}, true
}

// onlyReturn returns the return statement of the function declaration
// around call when it has exactly one, in a statement list.
func onlyReturn(file *ast.File, call ast.Expr) (*ast.ReturnStmt, bool) {
	path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.End())
	var body *ast.BlockStmt
	for _, n := range path {
		if fd, ok := n.(*ast.FuncDecl); ok {
			body = fd.Body
		}
	}
	if body == nil {
		return nil, false
	}
	var rets []*ast.ReturnStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			rets = append(rets, n)
		}
		return true
	})
	if len(rets) != 1 {
		return nil, false
	}
	return rets[0], true
}

// lineEnd returns the position of the newline that ends pos's line.
func lineEnd(tf *token.File, content []byte, pos token.Pos) token.Pos {
	off := tf.Offset(pos)
	if i := bytes.IndexByte(content[off:], '\n'); i >= 0 {
		return tf.Pos(off + i)
	}
	return tf.Pos(len(content))
}

// Indentation returns the leading blanks of pos's line.
func Indentation(tf *token.File, content []byte, pos token.Pos) string {
	line := content[tf.Offset(tf.LineStart(tf.Line(pos))):]
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

// FileOf returns the file of the package that contains pos.
func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// CalleeName is how a message names the function that created a value:
// "Subscribe", or "pkg.NewThing" for a function of another package.
func CalleeName(pass *analysis.Pass, fn *types.Func) string {
	if fn.Signature().Recv() != nil || fn.Pkg() == nil || fn.Pkg() == pass.Pkg {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// Source returns the file content around pos, with its token.File.
func Source(pass *analysis.Pass, pos token.Pos) (*token.File, []byte, bool) {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return nil, nil, false
	}
	content, err := pass.ReadFile(tf.Name())
	if err != nil {
		return nil, nil, false
	}
	return tf, content, true
}

// WholeLines returns the range of the lines that node occupies, newline
// included, when nothing but blanks (and a trailing comment) shares them.
func WholeLines(tf *token.File, content []byte, node ast.Node) (start, end token.Pos, ok bool) {
	lineStart := tf.LineStart(tf.Line(node.Pos()))
	before := content[tf.Offset(lineStart):tf.Offset(node.Pos())]
	if len(bytes.TrimLeft(before, " \t")) != 0 {
		return 0, 0, false
	}
	after := content[tf.Offset(node.End()):]
	nl := bytes.IndexByte(after, '\n')
	if nl < 0 {
		return 0, 0, false
	}
	rest := bytes.TrimSpace(after[:nl])
	if len(rest) != 0 && !bytes.HasPrefix(rest, []byte("//")) {
		return 0, 0, false
	}
	return lineStart, tf.Pos(tf.Offset(node.End()) + nl + 1), true
}

// A ConstantField is a field of a composite literal set to an integer
// constant.
type ConstantField struct {
	Field *ast.KeyValueExpr
	Value int64
}

// Field returns the element of lit that sets the named field, or nil.
func Field(lit *ast.CompositeLit, name string) *ast.KeyValueExpr {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv
			}
		}
	}
	return nil
}

// IsTrue reports whether e is the constant true.
func IsTrue(info *types.Info, e ast.Expr) bool {
	tv := info.Types[e]
	return tv.Value != nil && tv.Value.Kind() == constant.Bool && constant.BoolVal(tv.Value)
}

// ConstantFields returns the named fields that the literal sets to an
// integer constant.
func ConstantFields(info *types.Info, lit *ast.CompositeLit, names []string) map[string]ConstantField {
	set := make(map[string]ConstantField)
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok || key.Name == "" || !slices.Contains(names, key.Name) {
			continue
		}
		tv := info.Types[kv.Value]
		if tv.Value == nil || tv.Value.Kind() != constant.Int {
			continue
		}
		if v, exact := constant.Int64Val(tv.Value); exact {
			set[key.Name] = ConstantField{kv, v}
		}
	}
	return set
}
