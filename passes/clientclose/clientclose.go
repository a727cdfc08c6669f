package clientclose

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/churn"
	"github.com/redisvet/redisvet/passes/internal/ownership"
	"github.com/redisvet/redisvet/passes/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer reports go-redis clients that are never closed.
var Analyzer = &analysis.Analyzer{
	Name:     "clientclose",
	Doc:      checkutil.MustExtractDoc(doc, "clientclose"),
	URL:      checkutil.URL("clientclose"),
	Requires: []*analysis.Analyzer{ownership.Analyzer},
	Run:      suppress.Run(run),
}

func init() {
	// One setting, shared with clientchurn: the engine computes ownership
	// once for both.
	Analyzer.Flags.Var(ownership.ConstructorsFlag(), "constructors", ownership.ConstructorsUsage)
}

// goRedisCost is v9's: its pool has no goroutine of its own, so an
// unreachable client's connections are closed by the collector (measured
// in testdata/runtime/clientclose); v8's idle reaper keeps it for good
// (the catalogue's cost).
const goRedisCost = "its pooled connections stay open until the garbage collector reclaims the client"

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[ownership.Analyzer].(*ownership.Result)
	for _, v := range res.Values {
		if v.Kind != catalog.Client {
			continue
		}
		if _, hot := churn.Of(pass, v); hot {
			continue // clientchurn reports it, and says it all
		}
		if d, ok := diagnose(pass, v); ok {
			pass.Report(d)
		}
	}
	return nil, nil
}

func diagnose(pass *analysis.Pass, v *ownership.Value) (analysis.Diagnostic, bool) {
	what := fmt.Sprintf("the %s from %s", v.TypeName, checkutil.CreatorName(pass, v.Creator))
	cost := cmp.Or(catalog.Cost(v.Creator, v.Kind), goRedisCost)
	d := analysis.Diagnostic{Pos: v.Site.Pos(), End: v.Site.End(), URL: checkutil.URL(pass.Analyzer.Name)}
	as := checkutil.Assigned(pass.TypesInfo, checkutil.FileOf(pass, v.Site.Pos()), v.Site)
	switch {
	case v.Helper != nil:
		return d, false // reported at the helper
	case v.HelperCallers > 0:
		d.Message = fmt.Sprintf("%s is returned by the test helper %s without registering its release, and %s: %s; %s",
			what, v.Func.Name(), checkutil.Callers(v.HelperCallers), cost, checkutil.HelperAdvice(v.HelperTB, as.Name, "Close"))
		if fix, ok := checkutil.CleanupFix(pass, v.Site, v.HelperCreations, v.HelperTB, "Close"); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	case v.Owner != nil && !v.OwnerReleases:
		d.Message = fmt.Sprintf("%s is stored in %s.%s, but nothing in this package closes that field: %s; %s",
			what, v.Owner.Name(), v.OwnerField.Name(), cost, ownerAdvice(v.Owner, v.OwnerField))
	case v.Discarded && !v.Used && v.Leak.IsValid():
		d.Message = fmt.Sprintf("%s is discarded without being closed: %s; keep it and close it when done", what, cost)
	case v.Again:
		d.Message = checkutil.AgainMessage(what, cost, v.NeverReleased)
	case v.Overwritten.IsValid():
		d.Message = fmt.Sprintf("%s is overwritten by the value from line %d before it is closed: %s; close it before assigning another", what, checkutil.Line(pass, v.Overwritten), cost)
	case v.DeferInLoop:
		d.Message = fmt.Sprintf("%s is closed by a defer in the loop body, which runs only when the function returns: %s, once per iteration until then; close it at the end of the loop body", what, cost)
	case v.Leak.IsValid():
		d.Message = fmt.Sprintf("%s is not closed when this function returns at line %d: %s; %s",
			what, checkutil.Line(pass, v.Leak), cost, checkutil.ReleaseAdvice(as, v.HandedOff, "Close", checkutil.CleanupOf(pass, v.Creator, v.Cleanup)))
		if as.Stmt != nil && !as.InLoop && !v.HandedOff {
			if fix, ok := checkutil.DeferFix(pass, checkutil.FileOf(pass, v.Site.Pos()), as, "Close"); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
	default:
		return d, false
	}
	return d, true
}

// ownerAdvice says where the owner type should close its field: in the
// shutdown method it has, or in a new Close method.
func ownerAdvice(owner *types.TypeName, field *types.Var) string {
	for _, name := range []string{"Close", "Shutdown", "Stop"} {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(owner.Type()), true, owner.Pkg(), name)
		if m, ok := obj.(*types.Func); ok {
			return fmt.Sprintf("close its %s field in (%s).%s", field.Name(), types.TypeString(m.Signature().Recv().Type(), (*types.Package).Name), m.Name())
		}
	}
	return fmt.Sprintf("add a Close method to %s that closes its %s field", owner.Name(), field.Name())
}
