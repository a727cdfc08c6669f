package ownership

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/redisvet/redisvet/passes/internal/catalog"
)

// sinkKind says how a value leaves the function's responsibility.
type sinkKind uint8

const (
	release sinkKind = iota + 1 // closed, executed or discarded
	handoff                     // ownership moved elsewhere
)

// A sink is an instruction after which the tracked value is no longer the
// function's to release.
type sink struct {
	instr    ssa.Instruction
	kind     sinkKind
	deferred bool // a defer: takes effect at exit, piles up in loops
	returned bool // a return: the caller receives the value
	// overwritable: the sink acts on the value through a variable that
	// some path overwrites (a phi with an overwriting edge): after that
	// overwrite it acts on another value.
	overwritable bool
}

// flow is everything that happens to one tracked value in one function.
type flow struct {
	kind    catalog.Kind
	sinks   []sink
	queues  []ssa.Instruction // commands queued on a pipeline
	used    bool              // any use at all (method call, argument, ...)
	results []int             // result indices at which it is returned
	// cleanups are the result indices at which a function value that
	// releases it is returned (return ps, func() { ps.Close() }).
	cleanups []int
	// uses are the instructions that do something with the value: after
	// one, it may hold a connection (see reachUsed).
	uses   []ssa.Instruction
	fields []*ssa.FieldAddr // struct fields it is stored in
	// overwrites are the edges into a join on which the variables that
	// hold the value receive another value instead: x := create(); if c
	// { x = create() }. Crossing one before a release loses the value.
	overwrites map[edge]ssa.Value
	// overwriteAt are the stores of other values into a local variable
	// that holds the value: passing one before a release loses it.
	overwriteAt map[ssa.Instruction]ssa.Value
	// keptOnSuccess are calls that keep the value when their error result
	// is nil (see KeepsOnSuccess): their success branches end the search.
	keptOnSuccess []*ssa.Call
	// handedOff: ownership leaves on some path without a sink (a call
	// that keeps the value on success).
	handedOff bool
	// nilChecks compare an alias with nil. On a path from the creation
	// that passed no sink the alias holds the value, so the branch where
	// it is nil is not taken (if ps != nil { ps.Close() }).
	nilChecks []*ssa.BinOp
}

func (f *follower) add(instr ssa.Instruction, kind sinkKind) {
	_, deferred := instr.(*ssa.Defer)
	_, returned := instr.(*ssa.Return)
	f.fl.sinks = append(f.fl.sinks, sink{instr: instr, kind: kind, deferred: deferred, returned: returned})
	f.via = append(f.via, f.cur)
}

// merge returns a flow holding the sinks and uses of both flows, and the
// results and fields of f: g is the flow of a function value that
// releases f's value.
func (f *flow) merge(g *flow) *flow {
	m := *f
	m.sinks = append(slices.Clip(f.sinks), g.sinks...)
	m.uses = append(slices.Clip(f.uses), g.uses...)
	m.cleanups = append(append(slices.Clip(f.cleanups), g.results...), g.cleanups...)
	m.used = f.used || g.used
	m.keptOnSuccess = append(slices.Clip(f.keptOnSuccess), g.keptOnSuccess...)
	m.handedOff = f.handedOff || g.handedOff
	return &m
}

func (f *flow) has(kind sinkKind) bool {
	if kind == handoff && f.handedOff {
		return true
	}
	for _, s := range f.sinks {
		if s.kind == kind {
			return true
		}
	}
	return false
}

// follower walks the def-use chains of a value through one function and
// the function literals that capture it.
type follower struct {
	eng *engine
	fl  *flow
	// releaser: the tracked value is a function that releases the Redis
	// value (the cleanup a helper returns beside it); calling it releases.
	releaser bool
	seen     map[ssa.Value]bool
	work     []ssa.Value
	cells    map[ssa.Value][]*ssa.Store // local variables holding the value
	cellWk   []ssa.Value
	// deferredCells are cells whose content a deferred literal releases.
	deferredCells map[ssa.Value][]*ssa.Defer
	// cur is the alias or cell whose uses are being classified; parent
	// records from which one each alias or cell was reached, and via the
	// alias each sink acts on (parallel to fl.sinks).
	cur    ssa.Value
	parent map[ssa.Value]ssa.Value
	via    []ssa.Value
}

type flowKey struct {
	v        ssa.Value
	kind     catalog.Kind
	isCell   bool
	releaser bool
}

