package timeunit

import (
	"bytes"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/checkutil"
)

// factor is how the fix and the message write e before "* time.Second".
func factor(e ast.Expr) string {
	if needsParens(e) {
		return "(" + types.ExprString(e) + ")"
	}
	return types.ExprString(e)
}

// needsParens reports whether e must be parenthesised to be multiplied.
func needsParens(e ast.Expr) bool {
	switch e.(type) {
	case *ast.BasicLit, *ast.Ident, *ast.SelectorExpr, *ast.CallExpr, *ast.ParenExpr, *ast.IndexExpr:
		return false
	}
	return true
}

// multiplyFix returns the fix that multiplies e by the unit of package
// time, adding the import when the file lacks it, with the qualifier the
// file uses for package time ("time.", "" for a dot import). It declines
// when the name it would use means something else at e.
func multiplyFix(pass *analysis.Pass, f *ast.File, e ast.Expr, unit string) (string, analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	qualifier, imp, ok := timeQualifier(pass, f, e.Pos())
	if !ok {
		return "", none, false
	}
	tail := " * " + qualifier + unit
	edits := []analysis.TextEdit{{Pos: e.End(), End: e.End(), NewText: []byte(tail)}}
	if needsParens(e) {
		edits = []analysis.TextEdit{
			{Pos: e.Pos(), End: e.Pos(), NewText: []byte("(")},
			{Pos: e.End(), End: e.End(), NewText: []byte(")" + tail)},
		}
	}
	if imp != nil {
		edits = append(edits, *imp)
	}
	return qualifier, analysis.SuggestedFix{Message: "Multiply by " + qualifier + unit, TextEdits: edits}, true
}

// timeQualifier returns how the file names package time at pos, and the
// edit that imports it when the file does not.
func timeQualifier(pass *analysis.Pass, f *ast.File, pos token.Pos) (string, *analysis.TextEdit, bool) {
	fileScope := pass.TypesInfo.Scopes[f]
	if fileScope == nil {
		return "", nil, false
	}
	scope := fileScope.Innermost(pos)
	for _, spec := range f.Imports {
		if path, _ := strconv.Unquote(spec.Path.Value); path != "time" {
			continue
		}
		name := "time"
		if spec.Name != nil {
			name = spec.Name.Name
		}
		switch name {
		case "_":
			continue
		case ".":
			// time.Second is Second here, unless shadowed.
			_, obj := scope.LookupParent("Second", pos)
			k, ok := obj.(*types.Const)
			return "", nil, ok && k.Pkg() != nil && k.Pkg().Path() == "time"
		}
		_, obj := scope.LookupParent(name, pos)
		pn, ok := obj.(*types.PkgName)
		return name + ".", nil, ok && pn.Imported().Path() == "time"
	}
	// An import named time must not clash with a name of the package or
	// hide another one at pos.
	if _, obj := scope.LookupParent("time", pos); obj != nil {
		return "", nil, false
	}
	imp, ok := importTime(pass, f)
	return "time.", imp, ok
}

// importTime returns the edit that adds "time" to the file's imports: into
// its first import block, among the standard library's packages in order;
// else as a declaration of its own after the file's imports.
func importTime(pass *analysis.Pass, f *ast.File) (*analysis.TextEdit, bool) {
	tf, content, ok := checkutil.Source(pass, f.Package)
	if !ok {
		return nil, false
	}
	insert := func(pos token.Pos, text string) (*analysis.TextEdit, bool) {
		return &analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)}, true
	}
	var block, last *ast.GenDecl
	for _, d := range f.Decls {
		decl, ok := d.(*ast.GenDecl)
		if !ok || decl.Tok != token.IMPORT {
			break // imports come first
		}
		if block == nil && decl.Lparen.IsValid() {
			block = decl
		}
		last = decl
	}
	switch {
	case last == nil:
		return insert(f.Name.End(), "\n\nimport \"time\"")
	case block == nil:
		return insert(lineEnd(tf, content, last.End()), "\nimport \"time\"")
	}
	var before *ast.ImportSpec // the last standard package sorting before "time"
	for _, spec := range block.Specs {
		imp := spec.(*ast.ImportSpec)
		path, _ := strconv.Unquote(imp.Path.Value)
		if !isStandard(path) {
			continue
		}
		if path > "time" {
			indent := checkutil.Indentation(tf, content, imp.Pos())
			return insert(tf.LineStart(tf.Line(imp.Pos())), indent+"\"time\"\n")
		}
		before = imp
	}
	if before != nil {
		indent := checkutil.Indentation(tf, content, before.Pos())
		return insert(lineEnd(tf, content, before.End()), "\n"+indent+"\"time\"")
	}
	// Only other packages: a group of its own, first.
	return insert(block.Lparen+1, "\n\t\"time\"\n")
}

// isStandard reports whether path names a package of the standard
// library: its first element has no dot.
func isStandard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// lineEnd returns the position of the newline that ends pos's line.
func lineEnd(tf *token.File, content []byte, pos token.Pos) token.Pos {
	off := tf.Offset(pos)
	if i := bytes.IndexByte(content[off:], '\n'); i >= 0 {
		return tf.Pos(off + i)
	}
	return tf.Pos(len(content))
}
