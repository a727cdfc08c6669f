package ownership

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

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
//
// Unlike buildssa it does not create every direct import in full (see
// createReferencedImports). With BareInits the package initializer does not
// call the imports' initializers, which would need them created, and
// methods of imported types are created on demand.
func buildSSA(pass *analysis.Pass, e *engine) (*ssa.Package, []*ssa.Function) {
	prog := ssa.NewProgram(pass.Fset, ssa.BareInits)
	prog.SetNoReturn(func(fn *types.Func) bool {
		return fn.Pkg() != pass.Pkg && e.noReturn(fn)
	})
	createReferencedImports(prog, pass)
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

// createReferencedImports creates, for each import whose package-level
// functions or variables the package's code names, an SSA package holding
// just those members: the SSA builder looks them up as members of created
// packages, and creating a whole import makes a Function for each of its
// functions and methods (thousands for go-redis), which for a package
// importing go-redis and net/http was most of the cost of the analysis.
//
// The members are declared to CreatePackage as a const declaration of
// identifiers that stand for the imported objects: for such a declaration
// it creates a member from the object alone, as it does for a package
// without syntax (functions have no body, variables are globals).
func createReferencedImports(prog *ssa.Program, pass *analysis.Pass) {
	named := make(map[*types.Package][]types.Object)
	for _, obj := range pass.TypesInfo.Uses {
		pkg := obj.Pkg()
		if pkg == nil || pkg == pass.Pkg || pkg.Scope().Lookup(obj.Name()) != obj {
			continue
		}
		switch obj.(type) {
		case *types.Func, *types.Var:
			named[pkg] = append(named[pkg], obj)
		}
	}
	for _, imp := range pass.Pkg.Imports() {
		objs := named[imp]
		if len(objs) == 0 {
			continue
		}
		// Sorted, so that members are created in the same order each run.
		slices.SortFunc(objs, func(a, b types.Object) int { return strings.Compare(a.Name(), b.Name()) })
		objs = slices.Compact(objs)
		info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
		spec := &ast.ValueSpec{}
		for _, obj := range objs {
			id := ast.NewIdent(obj.Name())
			info.Defs[id] = obj
			spec.Names = append(spec.Names, id)
		}
		file := &ast.File{
			Name:  ast.NewIdent(imp.Name()),
			Decls: []ast.Decl{&ast.GenDecl{Tok: token.CONST, Specs: []ast.Spec{spec}}},
		}
		prog.CreatePackage(imp, []*ast.File{file}, info, true)
	}
}