// follow computes the flow of v, a value of the given kind, in its function.
// A cell is a local variable (an *ssa.Alloc or a captured free variable)
// whose content v is; loads from it are aliases of v.
func (e *engine) follow(kind catalog.Kind, v ssa.Value, isCell bool) *flow {
	return e.followRole(kind, v, isCell, false)
}

// followReleaser computes the flow of v, a function value that releases a
// value of the given kind when called.
func (e *engine) followReleaser(kind catalog.Kind, v ssa.Value, isCell bool) *flow {
	return e.followRole(kind, v, isCell, true)
}

func (e *engine) followRole(kind catalog.Kind, v ssa.Value, isCell, releaser bool) *flow {
	key := flowKey{v, kind, isCell, releaser}
	if fl, ok := e.flows[key]; ok {
		return fl
	}
	f := &follower{
		eng:           e,
		releaser:      releaser,
		fl:            &flow{kind: kind},
		seen:          map[ssa.Value]bool{},
		parent:        map[ssa.Value]ssa.Value{},
		cells:         map[ssa.Value][]*ssa.Store{},
		deferredCells: map[ssa.Value][]*ssa.Defer{},
	}
	if isCell {
		f.addCell(v, nil)
	} else {
		f.alias(v)
	}
	for len(f.work) > 0 || len(f.cellWk) > 0 {
		if n := len(f.work); n > 0 {
			a := f.work[n-1]
			f.work = f.work[:n-1]
			f.value(a)
			continue
		}
		c := f.cellWk[len(f.cellWk)-1]
		f.cellWk = f.cellWk[:len(f.cellWk)-1]
		f.cell(c)
	}
	f.resolveDeferredCells()
	f.findOverwrites()
	e.flows[key] = f.fl
	return f.fl
}

func (f *follower) alias(v ssa.Value) {
	if !f.seen[v] {
		f.seen[v] = true
		f.parent[v] = f.cur
		f.work = append(f.work, v)
	}
}

func (f *follower) addCell(c ssa.Value, st *ssa.Store) {
	if _, ok := f.cells[c]; !ok {
		f.cells[c] = nil
		f.parent[c] = f.cur
		f.cellWk = append(f.cellWk, c)
	}
	if st != nil {
		f.cells[c] = append(f.cells[c], st)
	}
}

// value classifies every use of an alias of the tracked value.
func (f *follower) value(a ssa.Value) {
	f.cur = a
	refs := a.Referrers()
	if refs == nil {
		return
	}
	for _, instr := range *refs {
		if plainField(instr) {
			continue // setting or reading a pool's MaxIdle touches no connection
		}
		if _, ok := instr.(*ssa.DebugRef); !ok {
			f.fl.used = true
		}
		if isUse(instr) {
			f.fl.uses = append(f.fl.uses, instr)
		}
		switch instr := instr.(type) {
		case *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.Convert:
			f.alias(instr.(ssa.Value))
		case *ssa.FieldAddr:
			// cn.Close() calls the Close promoted from an embedded
			// field: the receiver is the field's address.
			if embedded(instr.X.Type(), instr.Field) {
				f.alias(instr)
			}
		case *ssa.Field:
			if embedded(instr.X.Type(), instr.Field) {
				f.alias(instr)
			}
		case *ssa.BinOp:
			if (instr.Op == token.EQL || instr.Op == token.NEQ) && (isNil(instr.X) || isNil(instr.Y)) {
				f.fl.nilChecks = append(f.fl.nilChecks, instr)
			}
		case *ssa.UnOp:
			if instr.Op != token.MUL {
				continue
			}
			if _, ok := a.(*ssa.FieldAddr); ok {
				// Loading an embedded pointer field on the way to a
				// promoted method (v8's Conn embeds *conn).
				f.alias(instr)
			} else if catalog.KindOf(a.Type()) != catalog.None {
				// *live = *redis.NewClient(opt): the client is copied
				// into another one, which owns it from now on.
				f.add(instr, handoff)
			}
		case *ssa.TypeAssert:
			if !instr.CommaOk {
				f.alias(instr)
				continue
			}
			for _, r := range *instr.Referrers() {
				if ex, ok := r.(*ssa.Extract); ok && ex.Index == 0 {
					f.alias(ex)
				}
			}
		case *ssa.Return:
			f.add(instr, handoff)
			for i, r := range instr.Results {
				if r == a {
					f.fl.results = append(f.fl.results, i)
				}
			}
		case *ssa.Store:
			if instr.Val != a {
				continue
			}
			if isLocalCell(instr.Addr) {
				f.addCell(instr.Addr, instr)
				continue
			}
			if formatted(instr) {
				continue // fmt.Errorf("%T", rdb): read, not kept
			}
			f.add(instr, handoff)
			if fa, ok := instr.Addr.(*ssa.FieldAddr); ok {
				f.fl.fields = append(f.fl.fields, fa)
			}
		case *ssa.Send:
			if instr.X == a {
				f.add(instr, handoff)
			}
		case *ssa.MapUpdate:
			f.add(instr, handoff)
		case *ssa.Select:
			f.add(instr, handoff)
		case *ssa.MakeClosure:
			f.closure(instr, a, false)
		case ssa.CallInstruction:
			f.call(instr, a)
		}
	}
}

