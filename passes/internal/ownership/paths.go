package ownership

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A search asks whether a value reaches a normal exit unreleased.
type search struct {
	origin ssa.Instruction // where the value is created; nil: the entry
	sinks  []sink
	// withDeferred: deferred sinks block too. Without, a defer in a loop
	// body, which runs only at function exit, can be told apart.
	withDeferred bool
	// cut edges are not followed: the branch taken when the creating call
	// returned an error, or a nil check found nil.
	cut edges
	// uses, when not nil, are the instructions that use the value: only
	// paths past one count (an unused client or Conn holds nothing).
	uses []ssa.Instruction
	// overwrites and overwriteAt lose the value when a path passes them
	// unreleased (see flow.overwrites).
	overwrites  map[edge]ssa.Value
	overwriteAt map[ssa.Instruction]ssa.Value
	// exits, when set, says which returns count as leaks.
	exits func(*ssa.Return) bool
}

// A finding of reach.
type found struct {
	leak *ssa.Return // an exit reached with the value unreleased, or nil
	// again: origin is reached again first, a value created in a loop and
	// not released within the iteration.
	again bool
	// overwrite is the value that replaced the tracked one on the path to
	// leak, if the path passed an overwrite.
	overwrite ssa.Value
}

// searchOf returns the search for the value whose flow is fl.
func searchOf(origin ssa.Instruction, fl *flow, cut edges) search {
	for _, call := range fl.keptOnSuccess {
		for e := range successEdges(call) {
			if cut == nil {
				cut = edges{}
			}
			cut[e] = true
		}
	}
	return search{origin: origin, sinks: fl.sinks, withDeferred: true, cut: cut, overwrites: fl.overwrites, overwriteAt: fl.overwriteAt}
}

// reach searches the control-flow graph forward from s.origin for a normal
// exit that the value reaches with no sink on the way, and for origin
// reached again first.
//
// The search tracks per block whether the path has used the value (when
// s.uses is set) and whether it has passed an overwrite: afterwards,
// sinks that act through the overwritten variable no longer block. Every
// block is scanned a bounded number of times per state (the origin block
// once after origin and once from the top), so the cost is linear in the
// size of the function, whatever the number of paths.
func (e *engine) reach(fn *ssa.Function, s search) found {
	var res found
	if len(fn.Blocks) == 0 {
		return res
	}
	blocking := map[*ssa.BasicBlock][]sink{}
	for _, sk := range s.sinks {
		if sk.deferred && !s.withDeferred {
			continue
		}
		blocking[sk.instr.Block()] = append(blocking[sk.instr.Block()], sk)
	}
	useAt := map[*ssa.BasicBlock][]int{}
	for _, u := range s.uses {
		useAt[u.Block()] = append(useAt[u.Block()], index(u))
	}
	overAt := map[*ssa.BasicBlock][]int{}
	for instr := range s.overwriteAt {
		overAt[instr.Block()] = append(overAt[instr.Block()], index(instr))
	}
	start, from := fn.Blocks[0], 0
	var originBlock *ssa.BasicBlock
	originIndex := -1
	if s.origin != nil {
		originBlock, originIndex = s.origin.Block(), index(s.origin)
		start, from = originBlock, originIndex+1
	}
	type state struct {
		b          *ssa.BasicBlock
		used, over bool
	}
	type item struct {
		state
		by ssa.Value // what overwrote the value, once a path passed that
	}
	visited := map[state]bool{}
	var queue []item
	enqueue := func(it item) {
		// Which value overwrote does not change what is reachable.
		if !visited[it.state] {
			visited[it.state] = true
			queue = append(queue, it)
		}
	}
	// segment follows one path through the block b from index from.
	var segment func(b *ssa.BasicBlock, from int, used bool, over ssa.Value)
	segment = func(b *ssa.BasicBlock, from int, used bool, over ssa.Value) {
		end := len(b.Instrs)
		reentry := b == originBlock && from == 0
		if reentry {
			end = originIndex
		}
		stop := end
		for _, sk := range blocking[b] {
			if i := index(sk.instr); i >= from && i < stop && (over == nil || !sk.overwritable) {
				stop = i
			}
		}
		if d := e.deadIndex(b); d >= from && d < stop {
			stop = d
		}
		if over == nil {
			for _, i := range overAt[b] {
				if i >= from && i < stop {
					// The rest of the block runs with the value lost.
					for _, u := range useAt[b] {
						used = used || u >= from && u < i
					}
					segment(b, i+1, used, s.overwriteAt[b.Instrs[i]])
					return
				}
			}
		}
		for _, i := range useAt[b] {
			used = used || i >= from && i < stop
		}
		counts := s.uses == nil || used
		switch {
		case stop < end: // a sink, or no way on
			return
		case reentry:
			res.again = res.again || counts
			return
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if res.leak == nil && counts && (s.exits == nil || s.exits(ret)) {
				res.leak, res.overwrite = ret, over
			}
			return
		}
		for _, succ := range b.Succs {
			out := edge{b, succ}
			if s.cut[out] {
				continue
			}
			next := over
			if v, ok := s.overwrites[out]; ok && next == nil {
				next = v
			}
			enqueue(item{state{succ, used, next != nil}, next})
		}
	}
	segment(start, from, false, nil)
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		segment(it.b, 0, it.used, it.by)
	}
	return res
}

