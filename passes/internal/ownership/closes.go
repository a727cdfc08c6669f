package ownership

import (
	"go/ast"
	"go/token"
	"go/types"
	"iter"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/redisvet/redisvet/passes/internal/catalog"
)

// Origin says where the client that a Close call closes comes from, seen
// from the function that calls Close.
type Origin uint8

const (
	// OriginLocal: created or obtained in the function itself.
	OriginLocal Origin = iota
	// OriginParam: a parameter, the receiver included.
	OriginParam
	// OriginGlobal: a package-level variable.
	OriginGlobal
	// OriginField: a struct field.
	OriginField
	// OriginCaptured: a variable of an enclosing function that a function
	// literal captures.
	OriginCaptured
	// OriginBorrowed: a client that shares another one's pool (a
	// WithTimeout clone, a node client of a cluster or ring).
	OriginBorrowed
)

// A Close is a call that closes a client, with what the engine knows of
// the client and of the paths through the call.
type Close struct {
	Call     *ast.CallExpr
	Kind     catalog.Kind // a client or a connection
	Deferred bool         // by a defer, directly or in a literal that always closes
	Origin   Origin
	// Lender is the method that lent a borrowed client (WithTimeout,
	// ForEachShard, ...).
	Lender string
	// DefinedIn is the function whose variable a captured client is:
	// the check tells a client of the same request from a shared one.
	DefinedIn token.Pos
	// Func is the top-level function declaration the call is in.
	Func *types.Func
	// Shutdown: the function's job is to close (its name says shutdown,
	// or it releases the parameter it is given).
	Shutdown bool
	// Replaced: the function stores another client into the variable or
	// field it closes (a reconnect).
	Replaced bool
	// UsedHere: the function sends a command on the same client.
	UsedHere bool
	// UsedAfter is a use of the client reached from the Close on some
	// path, or token.NoPos; NextIteration: that path goes around a loop.
	UsedAfter     token.Pos
	NextIteration bool
	// HandedBack is a return or store of the same client on a path
	// through the Close (the caller gets a closed client); Stored says
	// which.
	HandedBack token.Pos
	Stored     bool
}

// closes lists the Close calls on clients in fn.
func (e *engine) closes(fn *ssa.Function, calls map[token.Pos]*ast.CallExpr) []*Close {
	var out []*Close
	for instr := range instructions(fn) {
		ci, ok := instr.(ssa.CallInstruction)
		if !ok {
			continue
		}
		recv := closedClient(ci.Common())
		if recv == nil {
			recv = e.releasedClient(ci.Common())
		}
		if recv == nil {
			continue
		}
		call := calls[ci.Common().Pos()]
		if call == nil {
			continue
		}
		_, deferred := ci.(*ssa.Defer)
		at, where, k := ssa.Instruction(ci), fn, keyOf(recv)
		if d := deferringParent(fn, instr.Block()); d != nil && !deferred {
			// defer func() { _ = c.Close() }(): a deferred close of
			// what the literal captures, seen from the parent.
			if bound, ok := bindingOf(d, fn, recv); ok {
				at, where, k, deferred = d, fn.Parent(), bound, true
			}
		}
		out = append(out, e.closeAt(where, at, k, catalog.KindOf(strip(recv).Type()), call, deferred))
	}
	return out
}

func (e *engine) closeAt(fn *ssa.Function, at ssa.Instruction, k clientKey, kind catalog.Kind, call *ast.CallExpr, deferred bool) *Close {
	c := &Close{Call: call, Deferred: deferred, Kind: kind}
	if top := topLevel(fn); top != nil {
		c.Func, _ = top.Object().(*types.Func)
	}
	var definer *ssa.Function
	c.Origin, c.Lender, definer = k.origin(e, fn)
	if definer != nil {
		c.DefinedIn = definer.Pos()
	}
	c.Shutdown = isShutdown(fn) || c.Func != nil && isShutdownName(c.Func.Name())
	if p, ok := k.value.(*ssa.Parameter); ok {
		for i, q := range fn.Params {
			if q == p && e.summaryOf(fn).param(i).Effect == Releases {
				c.Shutdown = true // a helper that closes what it is given
			}
		}
	}
	c.Replaced = k.replaced(fn)
	c.UsedHere = k.usedIn(fn, e)
	if !deferred {
		if use := e.usedAfter(at, k); use != nil {
			c.UsedAfter = use.Pos()
			c.NextIteration = use.Pos() < call.Pos()
		}
	}
	if ret, stored := handedBack(fn, at, k, deferred); ret != nil {
		c.HandedBack, c.Stored = ret.Pos(), stored
	}
	return c
}

// closedClient returns the client or connection a call closes, or nil.
func closedClient(common *ssa.CallCommon) ssa.Value {
	if common.IsInvoke() {
		if catalog.Of(common.Method) != nil && closable(common.Value, common.Method.Name()) {
			return common.Value
		}
		return nil
	}
	fn := common.StaticCallee()
	if fn == nil || fn.Signature.Recv() == nil || len(common.Args) == 0 || catalog.Of(fn.Object()) == nil {
		return nil
	}
	if closable(common.Args[0], fn.Name()) {
		return common.Args[0]
	}
	return nil
}

