package clientchurn

import (
	"cmp"
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/churn"
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

func init() {
	Analyzer.Flags.Var(churn.HandlersFlag(), "handlers", churn.HandlersUsage)
	Analyzer.Flags.Var(ownership.ConstructorsFlag(), "constructors", ownership.ConstructorsUsage)
}

const goRedisCost = "each one dials its own connections and reuses none of the others'"

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[ownership.Analyzer].(*ownership.Result)
	for _, v := range res.Values {
		if v.Kind != catalog.Client {
			continue
		}
		ctx, hot := churn.Of(pass, v)
		if !hot {
			continue
		}
		what := fmt.Sprintf("the %s from %s", v.TypeName, checkutil.CreatorName(pass, v.Creator))
		cost := cmp.Or(catalog.ChurnCost(v.Creator), goRedisCost)
		d := analysis.Diagnostic{Pos: v.Site.Pos(), End: v.Site.End(), URL: checkutil.URL(pass.Analyzer.Name)}
		if v.Again || v.Leak.IsValid() {
			what += " is never closed and" // one finding says both
		}
		if ctx.Loop != nil {
			d.Message = fmt.Sprintf("%s is built on every iteration of the loop at line %d: %s; build one client before the loop and reuse it",
				what, checkutil.Line(pass, ctx.Loop.Pos()), cost)
			if fix, ok := hoist(pass, checkutil.FileOf(pass, v.Site.Pos()), v.Site, ctx); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		} else {
			d.Message = fmt.Sprintf("%s is built on every request by this %s handler: %s; build the client once at startup and share it",
				what, ctx.Handler, cost)
		}
		pass.Report(d)
	}
	for _, c := range res.PerCallCalls {
		ctx, hot := churn.OfCall(pass, c)
		if !hot {
			continue
		}
		where := fmt.Sprintf("on every request by this %s handler", ctx.Handler)
		if ctx.Loop != nil {
			where = fmt.Sprintf("on every iteration of the loop at line %d", checkutil.Line(pass, ctx.Loop.Pos()))
		}
		pass.Report(analysis.Diagnostic{
			Pos: c.Call.Pos(), End: c.Call.End(), URL: checkutil.URL(pass.Analyzer.Name),
			Message: fmt.Sprintf("%s builds a go-redis client and closes it before returning, and it is called %s: %s; build one client outside and pass it in",
				checkutil.CalleeName(pass, c.Callee), where, goRedisCost),
		})
	}
	return nil, nil
}
