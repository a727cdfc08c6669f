package ownership

import (
	"cmp"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/redisvet/redisvet/passes/internal/catalog"
)

// engine holds the per-package state of one run of the analyzer. Nothing
// is shared between packages: analyzers run concurrently.
type engine struct {
	pass      *analysis.Pass
	pkg       *ssa.Package
	summaries map[*ssa.Function]*Summary // functions of this package
	flows     map[flowKey]*flow          // follow's results: summaries and verdicts share them
	computing map[*ssa.Function]bool     // recursion guard
	dead      map[*ssa.BasicBlock]int
	// fieldReleased caches releasesField.
	fieldReleased map[owner]bool
}

// newEngine returns an engine for the pass; its pkg is set once the SSA
// package is built.
func newEngine(pass *analysis.Pass) *engine {
	return &engine{
		pass:      pass,
		summaries: map[*ssa.Function]*Summary{},
		flows:     map[flowKey]*flow{},
		computing: map[*ssa.Function]bool{},
		dead:      map[*ssa.BasicBlock]int{},

		fieldReleased: map[owner]bool{},
	}
}

var emptySummary = &Summary{}

// summaryOf returns the summary of a called function: computed here for a
// function of this package, imported as a fact otherwise. A function with
// no summary gets an empty one, whose parameters are all Unknown.
func (e *engine) summaryOf(fn *ssa.Function) *Summary {
	if origin := fn.Origin(); origin != nil {
		fn = origin
	}
	if fn.Pkg == e.pkg && fn.Pkg != nil {
		if len(fn.Blocks) == 0 {
			return emptySummary // declared without a body: assembly, cgo, linkname
		}
		return e.localSummary(fn)
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if s := e.summaryOfObject(obj); s != nil {
			return s
		}
	}
	return emptySummary
}

// summaryOfObject returns the fact about a function of another package, or
// the summary of one of this package, or nil.
func (e *engine) summaryOfObject(obj *types.Func) *Summary {
	if obj.Pkg() == e.pass.Pkg {
		if e.pkg == nil {
			return nil
		}
		if fn := e.pkg.Prog.FuncValue(obj); fn != nil {
			return e.summaryOf(fn)
		}
		return nil
	}
	s := new(Summary)
	if e.pass.ImportObjectFact(obj.Origin(), s) {
		return s
	}
	return nil
}

func (e *engine) localSummary(fn *ssa.Function) *Summary {
	if s, ok := e.summaries[fn]; ok {
		return s
	}
	if e.computing[fn] {
		return emptySummary // recursion: assume nothing
	}
	e.computing[fn] = true
	s := e.summarize(fn)
	delete(e.computing, fn)
	e.summaries[fn] = s
	return s
}

// summarize computes what fn does with Redis values.
func (e *engine) summarize(fn *ssa.Function) *Summary {
	s := &Summary{}
	for i, p := range fn.Params {
		if !mayCarry(p.Type()) {
			continue
		}
		kind := catalog.KindOf(p.Type())
		fl := e.follow(kind, p, false)
		s.Params = append(s.Params, Param{Index: i, Effect: e.effect(fn, fl), Queues: len(fl.queues) > 0})
	}
	var clients []*ssa.Call // returned or built per call: their options matter
	for _, c := range e.creations(fn) {
		fl := e.flowOf(c)
		if len(fl.results) > 0 && !borrowed(fl) {
			if c.kind == catalog.Client && c.instr != nil {
				clients = append(clients, c.instr)
			}
			if c.kind == catalog.Client || c.kind == catalog.Conn {
				s.ReturnsUsed = s.ReturnsUsed || c.used || usedBeforeReturn(fl)
			}
			if len(s.Returns) == 0 {
				s.Returns = make([]catalog.Kind, fn.Signature.Results().Len())
			}
			for _, r := range fl.results {
				s.Returns[r] = c.kind
				for _, j := range fl.cleanups {
					if !slices.Contains(s.Cleanups, Cleanup{Result: j, Releases: r}) {
						s.Cleanups = append(s.Cleanups, Cleanup{Result: j, Releases: r})
					}
				}
			}
		}
		if c.kind == catalog.Client && !fl.has(handoff) && fl.has(release) {
			if e.reach(fn, searchOf(c.origin, fl, nilEdges(fl, c.errorEdges()))).leak == nil {
				s.PerCallClient = true
				if c.instr != nil {
					clients = append(clients, c.instr)
				}
			}
		}
	}
	s.Options = e.optionParams(fn, clients)
	slices.SortFunc(s.Cleanups, func(a, b Cleanup) int { return cmp.Or(a.Releases-b.Releases, a.Result-b.Result) })
	s.NoReturn = !e.returns(fn)
	return s
}

