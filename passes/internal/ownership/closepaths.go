package ownership

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/redisvet/redisvet/passes/internal/catalog"
)

// A clientKey names the client a Close closes the way the function reads
// it: an SSA value, the content of an address (a package variable, a
// local variable that literals capture), or a field of a base value. Two
// reads with the same key read the same client until a store kills it.
type clientKey struct {
	value ssa.Value
	addr  ssa.Value // *ssa.Global, *ssa.Alloc or *ssa.FreeVar
	base  ssa.Value
	field int
}

func keyOf(v ssa.Value) clientKey {
	v = strip(v)
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		switch a := ld.X.(type) {
		case *ssa.Global, *ssa.Alloc, *ssa.FreeVar:
			return clientKey{addr: a}
		case *ssa.FieldAddr:
			return clientKey{base: a.X, field: a.Field}
		}
	}
	if f, ok := v.(*ssa.Field); ok {
		return clientKey{base: f.X, field: f.Field}
	}
	return clientKey{value: v}
}

func (k clientKey) origin(e *engine, fn *ssa.Function) (Origin, string, *ssa.Function) {
	seen := map[ssa.Value]bool{}
	switch {
	case k.value != nil:
		return e.origin(fn, k.value, seen)
	case k.addr != nil:
		return e.cellOrigin(fn, k.addr, seen)
	}
	return OriginField, "", nil
}

// reads reports whether v reads the client k names.
func (k clientKey) reads(v ssa.Value) bool {
	return v != nil && keyOf(v) == k
}

// kills reports whether instr may put another client where k reads from.
func (k clientKey) kills(instr ssa.Instruction, pkg *ssa.Package) bool {
	switch instr := instr.(type) {
	case *ssa.Store:
		if k.addr != nil {
			return instr.Addr == k.addr
		}
		if k.base != nil {
			fa, ok := instr.Addr.(*ssa.FieldAddr)
			return ok && fa.X == k.base && fa.Field == k.field
		}
	case ssa.CallInstruction:
		common := instr.Common()
		if obj := calleeObject(common); obj != nil && catalog.Of(obj) != nil {
			return false // the library's own methods reassign nothing of ours
		}
		switch {
		case k.base != nil:
			// s.reconnect() may assign s.rdb.
			for _, a := range common.Args {
				if a == k.base {
					return true
				}
			}
			return common.IsInvoke() && common.Value == k.base
		case k.addr != nil:
			if _, global := k.addr.(*ssa.Global); global {
				fn := common.StaticCallee()
				return fn == nil || fn.Pkg == pkg
			}
			// A literal that captures the variable may assign it.
			_, static := common.Value.(*ssa.Function)
			return !static
		}
	}
	return false
}

// defBlock returns the block that defines the value or variable k reads:
// entering it again starts another instance.
func (k clientKey) defBlock() *ssa.BasicBlock {
	v := k.value
	if v == nil {
		v = k.base
	}
	if v == nil {
		v = k.addr
	}
	if instr, ok := v.(ssa.Instruction); ok {
		return instr.Block()
	}
	return nil
}

// used returns the client read by instr when instr uses it: a method of
// the library other than a release, or a function that uses what it is
// given.
func (e *engine) used(instr ssa.Instruction, k clientKey) bool {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return false
	}
	common := ci.Common()
	if common.IsInvoke() {
		m := common.Method
		return catalog.Of(m) != nil && !catalog.IsRelease(catalog.Client, m.Name()) && k.reads(common.Value)
	}
	fn := common.StaticCallee()
	if fn == nil {
		return false
	}
	if fn.Signature.Recv() != nil && catalog.Of(fn.Object()) != nil {
		return len(common.Args) > 0 && !catalog.IsRelease(catalog.Client, fn.Name()) && k.reads(promotedFrom(common.Args[0]))
	}
	s := e.summaryOf(fn)
	for i, a := range common.Args {
		if k.reads(a) && s.param(i).Effect == Uses {
			return true
		}
	}
	return false
}

// promotedFrom returns the client whose embedded field v is: rdb.Get
// calls the method of the cmdable that *redis.Client embeds.
func promotedFrom(v ssa.Value) ssa.Value {
	for {
		ld, ok := v.(*ssa.UnOp)
		if !ok || ld.Op != token.MUL {
			return v
		}
		fa, ok := ld.X.(*ssa.FieldAddr)
		if !ok || !embedded(fa.X.Type(), fa.Field) || catalog.KindOf(fa.X.Type()) != catalog.Client {
			return v
		}
		v = fa.X
	}
}

// usedIn reports whether fn uses the client anywhere.
func (k clientKey) usedIn(fn *ssa.Function, e *engine) bool {
	for instr := range instructions(fn) {
		if e.used(instr, k) {
			return true
		}
	}
	return false
}

// replaced reports whether fn stores another client where k reads from.
func (k clientKey) replaced(fn *ssa.Function) bool {
	if k.value != nil {
		return false
	}
	for instr := range instructions(fn) {
		if st, ok := instr.(*ssa.Store); ok && !isNil(st.Val) && k.kills(st, nil) && catalog.KindOf(st.Val.Type()) == catalog.Client {
			return true
		}
	}
	return false
}

// usedAfter returns a use of the client reached from the Close at on some
// path that neither stores another client there nor starts another
// instance of it, or nil. Each block is scanned at most twice.
func (e *engine) usedAfter(at ssa.Instruction, k clientKey) ssa.Instruction {
	var found ssa.Instruction
	walkFrom(at, k.defBlock(), func(instr ssa.Instruction) bool {
		if e.used(instr, k) {
			found = instr
			return true
		}
		return k.kills(instr, e.pkg)
	})
	return found
}

