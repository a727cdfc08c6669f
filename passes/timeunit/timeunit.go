package timeunit

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer reports bare numbers given to Redis APIs as a time.Duration.
var Analyzer = &analysis.Analyzer{
	Name: "timeunit",
	Doc:  checkutil.MustExtractDoc(doc, "timeunit"),
	URL:  checkutil.URL("timeunit"),
	Run:  suppress.Run(run),
}

func run(pass *analysis.Pass) (any, error) {
	// Options fields and library calls are named through the library's
	// package: only packages that import a library can hold one.
	if !catalog.Imports(pass.Pkg) {
		return nil, nil
	}
	c := &checker{pass: pass, consts: constantDefinitions(pass)}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				c.literal(f, n)
			case *ast.AssignStmt:
				c.assignment(f, n)
			case *ast.CallExpr:
				c.call(f, n)
			}
			return true
		})
	}
	return nil, nil
}

type checker struct {
	pass *analysis.Pass
	// consts maps the package's constants to their defining expressions.
	consts map[*types.Const]ast.Expr
}

// literal checks the duration fields that an options literal sets.
func (c *checker) literal(f *ast.File, lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if field, ok := c.pass.TypesInfo.Uses[key].(*types.Var); ok {
			if use, ok := catalog.DurationField(field); ok {
				c.check(f, kv.Value, use, key.Name+": "+types.ExprString(kv.Value))
			}
		}
	}
}

// assignment checks opt.ReadTimeout = 5.
func (c *checker) assignment(f *ast.File, as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		s := c.pass.TypesInfo.Selections[sel]
		if s == nil || s.Kind() != types.FieldVal {
			continue
		}
		if use, ok := catalog.DurationField(s.Obj().(*types.Var)); ok {
			c.check(f, as.Rhs[i], use, sel.Sel.Name+" = "+types.ExprString(as.Rhs[i]))
		}
	}
}

// call checks the duration arguments of a call of a library function or
// method, also through an interface such as Cmdable or Pipeliner.
func (c *checker) call(f *ast.File, call *ast.CallExpr) {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok || catalog.Of(fn) == nil {
		return
	}
	for i, arg := range call.Args {
		if use, ok := catalog.DurationParam(fn, i); ok {
			what := fmt.Sprintf("%s %s passed to %s", use.Name, types.ExprString(arg), checkutil.CalleeName(c.pass, fn))
			c.check(f, arg, use, what)
		}
	}
}

// check reports e, given as use, when it is a bare number. what names the
// field or parameter and the value, to start the message.
func (c *checker) check(f *ast.File, e ast.Expr, use catalog.DurationUse, what string) {
	v, ok := intConstant(c.pass.TypesInfo, e)
	// A whole second or more counted in nanoseconds is deliberate
	// (5000000000, 5e9): the unit was not forgotten.
	if !ok || use.IsSpecial(v) || v >= int64(time.Second) || c.hasUnit(e, nil) {
		return
	}
	d := analysis.Diagnostic{Pos: e.Pos(), End: e.End(), URL: checkutil.URL(c.pass.Analyzer.Name)}
	if v < 0 {
		d.Message = fmt.Sprintf("%s is %s: a bare number as a time.Duration counts nanoseconds, and %s documents only %s as special here; %s",
			what, time.Duration(v), use.Library(), list(use), writeSpecial(use))
		c.pass.Report(d)
		return
	}
	unit := strings.ToLower(use.Unit)
	if v != 1 {
		unit += "s"
	}
	qualifier, fix, ok := multiplyFix(c.pass, f, e, use.Unit)
	if !ok {
		qualifier = "time."
	}
	d.Message = fmt.Sprintf("%s is %s, not %d %s: %s; write %s * %s%s",
		what, time.Duration(v), v, unit, use.Consequence(v), factor(e), qualifier, use.Unit)
	if ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(d)
}

// list spells the special values of use: "0, -1 and -2".
func list(use catalog.DurationUse) string {
	values := []string{"0"}
	for _, v := range use.Specials {
		values = append(values, fmt.Sprint(v))
	}
	if len(values) == 1 {
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " and " + values[len(values)-1]
}

func writeSpecial(use catalog.DurationUse) string {
	if len(use.Specials) == 0 {
		return "write 0 or a positive duration with a unit"
	}
	return "write one of those or a positive duration with a unit"
}

// intConstant returns the value of e when it is an integer constant.
func intConstant(info *types.Info, e ast.Expr) (int64, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return 0, false
	}
	v := constant.ToInt(tv.Value)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

// hasUnit reports whether the constant expression e mentions a unit of
// package time, directly or through the constants it names. seen guards
// against following a constant twice.
func (c *checker) hasUnit(e ast.Expr, seen map[*types.Const]bool) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return c.constHasUnit(c.pass.TypesInfo.Uses[e], seen)
	case *ast.SelectorExpr:
		return c.constHasUnit(c.pass.TypesInfo.Uses[e.Sel], seen)
	case *ast.BinaryExpr:
		return c.hasUnit(e.X, seen) || c.hasUnit(e.Y, seen)
	case *ast.UnaryExpr:
		return c.hasUnit(e.X, seen)
	case *ast.CallExpr:
		// A conversion such as time.Duration(30), or a builtin such as
		// min: the arguments say.
		for _, arg := range e.Args {
			if c.hasUnit(arg, seen) {
				return true
			}
		}
	}
	return false
}

// constHasUnit reports whether obj is a constant defined with a unit: a
// duration of package time, or a constant of this package whose
// definition mentions one. A constant of another package, whose
// definition cannot be seen, counts as having one: precision first.
func (c *checker) constHasUnit(obj types.Object, seen map[*types.Const]bool) bool {
	k, ok := obj.(*types.Const)
	if !ok || k.Pkg() == nil { // not a constant, or iota, true, false
		return false
	}
	if k.Pkg().Path() == "time" {
		return catalog.IsDuration(k.Type())
	}
	def, ok := c.consts[k]
	if k.Pkg() != c.pass.Pkg || !ok {
		return true
	}
	if seen[k] {
		return false
	}
	if seen == nil {
		seen = make(map[*types.Const]bool)
	}
	seen[k] = true
	return c.hasUnit(def, seen)
}

// constantDefinitions maps each constant declared in the package's files,
// at package level or in a function, to the expression that defines it;
// a spec without values repeats the previous one's, as Go does.
func constantDefinitions(pass *analysis.Pass) map[*types.Const]ast.Expr {
	defs := make(map[*types.Const]ast.Expr)
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			decl, ok := n.(*ast.GenDecl)
			if !ok || decl.Tok != token.CONST {
				return true
			}
			var values []ast.Expr
			for _, spec := range decl.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) > 0 {
					values = vs.Values
				}
				for i, name := range vs.Names {
					if k, ok := pass.TypesInfo.Defs[name].(*types.Const); ok && i < len(values) {
						defs[k] = values[i]
					}
				}
			}
			return false
		})
	}
	return defs
}
