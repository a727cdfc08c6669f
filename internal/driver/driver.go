// Package driver loads packages and runs analyzers over them with the
// x/tools checker, for the standalone redisvet command and its tests.
package driver

import (
	"cmp"
	"errors"
	"fmt"
	"go/token"
	"slices"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Finding is one diagnostic of one analyzer.
type Finding struct {
	Analyzer *analysis.Analyzer
	Package  *packages.Package // the first package (by ID) that holds it
	Posn     token.Position
	End      token.Position
	analysis.Diagnostic
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: [%s] %s", f.Posn, f.Analyzer.Name, f.Message)
}

// Result is what a run found.
type Result struct {
	// Findings are sorted by position, then check and message. A finding
	// that a package and its test variant both hold is listed once.
	Findings []Finding
	Fset     *token.FileSet
	// RootTime is the time spent by every analyzer on the root packages
	// themselves, leaving out the work on their dependencies.
	RootTime time.Duration
}

// Analyze runs the analyzers on the packages. When some analyses fail,
// it returns the findings of the others along with an error that names
// each failure once: the actions that failed only because an analysis
// they require did are left out.
func Analyze(analyzers []*analysis.Analyzer, pkgs []*packages.Package) (*Result, error) {
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	var errs []error
	for act := range graph.All() {
		if act.Err != nil && !slices.ContainsFunc(act.Deps, func(d *checker.Action) bool { return d.Err != nil }) {
			errs = append(errs, fmt.Errorf("%s: %s: %v", act.Package.ID, act.Analyzer.Name, act.Err))
		}
		if slices.Contains(pkgs, act.Package) {
			res.RootTime += act.Duration
		}
		if !act.IsRoot {
			continue
		}
		res.Fset = act.Package.Fset
		for _, d := range act.Diagnostics {
			f := Finding{Analyzer: act.Analyzer, Package: act.Package, Posn: res.Fset.Position(d.Pos), Diagnostic: d}
			f.End = f.Posn
			if d.End.IsValid() {
				f.End = res.Fset.Position(d.End)
			}
			res.Findings = append(res.Findings, f)
		}
	}
	slices.SortFunc(res.Findings, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Posn.Filename, b.Posn.Filename),
			cmp.Compare(a.Posn.Offset, b.Posn.Offset),
			cmp.Compare(a.Analyzer.Name, b.Analyzer.Name),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.End.Offset, b.End.Offset),
			cmp.Compare(a.Package.ID, b.Package.ID))
	})
	// The same file analysed as part of p and of "p [p.test]" yields the
	// same finding twice; keep the first, from the package of lower ID.
	res.Findings = slices.CompactFunc(res.Findings, func(a, b Finding) bool {
		return a.Analyzer == b.Analyzer && a.Posn == b.Posn && a.End == b.End && a.Message == b.Message
	})
	return res, errors.Join(errs...)
}
