package ownership

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// buildSSA builds the SSA form of the package, as buildssa does, but only
// for the packages that deal in Redis: requiring buildssa would build SSA
// for every package, the standard library included, since this analyzer
// exports facts and so runs on all dependencies.
//
// The engine's no-return knowledge prunes the SSA graph: only functions of
// other packages are asked about, since this package's are being built.
func buildSSA(pass *analysis.Pass, e *engine) (*ssa.Package, []*ssa.Function) {
	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	prog.SetNoReturn(func(fn *types.Func) bool {
		return fn.Pkg() != pass.Pkg && e.noReturn(fn)
	})
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	var funcs []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if f := prog.FuncValue(obj); f != nil {
				addAnons(f)
			}
		}
	}
	// Package-level variable initialisers (var ps = rdb.Subscribe(...))
	// live in init; their values are stored in globals, a hand-off.
	return pkg, funcs
}
