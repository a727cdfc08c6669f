package sharedclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/churn"
	"github.com/redisvet/redisvet/passes/internal/hotpath"
	"github.com/redisvet/redisvet/passes/internal/ownership"
	"github.com/redisvet/redisvet/passes/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer reports Close calls on go-redis clients the function does not
// own.
var Analyzer = &analysis.Analyzer{
	Name:     "sharedclose",
	Doc:      checkutil.MustExtractDoc(doc, "sharedclose"),
	URL:      checkutil.URL("sharedclose"),
	Requires: []*analysis.Analyzer{ownership.Analyzer},
	Run:      suppress.Run(run),
}

func init() {
	// One setting, shared with clientchurn: the same handlers are hot there.
	Analyzer.Flags.Var(churn.HandlersFlag(), "handlers", churn.HandlersUsage)
}

// closedText says what commands do after Close, with the library's error
// where the catalogue knows it.
func closedText(pass *analysis.Pass, call *ast.CallExpr) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if msg := catalog.ClosedError(pass.TypesInfo.TypeOf(sel.X)); msg != "" {
			return fmt.Sprintf("every command on it fails with %q", msg)
		}
	}
	return "every command on it fails"
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[ownership.Analyzer].(*ownership.Result)
	for _, c := range res.Closes {
		if d, ok := diagnose(pass, c); ok {
			pass.Report(d)
		}
	}
	return nil, nil
}

func diagnose(pass *analysis.Pass, c *ownership.Close) (analysis.Diagnostic, bool) {
	d := analysis.Diagnostic{Pos: c.Call.Pos(), End: c.Call.End(), URL: checkutil.URL(pass.Analyzer.Name)}
	name, closes := spell(pass, c.Call)
	closed := closedText(pass, c.Call)
	if c.Deferred {
		closes = "the deferred " + closes
	}
	switch {
	case c.Origin == ownership.OriginBorrowed:
		d.Message = borrowedMessage(closes, c.Lender, closed)
		d.SuggestedFixes = removeFix(pass, c.Call)
	case c.HandedBack.IsValid():
		d.Message = handedBackMessage(pass, c, closes, name, closed)
	case c.UsedAfter.IsValid() && c.NextIteration:
		d.Message = fmt.Sprintf("%s closes %s inside a loop that uses it again on the next iteration (line %d): from then on %s; close it after the loop", closes, name, checkutil.Line(pass, c.UsedAfter), closed)
	case c.UsedAfter.IsValid():
		d.Message = fmt.Sprintf("%s is used at line %d after this Close on some path: %s; close it after its last use", name, checkutil.Line(pass, c.UsedAfter), closed)
	default:
		h, ok := sharedInHandler(pass, c)
		if !ok {
			return d, false
		}
		d.Message = fmt.Sprintf("this %s handler closes %s, %s it does not own: the first request closes the pool that every other request shares, and then %s; close it once, when the program shuts down", h, name, originText(c), closed)
		d.SuggestedFixes = removeFix(pass, c.Call)
	}
	return d, true
}

func borrowedMessage(closes, lender, closed string) string {
	switch lender {
	case "TestOnBorrow", "TestOnBorrowContext":
		return fmt.Sprintf("%s closes the conn that the pool lends to %s: the pool closes a conn that fails its test itself, and a closed conn that passes is handed out dead; return an error instead", closes, lender)
	case "WithTimeout":
		return fmt.Sprintf("%s closes a client from WithTimeout, which shares its parent's connection pool: the parent and its other clones stop working too, and %s; do not close it, close the parent once when done", closes, closed)
	}
	return fmt.Sprintf("%s closes a client from %s, which the client it came from owns and keeps using: its commands fail from then on; do not close it, closing the client it came from closes it too", closes, lender)
}

