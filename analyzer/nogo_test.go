package analyzer_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/types"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/redisvet/redisvet/analyzer"
	"github.com/redisvet/redisvet/internal/checktest"
	"github.com/redisvet/redisvet/testdata"
)

// TestNogo runs the suite the way Bazel's nogo does: one package at a time,
// in dependency order, each analyzer seeing only its package's own files
// and the facts that the analysis of its non-standard dependencies
// exported (serialized and read back), and no facts at all for the
// standard library, which nogo does not analyse. The findings must be the
// ones of the standard driver.
func TestNogo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a module")
	}
	dir := testdata.Module(t)
	pkgs := checktest.Load(t, dir, nil, "./...")
	want, _ := checktest.Run(t, analyzer.All(), pkgs)

	u := &unitDriver{t: t, facts: map[factKey][]byte{}, done: map[*packages.Package]bool{}}
	for _, p := range pkgs {
		u.visit(p)
	}
	slices.Sort(u.findings)
	var wantStrs []string
	for _, f := range want {
		wantStrs = append(wantStrs, fmt.Sprintf("%s: [%s] %s", f.Posn, f.Analyzer.Name, f.Message))
	}
	slices.Sort(wantStrs)
	if !slices.Equal(u.findings, wantStrs) {
		t.Errorf("nogo-style findings differ from the standard driver's:\nnogo:\n%s\nstandard:\n%s",
			strings.Join(u.findings, "\n"), strings.Join(wantStrs, "\n"))
	}
	t.Logf("%d findings, the same under both drivers; %d facts crossed package boundaries", len(wantStrs), len(u.facts))
}

type factKey struct {
	obj types.Object // nil for a package fact
	pkg *types.Package
	typ reflect.Type
}

type unitDriver struct {
	t        *testing.T
	facts    map[factKey][]byte // gob-encoded, as nogo stores them
	done     map[*packages.Package]bool
	findings []string
}

func isStd(p *packages.Package) bool { return p.Module == nil }

func (u *unitDriver) visit(p *packages.Package) {
	if u.done[p] {
		return
	}
	u.done[p] = true
	for _, imp := range p.Imports {
		u.visit(imp)
	}
	if isStd(p) {
		return // nogo does not analyse the standard library
	}
	results := map[*analysis.Analyzer]any{}
	var run func(a *analysis.Analyzer)
	run = func(a *analysis.Analyzer) {
		if _, ok := results[a]; ok {
			return
		}
		for _, req := range a.Requires {
			run(req)
		}
		results[a] = u.runPass(p, a, results)
	}
	for _, a := range analyzer.All() {
		run(a)
	}
}

func (u *unitDriver) runPass(p *packages.Package, a *analysis.Analyzer, results map[*analysis.Analyzer]any) any {
	root := p.Module != nil && p.Module.Main
	resultOf := map[*analysis.Analyzer]any{}
	for _, req := range a.Requires {
		resultOf[req] = results[req]
	}
	pass := &analysis.Pass{
		Analyzer:   a,
		Fset:       p.Fset,
		Files:      p.Syntax,
		OtherFiles: p.OtherFiles,
		Pkg:        p.Types,
		TypesInfo:  p.TypesInfo,
		TypesSizes: p.TypesSizes,
		ResultOf:   resultOf,
		ReadFile:   os.ReadFile,
		Report: func(d analysis.Diagnostic) {
			if root {
				u.findings = append(u.findings, fmt.Sprintf("%s: [%s] %s", p.Fset.Position(d.Pos), a.Name, d.Message))
			}
		},
		ImportObjectFact: func(obj types.Object, f analysis.Fact) bool {
			return u.load(factKey{obj: obj, typ: reflect.TypeOf(f)}, f)
		},
		ImportPackageFact: func(pkg *types.Package, f analysis.Fact) bool {
			return u.load(factKey{pkg: pkg, typ: reflect.TypeOf(f)}, f)
		},
		ExportObjectFact:  func(obj types.Object, f analysis.Fact) { u.store(factKey{obj: obj, typ: reflect.TypeOf(f)}, f) },
		ExportPackageFact: func(f analysis.Fact) { u.store(factKey{pkg: p.Types, typ: reflect.TypeOf(f)}, f) },
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
	}
	res, err := a.Run(pass)
	if err != nil {
		u.t.Fatalf("%s on %s: %v", a.Name, p.PkgPath, err)
	}
	return res
}

func (u *unitDriver) store(k factKey, f analysis.Fact) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(f); err != nil {
		u.t.Fatalf("encoding %T: %v", f, err)
	}
	u.facts[k] = buf.Bytes()
}

func (u *unitDriver) load(k factKey, f analysis.Fact) bool {
	data, ok := u.facts[k]
	if !ok {
		return false
	}
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(f); err != nil {
		u.t.Fatalf("decoding %T: %v", f, err)
	}
	return true
}