// closable reports whether calling the method name on v releases a client
// or a connection.
func closable(v ssa.Value, name string) bool {
	kind := catalog.KindOf(v.Type())
	return (kind == catalog.Client || kind == catalog.Conn) && catalog.IsRelease(kind, name)
}

// releasedClient returns the client a call passes to a function that
// releases it (closeQuietly(rdb)), or nil.
func (e *engine) releasedClient(common *ssa.CallCommon) ssa.Value {
	fn := common.StaticCallee()
	if fn == nil || catalog.Of(fn.Object()) != nil {
		return nil
	}
	for i, a := range common.Args {
		if catalog.KindOf(strip(a).Type()) == catalog.Client && e.summaryOf(fn).param(i).Effect == Releases {
			return a
		}
	}
	return nil
}

// deferringParent returns the Defer in fn's parent that runs fn, when fn
// is a literal whose block b always runs (its entry block).
func deferringParent(fn *ssa.Function, b *ssa.BasicBlock) *ssa.Defer {
	parent := fn.Parent()
	if parent == nil || b.Index != 0 {
		return nil
	}
	for _, pb := range parent.Blocks {
		for _, instr := range pb.Instrs {
			d, ok := instr.(*ssa.Defer)
			if !ok {
				continue
			}
			switch v := d.Call.Value.(type) {
			case *ssa.Function:
				if v == fn {
					return d
				}
			case *ssa.MakeClosure:
				if v.Fn == fn {
					return d
				}
			}
		}
	}
	return nil
}

// bindingOf returns the key, in the parent, of the client that recv
// reads from a free variable of the deferred literal.
func bindingOf(d *ssa.Defer, lit *ssa.Function, recv ssa.Value) (clientKey, bool) {
	mc, ok := d.Call.Value.(*ssa.MakeClosure)
	if !ok {
		return clientKey{}, false
	}
	v, cell := strip(recv), false
	if ld, ok := v.(*ssa.UnOp); ok && ld.Op == token.MUL {
		v, cell = ld.X, true
	}
	for i, fv := range lit.FreeVars {
		if fv == v && i < len(mc.Bindings) {
			if cell {
				return clientKey{addr: mc.Bindings[i]}, true
			}
			return keyOf(mc.Bindings[i]), true
		}
	}
	return clientKey{}, false
}

// strip removes the conversions around a value.
func strip(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeInterface:
			v = x.X
		case *ssa.TypeAssert:
			v = x.X
		default:
			return v
		}
	}
}

// origin says where v comes from in fn; definer is the function whose
// local value a captured client is.
func (e *engine) origin(fn *ssa.Function, v ssa.Value, seen map[ssa.Value]bool) (o Origin, lender string, definer *ssa.Function) {
	v = strip(v)
	if seen[v] {
		return OriginLocal, "", nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Parameter:
		if m := nodeCallback(v); m != "" {
			return OriginBorrowed, m, nil
		}
		return OriginParam, "", nil
	case *ssa.FreeVar:
		return e.captured(v, false, seen)
	case *ssa.Field:
		return OriginField, "", nil
	case *ssa.UnOp:
		if v.Op != token.MUL {
			return OriginLocal, "", nil
		}
		return e.cellOrigin(fn, v.X, seen)
	case *ssa.Extract:
		if next, ok := v.Tuple.(*ssa.Next); ok {
			// for _, n := range client.Nodes(): an element of the map.
			if rng, ok := next.Iter.(*ssa.Range); ok {
				if o, l, _ := e.origin(fn, rng.X, seen); o == OriginBorrowed {
					return o, l, nil
				}
			}
			return OriginLocal, "", fn
		}
		return e.origin(fn, v.Tuple, seen)
	case *ssa.Lookup:
		if o, l, _ := e.origin(fn, v.X, seen); o == OriginBorrowed {
			return o, l, nil
		}
	case *ssa.Call:
		if obj := calleeObject(v.Common()); obj != nil && catalog.IsBorrower(obj) {
			return OriginBorrowed, obj.Name(), nil
		}
	case *ssa.Index:
		if o, l, _ := e.origin(fn, v.X, seen); o == OriginBorrowed {
			return o, l, nil
		}
	case *ssa.Phi:
		var first Origin
		for i, edge := range v.Edges {
			if isNil(edge) {
				continue
			}
			o, l, d := e.origin(fn, edge, seen)
			if i > 0 && o != first {
				return OriginLocal, "", nil
			}
			first, lender, definer = o, l, d
		}
		return first, lender, definer
	}
	return OriginLocal, "", fn
}