// flowOf returns the flow of a created value, with that of the cleanup
// function created beside it, if any.
func (e *engine) flowOf(c creation) *flow {
	fl := &flow{kind: c.kind}
	if c.value != nil {
		fl = e.follow(c.kind, c.value, false)
	}
	if c.cleanup != nil {
		fl = fl.merge(e.followReleaser(c.kind, c.cleanup, false))
	}
	return fl
}

// borrowed reports whether the value is returned on a path on which it was
// already stored, released or had its release registered or deferred: a
// get-or-create cache, a lazy singleton, a test helper that registers
// t.Cleanup. Its callers do not own what they get.
func borrowed(fl *flow) bool {
	var before []ssa.Instruction
	var returns []sink
	for _, s := range fl.sinks {
		if s.returned {
			returns = append(returns, s)
		} else {
			before = append(before, s.instr)
		}
	}
	return reachesAny(before, returns)
}

// usedBeforeReturn reports whether the value is used other than by being
// returned.
func usedBeforeReturn(fl *flow) bool {
	for _, u := range fl.uses {
		if _, ok := u.(*ssa.Return); !ok {
			return true
		}
	}
	return false
}

// effect turns the flow of a parameter into what callers need to know.
func (e *engine) effect(fn *ssa.Function, fl *flow) Effect {
	switch {
	case fl.has(handoff) && !fl.has(release) && returnsError(fn):
		// Stored on success only: an error return leaves it unreleased.
		s := searchOf(nil, fl, nilEdges(fl, nil))
		s.exits = returnsNonNilError
		if e.reach(fn, s).leak != nil {
			return KeepsOnSuccess
		}
		return Keeps
	case fl.has(handoff):
		return Keeps
	case !fl.has(release):
		return Uses
	}
	if e.reach(fn, searchOf(nil, fl, nilEdges(fl, nil))).leak != nil {
		return Keeps // released on some paths only: the caller can't tell
	}
	return Releases
}

func returnsError(fn *ssa.Function) bool {
	res := fn.Signature.Results()
	return res.Len() > 0 && isError(res.At(res.Len()-1).Type())
}

// returnsNonNilError reports whether ret returns an error that is not the
// nil constant.
func returnsNonNilError(ret *ssa.Return) bool {
	return len(ret.Results) > 0 && !isNil(ret.Results[len(ret.Results)-1])
}

// returns reports whether some path from fn's entry reaches a return.
func (e *engine) returns(fn *ssa.Function) bool {
	if len(fn.Blocks) == 0 {
		return true
	}
	return e.reach(fn, search{}).leak != nil
}

