// Package handlecheck is the rule that pubsubclose and connclose share: a
// handle that holds a connection must be released or handed off on every
// path from its creation to a normal exit.
package handlecheck

import (
	"cmp"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/ownership"
)

// Rule describes one handle check.
type Rule struct {
	Kind catalog.Kind
	// Cost says what a leaked handle costs, for messages.
	Cost string
	// ReportUnused: report a discarded handle even if nothing is done
	// with it (a PubSub subscribes at once; an unused Conn holds nothing).
	ReportUnused bool
}

// Run reports the handles of the rule's kind that the engine found leaking.
func (r Rule) Run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[ownership.Analyzer].(*ownership.Result)
	for _, v := range res.Values {
		if v.Kind != r.Kind {
			continue
		}
		if d, ok := r.diagnose(pass, v); ok {
			pass.Report(d)
		}
	}
	return nil, nil
}

func (r Rule) diagnose(pass *analysis.Pass, v *ownership.Value) (analysis.Diagnostic, bool) {
	what := fmt.Sprintf("the %s from %s", v.TypeName, checkutil.CreatorName(pass, v.Creator))
	release := catalog.ReleaseName(r.Kind)
	cost := cmp.Or(catalog.Cost(v.Creator, v.Kind), r.Cost)
	d := analysis.Diagnostic{Pos: v.Site.Pos(), End: v.Site.End(), URL: checkutil.URL(pass.Analyzer.Name)}
	switch {
	case v.Helper != nil:
		return d, false // reported at the helper
	case v.HelperCallers > 0:
		as := checkutil.Assigned(pass.TypesInfo, checkutil.FileOf(pass, v.Site.Pos()), v.Site)
		d.Message = fmt.Sprintf("%s is returned by the test helper %s without registering its release, and %s: %s; %s",
			what, v.Func.Name(), checkutil.Callers(v.HelperCallers), cost, checkutil.HelperAdvice(v.HelperTB, as.Name, release))
		if fix, ok := checkutil.CleanupFix(pass, v.Site, v.HelperCreations, v.HelperTB, release); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	case v.Discarded && !v.Used:
		if !r.ReportUnused && !catalog.HoldsUnused(v.Creator, v.Kind) || !v.Leak.IsValid() {
			return d, false
		}
		d.Message = fmt.Sprintf("%s is discarded without being closed: %s; assign it and add defer %s()", what, cost, release)
	case v.Again:
		d.Message = checkutil.AgainMessage(what, cost, v.NeverReleased)
	case v.Overwritten.IsValid():
		d.Message = fmt.Sprintf("%s is overwritten by the value from line %d before it is closed: %s; close it before assigning another", what, checkutil.Line(pass, v.Overwritten), cost)
	case v.DeferInLoop:
		held := cost + ", once per iteration until then"
		if h := catalog.HoldCost(v.Creator, v.Kind); h != "" {
			held = h // what holding them until the return costs, not a leak
		}
		d.Message = fmt.Sprintf("%s is closed by a defer in the loop body, which runs only when the function returns: %s; close it at the end of the loop body", what, held)
	case v.Leak.IsValid():
		file := checkutil.FileOf(pass, v.Site.Pos())
		as := checkutil.Assigned(pass.TypesInfo, file, v.Site)
		d.Message = fmt.Sprintf("%s is not closed when this function returns at line %d: %s; %s",
			what, checkutil.Line(pass, v.Leak), cost, checkutil.ReleaseAdvice(as, v.HandedOff, release, checkutil.CleanupOf(pass, v.Creator, v.Cleanup)))
		if as.Stmt != nil && !as.InLoop && !v.HandedOff {
			if fix, ok := checkutil.DeferFix(pass, file, as, release); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
	default:
		return d, false
	}
	return d, true
}