// cellOrigin says where the content of the address addr comes from.
func (e *engine) cellOrigin(fn *ssa.Function, addr ssa.Value, seen map[ssa.Value]bool) (Origin, string, *ssa.Function) {
	switch a := addr.(type) {
	case *ssa.Global:
		return OriginGlobal, "", nil
	case *ssa.FieldAddr:
		return OriginField, "", nil
	case *ssa.IndexAddr:
		if o, l, _ := e.origin(fn, a.X, seen); o == OriginBorrowed {
			return o, l, nil // for _, c := range ring.GetShardClients()
		}
	case *ssa.FreeVar:
		return e.captured(a, true, seen)
	case *ssa.Alloc:
		// A local variable: where what is stored into it comes from.
		var o Origin
		var lender string
		var definer *ssa.Function = fn
		n := 0
		for _, r := range *a.Referrers() {
			st, ok := r.(*ssa.Store)
			if !ok || st.Addr != a || isNil(st.Val) {
				continue
			}
			so, sl, sd := e.origin(fn, st.Val, seen)
			if n > 0 && so != o {
				return OriginLocal, "", fn
			}
			o, lender, definer, n = so, sl, sd, n+1
		}
		return o, lender, definer
	}
	return OriginLocal, "", fn
}

// captured says where the value bound to a literal's free variable comes
// from: the enclosing function's parameters and locals are captured, its
// globals, fields and borrowed clients stay what they are.
func (e *engine) captured(fv *ssa.FreeVar, isCell bool, seen map[ssa.Value]bool) (Origin, string, *ssa.Function) {
	parent := fv.Parent().Parent()
	bound := freeVarBinding(fv)
	if parent == nil || bound == nil {
		return OriginCaptured, "", nil
	}
	var o Origin
	var lender string
	var definer *ssa.Function
	if isCell {
		o, lender, definer = e.cellOrigin(parent, bound, seen)
	} else {
		o, lender, definer = e.origin(parent, bound, seen)
	}
	switch o {
	case OriginGlobal, OriginField, OriginBorrowed:
		return o, lender, nil
	case OriginParam:
		return OriginCaptured, "", parent
	}
	if definer == nil {
		definer = parent
	}
	return OriginCaptured, "", definer
}

// freeVarBinding returns the value the enclosing function binds to fv.
func freeVarBinding(fv *ssa.FreeVar) ssa.Value {
	lit := fv.Parent()
	idx := -1
	for i, f := range lit.FreeVars {
		if f == fv {
			idx = i
		}
	}
	parent := lit.Parent()
	if idx < 0 || parent == nil {
		return nil
	}
	for instr := range instructions(parent) {
		if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == lit && idx < len(mc.Bindings) {
			return mc.Bindings[idx]
		}
	}
	return nil
}

// nodeCallback returns the method (ForEachShard, ...) whose callback has p
// as its client parameter, or "".
func nodeCallback(p *ssa.Parameter) string {
	lit := p.Parent()
	parent := lit.Parent()
	if parent == nil {
		return ""
	}
	for instr := range instructions(parent) {
		if st, ok := instr.(*ssa.Store); ok && isLit(st.Val, lit) {
			// &redis.Pool{TestOnBorrow: func(c redis.Conn, ...) error {...}}
			if fa, ok := st.Addr.(*ssa.FieldAddr); ok {
				if f := fieldOf(fa); f != nil && catalog.IsCallbackField(f) {
					return f.Name()
				}
			}
		}
		ci, ok := instr.(ssa.CallInstruction)
		if !ok {
			continue
		}
		obj := calleeObject(ci.Common())
		if obj == nil || !catalog.IsNodeCallback(obj) {
			continue
		}
		for _, arg := range ci.Common().Args {
			if arg == ssa.Value(lit) {
				return obj.Name()
			}
			if mc, ok := arg.(*ssa.MakeClosure); ok && mc.Fn == lit {
				return obj.Name()
			}
		}
	}
	return ""
}

func isLit(v ssa.Value, lit *ssa.Function) bool {
	if mc, ok := v.(*ssa.MakeClosure); ok {
		return mc.Fn == lit
	}
	return v == ssa.Value(lit)
}

// fieldOf returns the struct field the address is of.
func fieldOf(fa *ssa.FieldAddr) *types.Var {
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return nil
	}
	st, ok := ptr.Elem().Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() {
		return nil
	}
	return st.Field(fa.Field)
}

func calleeObject(common *ssa.CallCommon) *types.Func {
	if common.IsInvoke() {
		return common.Method
	}
	if fn := common.StaticCallee(); fn != nil {
		obj, _ := fn.Object().(*types.Func)
		return obj
	}
	return nil
}

// isShutdown reports whether fn is a function literal or declaration
// whose name says its job is to shut down.
func isShutdown(fn *ssa.Function) bool {
	return fn.Parent() == nil && isShutdownName(fn.Name())
}

var shutdownWords = []string{"close", "shutdown", "stop", "quit", "release", "teardown", "cleanup", "terminate", "dispose", "disconnect", "destroy", "finalize", "exit", "kill", "free", "drain"}

func isShutdownName(name string) bool {
	lower := strings.ToLower(name)
	for _, w := range shutdownWords {
		if strings.HasPrefix(lower, w) || strings.HasSuffix(lower, w) {
			return true
		}
	}
	return false
}

// instructions yields the instructions of fn, block by block.
func instructions(fn *ssa.Function) iter.Seq[ssa.Instruction] {
	return func(yield func(ssa.Instruction) bool) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if !yield(instr) {
					return
				}
			}
		}
	}
}