// mayCarry reports whether a parameter of type t may carry a Redis value:
// a Redis type, or an interface that one satisfies and that can release
// it (any, io.Closer, redis.Cmdable, ...), but not context.Context.
func mayCarry(t types.Type) bool {
	if catalog.KindOf(t) != catalog.None {
		return true
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	if iface.NumMethods() == 0 {
		return true
	}
	if named, ok := types.Unalias(t).(*types.Named); ok && catalog.Of(named.Obj()) != nil {
		return true
	}
	for m := range iface.Methods() {
		if isAnyRelease(m.Name()) {
			return true
		}
	}
	return false
}

// creation is a call that gives the function a new value to own.
type creation struct {
	kind catalog.Kind
	// origin is the creating instruction: the call, or the allocation of
	// a pool literal (&redis.Pool{...}), for which instr is nil.
	origin ssa.Instruction
	instr  *ssa.Call
	value  ssa.Value // the call, the Extract of its result, or the literal; nil if dropped
	// cleanup is the result that releases value (a helper returning
	// (ps, done)), nil if none or dropped; cleanupIndex is its index, or -1.
	cleanup      ssa.Value
	cleanupIndex int
	// used: a helper used the value before returning it, so it may hold
	// a connection already.
	used bool
	// creator is the function called, or the literal's type.
	creator  types.Object
	typeName string
}

// errorEdges returns the edges on which the creating call failed.
func (c creation) errorEdges() edges {
	if c.instr == nil {
		return nil
	}
	return errorEdges(c.instr)
}

// creations lists the calls in fn that create a client or handle: the
// library's constructors and methods, and functions whose summary says
// they return a new one.
func (e *engine) creations(fn *ssa.Function) []creation {
	var out []creation
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Call:
				if c, ok := e.creationAt(instr); ok {
					out = append(out, c)
				}
			case *ssa.Alloc:
				if c, ok := literalAt(instr); ok {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// literalAt returns the creation of a value by a composite literal of a
// library type that is built so (redigo's &redis.Pool{...}).
func literalAt(alloc *ssa.Alloc) (creation, bool) {
	if !alloc.Heap {
		return creation{}, false
	}
	kind := catalog.LiteralKind(alloc.Type())
	if kind == catalog.None {
		return creation{}, false
	}
	named := types.Unalias(alloc.Type().(*types.Pointer).Elem()).(*types.Named)
	return creation{kind: kind, origin: alloc, value: alloc, cleanupIndex: -1, creator: named.Obj(),
		typeName: types.TypeString(alloc.Type(), (*types.Package).Name)}, true
}

func (e *engine) creationAt(call *ssa.Call) (creation, bool) {
	var obj *types.Func
	callee := call.Call.StaticCallee()
	if call.Call.IsInvoke() {
		obj = call.Call.Method
	} else if callee != nil {
		obj, _ = callee.Object().(*types.Func)
	}
	if obj == nil {
		return creation{}, false
	}
	// The library's constructors and methods, and those named by flag.
	kind := catalog.Created(obj)
	if kind == catalog.None && slices.Contains(constructors, obj.FullName()) {
		kind = catalog.Client
	}
	if kind != catalog.None {
		c := creation{kind: kind, origin: call, instr: call, value: result(call, 0), cleanupIndex: catalog.CancelOf(obj), creator: obj, typeName: catalog.TypeName(obj)}
		if c.cleanupIndex >= 0 {
			c.cleanup = result(call, c.cleanupIndex) // rueidis' Dedicate: (client, cancel)
		}
		return c, true
	}
	// Functions whose summary says they return a new value.
	if callee == nil {
		return creation{}, false
	}
	s := e.summaryOf(callee)
	for i, k := range s.Returns {
		if k != catalog.None {
			typeName := types.TypeString(callee.Signature.Results().At(i).Type(), (*types.Package).Name)
			c := creation{kind: k, origin: call, instr: call, value: result(call, i), cleanupIndex: s.cleanup(i), used: s.ReturnsUsed, creator: obj, typeName: typeName}
			if c.cleanupIndex >= 0 {
				c.cleanup = result(call, c.cleanupIndex)
			}
			return c, true
		}
	}
	return creation{}, false
}

// result returns the value of the i-th result of call, or nil when no
// instruction extracts it.
func result(call *ssa.Call, i int) ssa.Value {
	if call.Call.Signature().Results().Len() == 1 {
		return call
	}
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}