type edge struct{ from, to *ssa.BasicBlock }

type edges map[edge]bool

// errorEdges returns the branches taken when the error result of call is
// not nil: `if err != nil` and `if err == nil { ... } else`.
func errorEdges(call *ssa.Call) edges {
	results := call.Call.Signature().Results()
	n := results.Len()
	if n < 2 || !isError(results.At(n-1).Type()) {
		return nil
	}
	errVal := result(call, n-1)
	if errVal == nil {
		return nil
	}
	cut := edges{}
	for _, r := range errorReads(errVal) {
		cmp, ok := r.(*ssa.BinOp)
		if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) || !isNil(cmp.X) && !isNil(cmp.Y) {
			continue
		}
		for _, u := range *cmp.Referrers() {
			if ifInstr, ok := u.(*ssa.If); ok {
				b := ifInstr.Block()
				taken := b.Succs[0] // err != nil: the true branch
				if cmp.Op == token.EQL {
					taken = b.Succs[1]
				}
				cut[edge{b, taken}] = true
			}
		}
	}
	return cut
}

// errorReads returns the instructions that read the error value: its
// referrers, and those of the loads that read it back from a variable it
// is stored in, in the same block before any other store there (a named
// result err, kept in a variable when the function defers: c, err :=
// pool.GetContext(ctx); if err != nil).
func errorReads(errVal ssa.Value) []ssa.Instruction {
	reads := slices.Clone(*errVal.Referrers())
	for _, r := range *errVal.Referrers() {
		if phi, ok := r.(*ssa.Phi); ok && isAfter(phi, errVal) {
			reads = append(reads, *phi.Referrers()...)
			continue
		}
		st, ok := r.(*ssa.Store)
		if !ok || st.Val != errVal {
			continue
		}
		if _, local := st.Addr.(*ssa.Alloc); !local {
			continue
		}
		instrs := st.Block().Instrs
		after := false
		for _, instr := range instrs {
			if instr == ssa.Instruction(st) {
				after = true
				continue
			}
			if !after {
				continue
			}
			if other, ok := instr.(*ssa.Store); ok && other.Addr == st.Addr {
				break
			}
			if ld, ok := instr.(*ssa.UnOp); ok && ld.Op == token.MUL && ld.X == st.Addr {
				reads = append(reads, *ld.Referrers()...)
			}
		}
	}
	return reads
}

// isAfter reports whether phi is v on every path from v's definition: its
// other edges come from blocks that run only before v (the err of
// `if slot >= 0 { c, err = bySlot(slot) }` after the if).
func isAfter(phi *ssa.Phi, v ssa.Value) bool {
	def, ok := v.(ssa.Instruction)
	if !ok {
		return false
	}
	reach := reachableFrom(def.Block())
	reach[def.Block()] = true
	for i, op := range phi.Edges {
		if op != v && reach[phi.Block().Preds[i]] {
			return false
		}
	}
	return true
}

// successEdges returns the branches taken when the error result of call
// is nil.
func successEdges(call *ssa.Call) edges {
	out := edges{}
	for e := range errorEdges(call) {
		for _, succ := range e.from.Succs {
			if succ != e.to {
				out[edge{e.from, succ}] = true
			}
		}
	}
	return out
}