func handedBackMessage(pass *analysis.Pass, c *ownership.Close, closes, name, closed string) string {
	what := fmt.Sprintf("the function returns it at line %d", checkutil.Line(pass, c.HandedBack))
	if c.Stored {
		what = fmt.Sprintf("it is stored at line %d for later use", checkutil.Line(pass, c.HandedBack))
	}
	when := "here"
	if c.Deferred {
		when = "when the function returns"
	}
	return fmt.Sprintf("%s closes %s %s, yet %s: whoever uses it next gets a closed client, and %s; close it only on the paths that fail", closes, name, when, what, closed)
}

// sharedInHandler returns the kind of request handler that closes a client
// it shares with other requests.
func sharedInHandler(pass *analysis.Pass, c *ownership.Close) (string, bool) {
	if c.Shutdown || c.Replaced || c.Origin == ownership.OriginLocal || c.Kind != catalog.Client {
		return "", false
	}
	ctx := hotpath.Of(pass.TypesInfo, checkutil.FileOf(pass, c.Call.Pos()), c.Call, churn.Handlers())
	if ctx.Handler == "" {
		return "", false
	}
	if c.Origin == ownership.OriginCaptured && c.DefinedIn.IsValid() && within(ctx.HandlerFunc, c.DefinedIn) {
		return "", false // a client of this request: clientchurn's concern
	}
	return ctx.Handler, true
}

func within(n ast.Node, pos token.Pos) bool {
	return n != nil && n.Pos() <= pos && pos < n.End()
}

func originText(c *ownership.Close) string {
	switch c.Origin {
	case ownership.OriginParam:
		return "a parameter"
	case ownership.OriginGlobal:
		return "a package-level client"
	case ownership.OriginField:
		return "a field"
	}
	if c.Func != nil {
		return "a client captured from " + c.Func.Name()
	}
	return "a captured client"
}

// spell returns how the call spells the closed client, and the call.
func spell(pass *analysis.Pass, call *ast.CallExpr) (name, closes string) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && len(call.Args) == 0 {
		return types.ExprString(sel.X), types.ExprString(sel.X) + ".Close()"
	}
	// A helper that closes what it is given: the client argument.
	for _, a := range call.Args {
		if t := pass.TypesInfo.TypeOf(a); t != nil && catalog.KindOf(t) == catalog.Client {
			return types.ExprString(a), types.ExprString(call.Fun) + "(" + types.ExprString(a) + ")"
		}
	}
	return "the client", types.ExprString(call.Fun) + "(...)"
}

// removeFix deletes the statement that makes the call, when the call is
// all it does.
func removeFix(pass *analysis.Pass, call *ast.CallExpr) []analysis.SuggestedFix {
	file := checkutil.FileOf(pass, call.Pos())
	tf, content, ok := checkutil.Source(pass, call.Pos())
	if file == nil || !ok {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.End())
	if len(path) < 2 {
		return nil
	}
	var stmt ast.Stmt
	switch s := path[1].(type) {
	case *ast.ExprStmt, *ast.DeferStmt:
		stmt = s.(ast.Stmt)
	case *ast.AssignStmt:
		if len(s.Lhs) == 1 && isBlank(s.Lhs[0]) {
			stmt = s
		}
	}
	if stmt == nil || lastUse(pass, file, stmt) {
		return nil
	}
	start, end, ok := checkutil.WholeLines(tf, content, stmt)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{Message: "Remove the Close", TextEdits: []analysis.TextEdit{{Pos: start, End: end}}}}
}

// lastUse reports whether stmt holds the only use of a variable: removing
// it would leave the variable unused (a range variable only closed).
func lastUse(pass *analysis.Pass, file *ast.File, stmt ast.Stmt) bool {
	inStmt := map[types.Object]bool{}
	ast.Inspect(stmt, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok && v.Parent() != nil && v.Parent() != v.Pkg().Scope() {
				inStmt[v] = true
			}
		}
		return true
	})
	for id, obj := range pass.TypesInfo.Uses {
		if inStmt[obj] && (id.Pos() < stmt.Pos() || id.Pos() >= stmt.End()) && within(file, id.Pos()) {
			delete(inStmt, obj)
		}
	}
	return len(inStmt) > 0
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}