// embedded reports whether field i of the struct (or pointer to struct) t
// is embedded.
func embedded(t types.Type, i int) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return ok && i < st.NumFields() && st.Field(i).Embedded()
}

// formatted reports whether st stores the value into the variadic ...any
// arguments of standard-library calls only: fmt, log, slog and testing read
// their arguments to format them and keep none (a type switch's default
// case returning fmt.Errorf("%T not supported", rdb) does not take rdb).
func formatted(st *ssa.Store) bool {
	elem, ok := st.Addr.(*ssa.IndexAddr)
	if !ok {
		return false
	}
	args, ok := elem.X.(*ssa.Alloc)
	if !ok || args.Comment != "varargs" {
		return false
	}
	for _, r := range *args.Referrers() {
		switch r := r.(type) {
		case *ssa.IndexAddr:
		case *ssa.Slice:
			for _, use := range *r.Referrers() {
				call, ok := use.(ssa.CallInstruction)
				if !ok || !formatsArgs(call.Common(), r) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// formatsArgs reports whether the call passes args as the ...any parameter
// of a standard-library function or method.
func formatsArgs(common *ssa.CallCommon, args ssa.Value) bool {
	sig := common.Signature()
	if !sig.Variadic() || len(common.Args) == 0 || common.Args[len(common.Args)-1] != args {
		return false
	}
	last := sig.Params().At(sig.Params().Len() - 1).Type().(*types.Slice)
	if !types.IsInterface(last.Elem()) || last.Elem().Underlying().(*types.Interface).NumMethods() != 0 {
		return false
	}
	var pkg *types.Package
	if common.IsInvoke() {
		pkg = common.Method.Pkg()
	} else if fn := common.StaticCallee(); fn != nil && fn.Object() != nil {
		pkg = fn.Object().Pkg()
	}
	return pkg != nil && !strings.Contains(strings.Split(pkg.Path(), "/")[0], ".")
}

// isLocalCell reports whether addr is a local variable of its function. A
// store into a variable captured from an enclosing function hands the value
// to that function.
func isLocalCell(addr ssa.Value) bool {
	_, ok := addr.(*ssa.Alloc)
	return ok
}

// cell classifies the uses of a local variable that holds the value.
func (f *follower) cell(c ssa.Value) {
	f.cur = c
	refs := c.Referrers()
	if refs == nil {
		return
	}
	for _, instr := range *refs {
		switch instr := instr.(type) {
		case *ssa.DebugRef:
		case *ssa.UnOp:
			if instr.Op == token.MUL {
				f.alias(instr)
			}
		case *ssa.Store:
			if instr.Val == c { // the variable's address escapes
				f.add(instr, handoff)
			}
			// Other values stored into the variable are not tracked.
		case *ssa.MakeClosure:
			// A literal that only stores into the variable (the body of a
			// range-over-func loop setting the function's results) does
			// not use its value.
			if inner := f.closure(instr, c, true); inner != nil && len(inner.uses) > 0 {
				f.fl.uses = append(f.fl.uses, instr)
			}
		default:
			// &v passed, returned or stored: ownership may leave.
			f.fl.used = true
			f.add(instr, handoff)
		}
	}
}

// call classifies a call that receives the tracked value a as receiver or
// argument.
func (f *follower) call(instr ssa.CallInstruction, a ssa.Value) {
	common := instr.Common()
	if f.releaser {
		f.releaserCall(instr, a)
		return
	}
	if common.IsInvoke() {
		if common.Value == a {
			f.method(instr, common.Method.Name())
			return
		}
		f.add(instr, handoff) // passed to an interface method: unknown
		return
	}
	if _, ok := common.Value.(*ssa.Builtin); ok {
		return // len, print, ...: a use; append stores through a Store
	}
	fn := common.StaticCallee()
	if fn == nil {
		f.add(instr, handoff) // a function value: unknown body
		return
	}
	for i, arg := range common.Args {
		if arg != a {
			continue
		}
		if i == 0 && fn.Signature.Recv() != nil && catalog.Of(fn.Object()) != nil {
			f.method(instr, fn.Name())
			continue
		}
		if obj, ok := fn.Object().(*types.Func); ok && catalog.OnlyUses(obj) {
			continue // redigo's Script.Do(c, ...): lent, not kept
		}
		p := f.eng.summaryOf(fn).param(i)
		switch p.Effect {
		case Releases:
			f.add(instr, release)
		case Uses:
			if p.Queues {
				f.fl.queues = append(f.fl.queues, instr)
			}
		case KeepsOnSuccess:
			// Handed off where the call's error is nil; where the error
			// is checked, the other branch still owns the value.
			if call, ok := instr.(*ssa.Call); ok && len(errorEdges(call)) > 0 {
				f.fl.keptOnSuccess = append(f.fl.keptOnSuccess, call)
				f.fl.handedOff = true
				continue
			}
			f.add(instr, handoff)
		default:
			f.add(instr, handoff)
		}
	}
}

// releaserCall classifies a call that receives a function value that
// releases the tracked value: calling, deferring or starting it releases,
// registering it with t.Cleanup too; any other function it is passed to
// may call it later (context.AfterFunc, sync.OnceFunc, errgroup): a
// hand-off.
func (f *follower) releaserCall(instr ssa.CallInstruction, a ssa.Value) {
	common := instr.Common()
	switch {
	case !common.IsInvoke() && common.Value == a:
		f.add(instr, release)
	case isCleanup(common):
		f.add(instr, release)
	default:
		f.add(instr, handoff)
	}
}

// plainField reports whether instr takes the address of a field of the
// value that is not embedded: the settings of a pool built by a literal
// (&redis.Pool{MaxIdle: 3}), written by the literal itself or later.
func plainField(instr ssa.Instruction) bool {
	fa, ok := instr.(*ssa.FieldAddr)
	return ok && !embedded(fa.X.Type(), fa.Field)
}

// isUse reports whether instr does something with the value it refers to,
// rather than only carry it to another name.
func isUse(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.DebugRef, *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.Convert:
		return false
	case *ssa.BinOp:
		return false // a nil check
	case *ssa.Store:
		return !isLocalCell(instr.Addr)
	}
	return true
}

// method classifies a call of the tracked value's own method.
func (f *follower) method(instr ssa.CallInstruction, name string) {
	switch {
	case f.fl.kind == catalog.None && isAnyRelease(name):
		f.add(instr, release) // a parameter of interface type
	case catalog.IsRelease(f.fl.kind, name):
		f.add(instr, release)
	case f.fl.kind == catalog.Pipeline && catalog.Queues(name):
		f.fl.queues = append(f.fl.queues, instr)
	}
}

func isAnyRelease(name string) bool {
	for _, k := range []catalog.Kind{catalog.Client, catalog.PubSub, catalog.Conn, catalog.Pipeline} {
		if catalog.IsRelease(k, name) {
			return true
		}
	}
	return false
}

// closure handles a function literal that captures the value (or, when
// isCell, the variable holding it). What the literal does with it counts
// where the literal is deferred, started, called or handed to t.Cleanup;
// a literal that is merely created (a handler) only uses the value.
func (f *follower) closure(mc *ssa.MakeClosure, bound ssa.Value, isCell bool) *flow {
	lit, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil
	}
	var inner *flow
	for i, b := range mc.Bindings {
		if b == bound && i < len(lit.FreeVars) {
			inner = f.eng.followRole(f.fl.kind, lit.FreeVars[i], isCell, f.releaser)
			break
		}
	}
	if inner == nil {
		return nil
	}
	f.fl.queues = append(f.fl.queues, closureQueues(mc, inner)...)
	releases, keeps := inner.has(release), inner.has(handoff)
	if !releases && !keeps {
		return inner
	}
	for _, instr := range *mc.Referrers() {
		call, ok := instr.(ssa.CallInstruction)
		if !ok {
			if _, dbg := instr.(*ssa.DebugRef); !dbg {
				f.add(instr, handoff) // the literal itself is stored
			}
			if ret, ok := instr.(*ssa.Return); ok && releases {
				for i, r := range ret.Results {
					if r == ssa.Value(mc) {
						f.fl.cleanups = append(f.fl.cleanups, i)
					}
				}
			}
			continue
		}
		common := call.Common()
		switch {
		case common.Value == ssa.Value(mc) && releases:
			f.add(call, release)
			if d, ok := call.(*ssa.Defer); ok && isCell {
				f.deferredCells[bound] = append(f.deferredCells[bound], d)
			}
		case releases && isCleanup(common):
			f.add(call, release)
		default:
			f.add(call, handoff)
		}
	}
	return inner
}

// closureQueues returns the queueing done by a literal, placed at the
// instructions that run it.
func closureQueues(mc *ssa.MakeClosure, inner *flow) []ssa.Instruction {
	if len(inner.queues) == 0 {
		return nil
	}
	var at []ssa.Instruction
	for _, instr := range *mc.Referrers() {
		if _, ok := instr.(ssa.CallInstruction); ok {
			at = append(at, instr)
		}
	}
	return at
}

// isCleanup reports whether the call registers a cleanup function with
// the testing package (t.Cleanup, b.Cleanup, tb.Cleanup).
func isCleanup(common *ssa.CallCommon) bool {
	var fn *types.Func
	if common.IsInvoke() {
		fn = common.Method
	} else if callee := common.StaticCallee(); callee != nil {
		fn, _ = callee.Object().(*types.Func)
	}
	return fn != nil && fn.Name() == "Cleanup" && fn.Pkg() != nil && fn.Pkg().Path() == "testing"
}

// resolveDeferredCells handles a defer registered before the value is
// stored in the variable it releases at exit:
//
//	var ps *redis.PubSub
//	defer func() { ps.Close() }()
//	ps = rdb.Subscribe(ctx)
//
// The store itself then releases the value.
func (f *follower) resolveDeferredCells() {
	for c, defers := range f.deferredCells {
		var others []sink
		for _, st := range f.otherStores(c) {
			others = append(others, sink{instr: st})
		}
		for _, st := range f.cells[c] {
			if reachesAny([]ssa.Instruction{st}, others) {
				continue // overwritten before the defer runs
			}
			for _, d := range defers {
				if precedes(d, st) {
					f.cur = c
					f.add(st, release)
					break
				}
			}
		}
	}
}

// findOverwrites finds where a variable holding the value receives another
// value: the incoming edges of a join on which no phi takes the value
// while one does on another edge, and stores of other values into a local
// variable that holds it. Sinks that act through such a phi or variable
// no longer act on the value once a path has passed an overwrite.
func (f *follower) findOverwrites() {
	killed := map[ssa.Value]bool{}
	for v := range f.seen {
		phi, ok := v.(*ssa.Phi)
		if !ok {
			continue
		}
		for i, op := range phi.Edges {
			if f.seen[op] || carriedOn(phi.Block(), i, f.seen) {
				continue
			}
			if f.fl.overwrites == nil {
				f.fl.overwrites = map[edge]ssa.Value{}
			}
			f.fl.overwrites[edge{phi.Block().Preds[i], phi.Block()}] = op
			killed[phi] = true
		}
	}
	for c := range f.cells {
		for _, st := range f.otherStores(c) {
			if f.fl.overwriteAt == nil {
				f.fl.overwriteAt = map[ssa.Instruction]ssa.Value{}
			}
			f.fl.overwriteAt[st] = st.Val
			killed[c] = true
		}
	}
	if len(killed) == 0 {
		return
	}
	for i := range f.fl.sinks {
		for a := f.via[i]; a != nil; a = f.parent[a] {
			if killed[a] {
				f.fl.sinks[i].overwritable = true
				break
			}
		}
	}
}

// otherStores returns the stores into the local variable c of values
// that are not the tracked one.
func (f *follower) otherStores(c ssa.Value) []*ssa.Store {
	var out []*ssa.Store
	for _, r := range *c.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == c && !f.seen[st.Val] {
			out = append(out, st)
		}
	}
	return out
}

// carriedOn reports whether some phi of b takes one of the values on the
// i-th incoming edge: the value moved to another variable there.
func carriedOn(b *ssa.BasicBlock, i int, values map[ssa.Value]bool) bool {
	for _, instr := range b.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		if values[phi.Edges[i]] {
			return true
		}
	}
	return false
}

// precedes reports whether a runs before b on every path to b.
func precedes(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	return index(a) < index(b)
}

func index(instr ssa.Instruction) int {
	for i, in := range instr.Block().Instrs {
		if in == instr {
			return i
		}
	}
	return -1
}
