// Package driver loads packages and runs analyzers over them with the
// x/tools checker, for redisvet's own outputs (SARIF) and its tests.
package driver

import (
	"cmp"
	"fmt"
	"go/token"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Load loads the packages matching patterns from source, with their
// dependencies, as analyzers with facts require.
func Load(dir string, env []string, overlay map[string][]byte, patterns ...string) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode:    packages.LoadAllSyntax | packages.NeedModule,
		Dir:     dir,
		Env:     env,
		Overlay: overlay,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("no packages match %v", patterns)
	}
	return pkgs, nil
}

// Finding is one diagnostic of one analyzer.
type Finding struct {
	Analyzer *analysis.Analyzer
	Posn     token.Position
	End      token.Position
	analysis.Diagnostic
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: [%s] %s", f.Posn, f.Analyzer.Name, f.Message)
}

// Result is what a run found.
type Result struct {
	Findings []Finding // sorted by position, then message
	Fset     *token.FileSet
	// RootTime is the time spent by every analyzer on the root packages
	// themselves, leaving out the work on their dependencies.
	RootTime time.Duration
}

// Analyze runs the analyzers on the packages.
func Analyze(analyzers []*analysis.Analyzer, pkgs []*packages.Package) (*Result, error) {
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	var errs []string
	for act := range graph.All() {
		if act.Err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", act, act.Err))
		}
		if slices.Contains(pkgs, act.Package) {
			res.RootTime += act.Duration
		}
		if !act.IsRoot {
			continue
		}
		res.Fset = act.Package.Fset
		for _, d := range act.Diagnostics {
			f := Finding{Analyzer: act.Analyzer, Posn: res.Fset.Position(d.Pos), Diagnostic: d}
			f.End = f.Posn
			if d.End.IsValid() {
				f.End = res.Fset.Position(d.End)
			}
			res.Findings = append(res.Findings, f)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	slices.SortFunc(res.Findings, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Posn.Filename, b.Posn.Filename),
			cmp.Compare(a.Posn.Offset, b.Posn.Offset),
			cmp.Compare(a.Analyzer.Name, b.Analyzer.Name),
			cmp.Compare(a.Message, b.Message))
	})
	return res, nil
}
