package ownership

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/redisvet/redisvet/passes/internal/catalog"
)

// An owner is a struct type of this package that holds a client in a
// field: the type owns the client and must be able to release it.
type owner struct {
	typ   *types.TypeName
	field *types.Var
}

// ownerOf returns the owner type that fn builds around a client it stores
// in a field: fn stores the client in an unexported field of a struct type
// T declared in this package and returns T or *T. Exported fields may be
// closed by other packages, so they are left alone.
func (e *engine) ownerOf(fn *ssa.Function, fl *flow) (owner, bool) {
	for _, fa := range e.storedFields(fl) {
		ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
		if !ok {
			continue
		}
		named, ok := types.Unalias(ptr.Elem()).(*types.Named)
		if !ok || named.Obj().Pkg() != e.pass.Pkg {
			continue
		}
		st, ok := named.Underlying().(*types.Struct)
		if !ok || fa.Field >= st.NumFields() || st.Field(fa.Field).Exported() {
			continue
		}
		if returnsType(fn, named) {
			return owner{typ: named.Obj(), field: st.Field(fa.Field).Origin()}, true
		}
	}
	return owner{}, false
}

// storedFields returns the struct fields the value is stored in: by the
// function itself, or by a helper of this package it is passed to (s, err
// := newStore(rdb)), which builds the owner and returns it.
func (e *engine) storedFields(fl *flow) []*ssa.FieldAddr {
	fields := fl.fields
	calls := slices.Clone(fl.keptOnSuccess)
	for _, s := range fl.sinks {
		if call, ok := s.instr.(*ssa.Call); ok && s.kind == handoff {
			calls = append(calls, call)
		}
	}
	for _, call := range calls {
		callee := call.Call.StaticCallee()
		if callee == nil || callee.Pkg != e.pkg || len(callee.Blocks) == 0 {
			continue
		}
		for i, p := range callee.Params {
			if i < len(call.Call.Args) && catalog.KindOf(p.Type()) == fl.kind && fl.kind != catalog.None {
				for _, fa := range e.follow(fl.kind, p, false).fields {
					if ptr, ok := fa.X.Type().Underlying().(*types.Pointer); ok {
						if named, ok := types.Unalias(ptr.Elem()).(*types.Named); ok && returnsType(callee, named) {
							fields = append(fields, fa)
						}
					}
				}
			}
		}
	}
	return fields
}

// returnsType reports whether fn returns named, a pointer to it, or an
// interface with methods that the pointer implements (a constructor that
// hides its type behind the interface it serves).
func returnsType(fn *ssa.Function, named *types.Named) bool {
	results := fn.Signature.Results()
	for i := range results.Len() {
		t := results.At(i).Type()
		if iface, ok := t.Underlying().(*types.Interface); ok && iface.NumMethods() > 0 && !isError(t) {
			if types.Implements(types.NewPointer(named), iface) {
				return true
			}
			continue
		}
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if types.Identical(t, named) {
			return true
		}
	}
	return false
}

// releasesField reports whether some function of the package (a method of
// the owner type, or a helper) releases the value held in the field, or
// hands it off (returns it, passes it on): then the type can release it.
func (e *engine) releasesField(funcs []*ssa.Function, o owner) bool {
	if done, ok := e.fieldReleased[o]; ok {
		return done
	}
	released := false
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var loaded []ssa.Value
				switch instr := instr.(type) {
				case *ssa.FieldAddr:
					if e.isField(instr.X.Type(), instr.Field, o) {
						for _, r := range *instr.Referrers() {
							if load, ok := r.(*ssa.UnOp); ok {
								loaded = append(loaded, load)
							}
						}
					}
				case *ssa.Field:
					if e.isField(instr.X.Type(), instr.Field, o) {
						loaded = append(loaded, instr)
					}
				}
				for _, v := range loaded {
					fl := e.follow(catalog.Client, v, false)
					if fl.has(release) || fl.has(handoff) {
						released = true
					}
				}
			}
		}
	}
	e.fieldReleased[o] = released
	return released
}

func (e *engine) isField(t types.Type, i int, o owner) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj() != o.typ {
		return false
	}
	st, ok := named.Underlying().(*types.Struct)
	// Compare origins: the fields of a generic type's instances differ.
	return ok && i < st.NumFields() && st.Field(i).Origin() == o.field
}
