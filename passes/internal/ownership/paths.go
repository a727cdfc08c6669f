package ownership

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// reach searches the control-flow graph forward from origin (the function
// entry when origin is nil) for a normal exit that the value reaches with
// no sink on the way. It also reports whether origin itself is reached again
// first: a value created in a loop and not released within the iteration.
// Deferred sinks block the search only when withDeferred is set, so that a
// defer in a loop body, which runs only at function exit, can be told apart.
//
// When uses is not nil, only paths that pass one of these instructions
// count: a client or Conn that was never used on the path holds no
// connection yet. The search then tracks, per block, whether the path
// has used the value, which at most doubles its work.
//
// Every block is scanned at most twice per state (the origin block is
// entered once after origin and once from the top), so the cost is linear
// in the size of the function, whatever the number of paths.
//
// Edges in cut are not followed: the branch taken when the call that
// created the value returned an error, where the value is nil.
func (e *engine) reach(fn *ssa.Function, origin ssa.Instruction, sinks []sink, withDeferred bool, cut edges, uses []ssa.Instruction) (leak *ssa.Return, again bool) {
	if len(fn.Blocks) == 0 {
		return nil, false
	}
	blocking := map[*ssa.BasicBlock][]int{}
	for _, s := range sinks {
		if s.deferred && !withDeferred {
			continue
		}
		b := s.instr.Block()
		blocking[b] = append(blocking[b], index(s.instr))
	}
	useAt := map[*ssa.BasicBlock][]int{}
	for _, u := range uses {
		useAt[u.Block()] = append(useAt[u.Block()], index(u))
	}
	start, from := fn.Blocks[0], 0
	var originBlock *ssa.BasicBlock
	originIndex := -1
	if origin != nil {
		originBlock, originIndex = origin.Block(), index(origin)
		start, from = originBlock, originIndex+1
	}
	type state struct {
		b    *ssa.BasicBlock
		used bool
	}
	visited := map[state]bool{}
	var queue []state
	// segment follows one path through the block b from index from.
	segment := func(b *ssa.BasicBlock, from int, used bool) {
		end := len(b.Instrs)
		reentry := b == originBlock && from == 0
		if reentry {
			end = originIndex
		}
		stop := end
		for _, i := range blocking[b] {
			if i >= from && i < stop {
				stop = i
			}
		}
		if d := e.deadIndex(b); d >= from && d < stop {
			stop = d
		}
		for _, i := range useAt[b] {
			used = used || i >= from && i < stop
		}
		counts := uses == nil || used
		switch {
		case stop < end: // a sink, or no way on
			return
		case reentry:
			again = again || counts
			return
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			if leak == nil && counts {
				leak = ret
			}
			return
		}
		for _, succ := range b.Succs {
			st := state{succ, used}
			if !visited[st] && !cut[edge{b, succ}] {
				visited[st] = true
				queue = append(queue, st)
			}
		}
	}
	segment(start, from, false)
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		segment(st.b, 0, st.used)
	}
	return leak, again
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
	for _, r := range *errVal.Referrers() {
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