// nilEdges returns the branches taken when a nil check of an alias of the
// value finds nil.
func nilEdges(fl *flow, cut edges) edges {
	for _, cmp := range fl.nilChecks {
		for _, u := range *cmp.Referrers() {
			ifInstr, ok := u.(*ssa.If)
			if !ok {
				continue
			}
			b := ifInstr.Block()
			isNilBranch := b.Succs[1] // ps != nil is false
			if cmp.Op == token.EQL {
				isNilBranch = b.Succs[0]
			}
			if cut == nil {
				cut = edges{}
			}
			cut[edge{b, isNilBranch}] = true
		}
	}
	return cut
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// reachesAny reports whether some sink is reachable forward from one of the
// starting instructions (multi-source, linear in the function's size).
func reachesAny(starts []ssa.Instruction, sinks []sink) bool {
	if len(sinks) == 0 {
		return false
	}
	sinkAt := map[*ssa.BasicBlock][]int{}
	for _, s := range sinks {
		sinkAt[s.instr.Block()] = append(sinkAt[s.instr.Block()], index(s.instr))
	}
	visited := map[*ssa.BasicBlock]bool{}
	var queue []*ssa.BasicBlock
	for _, st := range starts {
		b, i := st.Block(), index(st)
		for _, j := range sinkAt[b] {
			if j > i {
				return true
			}
		}
		for _, succ := range b.Succs {
			if !visited[succ] {
				visited[succ] = true
				queue = append(queue, succ)
			}
		}
	}
	for len(queue) > 0 {
		b := queue[0]
		queue = queue[1:]
		if len(sinkAt[b]) > 0 {
			return true
		}
		for _, succ := range b.Succs {
			if !visited[succ] {
				visited[succ] = true
				queue = append(queue, succ)
			}
		}
	}
	return false
}

// deadIndex returns the index of the first instruction in b after which no
// path goes on normally: a panic or a call that does not return. It returns
// len(b.Instrs) when there is none.
func (e *engine) deadIndex(b *ssa.BasicBlock) int {
	if d, ok := e.dead[b]; ok {
		return d
	}
	d := len(b.Instrs)
	for i, instr := range b.Instrs {
		if _, ok := instr.(*ssa.Panic); ok || e.noReturnCall(instr) {
			d = i
			break
		}
	}
	e.dead[b] = d
	return d
}

func (e *engine) noReturnCall(instr ssa.Instruction) bool {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return false
	}
	if call.Call.IsInvoke() {
		return isNoReturnMethod(call.Call.Method)
	}
	callee := call.Call.StaticCallee()
	if callee == nil {
		return false
	}
	if fn, ok := callee.Object().(*types.Func); ok && e.noReturn(fn) {
		return true
	}
	return false
}

// noReturn reports whether calls of fn never return: the standard library's
// exits known by name (so that no facts about the standard library are
// needed, as under Bazel nogo), or a summary that says so.
func (e *engine) noReturn(fn *types.Func) bool {
	if isNoReturnStd(fn) || isNoReturnMethod(fn) {
		return true
	}
	s := e.summaryOfObject(fn)
	return s != nil && s.NoReturn
}

var noReturnStd = map[string]bool{
	"os.Exit": true, "runtime.Goexit": true, "syscall.Exit": true,
	"log.Fatal": true, "log.Fatalf": true, "log.Fatalln": true,
	"log.Panic": true, "log.Panicf": true, "log.Panicln": true,
}

func isNoReturnStd(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	name := fn.Pkg().Path() + "." + fn.Name()
	if fn.Signature().Recv() != nil {
		// (*log.Logger).Fatal and friends share the package functions' names.
		if fn.Pkg().Path() != "log" {
			return false
		}
	}
	return noReturnStd[name]
}

// isNoReturnMethod recognises testing's methods that stop the test's
// goroutine, on *testing.T, *testing.B, *testing.F and testing.TB.
func isNoReturnMethod(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "testing" || fn.Signature().Recv() == nil {
		return false
	}
	switch fn.Name() {
	case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
		return true
	}
	return strings.HasPrefix(fn.Name(), "Fatal")
}