// walkFrom visits the instructions reachable from at, in order along each
// path, until visit returns true on that path. Entering stop ends a path.
func walkFrom(at ssa.Instruction, stop *ssa.BasicBlock, visit func(ssa.Instruction) bool) {
	start := at.Block()
	seen := map[*ssa.BasicBlock]bool{}
	var work []*ssa.BasicBlock
	scan := func(instrs []ssa.Instruction, b *ssa.BasicBlock) {
		for _, instr := range instrs {
			if visit(instr) {
				return
			}
		}
		work = append(work, b.Succs...)
	}
	for i, instr := range start.Instrs {
		if instr == at {
			scan(start.Instrs[i+1:], start)
			break
		}
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] || b == stop {
			continue
		}
		seen[b] = true
		scan(b.Instrs, b)
	}
}

// handedBack returns a return or store of the closed client on a path
// through the Close at: a deferred Close closes it when the function
// returns, whatever path the function took after the defer. Returns with
// a non-nil error do not count: the caller does not use the client then.
func handedBack(fn *ssa.Function, at ssa.Instruction, k clientKey, deferred bool) (ssa.Instruction, bool) {
	var found ssa.Instruction
	stored := false
	visit := func(instr ssa.Instruction) bool {
		if found != nil {
			return true
		}
		switch instr := instr.(type) {
		case *ssa.Return:
			if returnsClient(fn, instr, k) {
				found = instr
			}
		case *ssa.Store:
			// With defers, results go through variables: *t0 = rdb;
			// *t1 = nil:error; rundefers; return *t0, *t1.
			if k.reads(instr.Val) && setsResult(fn, instr) {
				found = instr
			} else if storesClient(instr, k) {
				found, stored = instr, true
			}
		default:
			if storesClient(instr, k) {
				found, stored = instr, true
			}
		}
		return found != nil
	}
	walkFrom(at, k.defBlock(), visit)
	if found != nil || !deferred {
		return found, stored
	}
	// A store before the defer, on a path that reaches it.
	for instr := range instructions(fn) {
		if storesClient(instr, k) && reaches(instr, at) {
			return instr, true
		}
	}
	return nil, false
}

// setsResult reports whether st stores into a result variable on a path
// that returns a nil error (or the function returns no error).
func setsResult(fn *ssa.Function, st *ssa.Store) bool {
	if resultIndex(st.Addr) < 0 {
		return false
	}
	if !returnsError(fn) {
		return true
	}
	last := fn.Signature.Results().Len() - 1
	for _, instr := range st.Block().Instrs {
		if other, ok := instr.(*ssa.Store); ok && resultIndex(other.Addr) == last {
			return isNil(other.Val)
		}
	}
	return false
}

// resultIndex returns the index of the result that the variable addr
// holds at the returns that load it, or -1.
func resultIndex(addr ssa.Value) int {
	alloc, ok := addr.(*ssa.Alloc)
	if !ok {
		return -1
	}
	for _, r := range *alloc.Referrers() {
		ld, ok := r.(*ssa.UnOp)
		if !ok || ld.Op != token.MUL {
			continue
		}
		for _, u := range *ld.Referrers() {
			if ret, ok := u.(*ssa.Return); ok {
				for i, v := range ret.Results {
					if v == ssa.Value(ld) {
						return i
					}
				}
			}
		}
	}
	return -1
}

func returnsClient(fn *ssa.Function, ret *ssa.Return, k clientKey) bool {
	if returnsError(fn) && !isNil(ret.Results[len(ret.Results)-1]) {
		return false
	}
	for _, r := range ret.Results {
		if k.reads(r) || returnedStruct(r, k) {
			return true
		}
	}
	return false
}

// returnedStruct reports whether r is a struct (or pointer to one) built
// in the function with the client in one of its fields.
func returnedStruct(r ssa.Value, k clientKey) bool {
	r = strip(r)
	if ld, ok := r.(*ssa.UnOp); ok && ld.Op == token.MUL {
		r = ld.X
	}
	alloc, ok := r.(*ssa.Alloc)
	if !ok {
		return false
	}
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, u := range *fa.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Addr == fa && k.reads(st.Val) {
				return true
			}
		}
	}
	return false
}

// storesClient reports whether instr stores the client where it outlives
// the function: a field or element of a parameter, a captured variable or
// a package variable, a map update or a send.
func storesClient(instr ssa.Instruction, k clientKey) bool {
	switch instr := instr.(type) {
	case *ssa.Store:
		return k.reads(instr.Val) && outlives(instr.Addr)
	case *ssa.MapUpdate:
		return k.reads(instr.Value) && outlives(instr.Map)
	case *ssa.Send:
		return k.reads(instr.X)
	}
	return false
}

func outlives(addr ssa.Value) bool {
	for range 8 {
		switch a := addr.(type) {
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.IndexAddr:
			addr = a.X
		case *ssa.UnOp:
			addr = a.X
		case *ssa.Global, *ssa.Parameter, *ssa.FreeVar:
			return true
		default:
			return false
		}
	}
	return false
}

// reaches reports whether some path leads from a to b.
func reaches(a, b ssa.Instruction) bool {
	found := false
	walkFrom(a, nil, func(instr ssa.Instruction) bool {
		found = found || instr == b
		return found
	})
	return found
}
