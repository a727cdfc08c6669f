package ownership

import (
	"cmp"
	"flag"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
)

// Analyzer computes the ownership of every Redis client and handle created
// in a package, and exports function summaries as facts. It reports
// nothing itself; the checks read its Result.
var Analyzer = &analysis.Analyzer{
	Name:       "redisownership",
	Doc:        "compute ownership of Redis clients and handles (internal to redisvet)",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(Summary), new(DealsInRedis)},
}

// Result lists the values created in the package and what became of them.
type Result struct {
	Values []*Value
	// PerCallCalls are the calls of functions that build a client and
	// close it before returning.
	PerCallCalls []*PerCallCall
	// Closes are the calls that close a client.
	Closes []*Close
}

// A PerCallCall is a call of a function whose summary says it builds a
// client and closes it before it returns.
type PerCallCall struct {
	Call   *ast.CallExpr
	Callee *types.Func
	// Options are the arguments that reach the options of the client
	// built by the call.
	Options []ast.Expr
}

// A Value is one creation of a client or handle in the analysed package.
type Value struct {
	Kind catalog.Kind
	// Site is the creating call, or a literal &redis.Pool{...}.
	Site ast.Expr
	// Creator is Subscribe, NewClient or a wrapper; for a literal, its type.
	Creator  types.Object
	TypeName string // e.g. "*redis.PubSub"

	// Func is the function declaration the creation is in (nil in package
	// initialisers).
	Func *types.Func
	// Returned: the function returns it to its caller.
	Returned bool
	// Helper is set when the value comes from a test helper of this
	// package that returns it without registering its release: the
	// finding belongs to the helper, not to each of its callers.
	Helper *types.Func
	// HelperCallers counts, for a value that a test helper returns, the
	// callers in the package that leave it unreleased; HelperTB names
	// the helper's testing parameter.
	// HelperCreations counts the creations the helper returns.
	HelperCallers   int
	HelperTB        string
	HelperCreations int
	// Options are the arguments of Call that reach the client's options
	// (for a client).
	Options []ast.Expr
	// Cleanup is the index of the result of Call that releases the value
	// (a helper returning (ps, done)), or -1.
	Cleanup int
	// Discarded: the result is dropped where it is created.
	Discarded bool
	// Used: something is done with it (a method called, passed, stored).
	Used bool
	// Leak is a normal exit reached with the value neither released nor
	// handed off, or token.NoPos.
	Leak token.Pos
	// Again: created in a loop, and the next iteration creates another
	// before this one is released (released only after the loop, or never).
	Again bool
	// NeverReleased: no path releases or hands off the value.
	NeverReleased bool
	// Overwritten is where the value that replaced it comes from, when
	// the leaking path overwrites the variable that holds it.
	Overwritten token.Pos
	// DeferInLoop: released only by a defer in the loop that creates it.
	DeferInLoop bool
	// HandedOff: ownership leaves the function on some path.
	HandedOff bool
	// LastBatchDropped: a pipeline queued in a loop and executed only
	// within it, every N commands: the last partial batch is dropped.
	LastBatchDropped bool
	// Unexecuted: a pipeline with commands queued and no path from the
	// queueing to an Exec, Discard or hand-off.
	Unexecuted bool
	// InPipelineCallback: created inside a Pipelined/TxPipelined callback.
	InPipelineCallback bool
	// Owner and OwnerField: the function stores the client in this
	// unexported field of a struct type of the package that it returns.
	// OwnerReleases says whether some function of the package releases
	// (or hands off) what that field holds.
	Owner         *types.TypeName
	OwnerField    *types.Var
	OwnerReleases bool
}

// constructors holds extra functions that return a new client, by full
// name ("example.com/infra/redisx.New", "(*example.com/x.Pool).Client").
// Set once from flags before any analysis runs; read-only afterwards.
var constructors stringList

func init() {
	Analyzer.Flags.Var(&constructors, "constructors", ConstructorsUsage)
}

// ConstructorsUsage documents the constructors flag.
const ConstructorsUsage = "comma-separated functions, by full name (example.com/pkg.NewRedis), that return a new go-redis client, in addition to go-redis's own constructors"

// ConstructorsFlag is the value of the constructors flag, for the checks
// that re-export it: drivers only expose the flags of the checks they run.
func ConstructorsFlag() flag.Value { return &constructors }

type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(s string) error {
	*l = nil
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			*l = append(*l, f)
		}
	}
	return nil
}

func run(pass *analysis.Pass) (any, error) {
	res := &Result{}
	if !dealsInRedis(pass) {
		summarizeCheaply(pass)
		return res, nil
	}
	pass.ExportPackageFact(new(DealsInRedis))
	e := newEngine(pass)
	pkg, funcs := buildSSA(pass, e)
	e.pkg = pkg
	calls, lits := callIndex(pass)
	callbacks := pipelineCallbacks(funcs)
	helpers := map[types.Object]string{} // functions with a testing parameter
	for _, fn := range funcs {
		for _, c := range e.creations(fn) {
			if v := e.value(fn, c, calls, lits, funcs); v != nil {
				v.InPipelineCallback = callbacks[fn]
				res.Values = append(res.Values, v)
			}
		}
		res.PerCallCalls = append(res.PerCallCalls, e.perCallCalls(fn, calls)...)
		res.Closes = append(res.Closes, e.closes(fn, calls)...)
		if tb := testingParam(fn); tb != "" {
			helpers[fn.Object()] = tb
		}
		if obj, ok := fn.Object().(*types.Func); ok && fn.Parent() == nil {
			if s := e.summaryOf(fn); !s.empty() {
				pass.ExportObjectFact(obj, s)
			}
		}
	}
	blameTestHelpers(res.Values, helpers)
	return res, nil
}

// blameTestHelpers applies the test-helper rule: a function with a testing
// parameter that returns a new value without registering its release,
// while callers in the package leave that value unreleased, is the one
// place to fix. Its creation carries the finding; the callers' do not.
func blameTestHelpers(values []*Value, helpers map[types.Object]string) {
	returnedBy := map[types.Object][]*Value{}
	for _, v := range values {
		if v.Returned && v.Func != nil && helpers[v.Func] != "" {
			returnedBy[v.Func] = append(returnedBy[v.Func], v)
		}
	}
	for _, hv := range returnedBy {
		slices.SortFunc(hv, func(a, b *Value) int { return cmp.Compare(a.Site.Pos(), b.Site.Pos()) })
	}
	for _, v := range values {
		hv := returnedBy[v.Creator]
		if len(hv) == 0 || !v.Leak.IsValid() && !v.Again {
			continue
		}
		v.Helper, _ = v.Creator.(*types.Func)
		// One finding per helper, at its first creation.
		h := hv[0]
		h.HelperCallers++
		h.HelperTB = helpers[h.Func]
		h.HelperCreations = len(hv)
	}
}

// testingParam returns the name of fn's *testing.T, *testing.B,
// *testing.F or testing.TB parameter, or "".
func testingParam(fn *ssa.Function) string {
	if fn.Parent() != nil {
		return ""
	}
	for _, p := range fn.Params {
		t := p.Type()
		if ptr, ok := t.(*types.Pointer); ok {
			t = ptr.Elem()
		}
		named, ok := types.Unalias(t).(*types.Named)
		if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "testing" {
			continue
		}
		switch named.Obj().Name() {
		case "T", "B", "F", "TB":
			if p.Name() != "_" {
				return p.Name()
			}
		}
	}
	return ""
}

// dealsInRedis reports whether the package imports a Redis library or a
// package that does.
func dealsInRedis(pass *analysis.Pass) bool {
	if catalog.Imports(pass.Pkg) {
		return true
	}
	for _, imp := range pass.Pkg.Imports() {
		if pass.ImportPackageFact(imp, new(DealsInRedis)) {
			return true
		}
	}
	return false
}

// value computes the verdict on one creation.
func (e *engine) value(fn *ssa.Function, c creation, calls map[token.Pos]*ast.CallExpr, lits map[token.Pos]ast.Expr, funcs []*ssa.Function) *Value {
	var site ast.Expr
	if call := calls[c.origin.Pos()]; c.instr != nil && call != nil {
		site = call
	} else if lit := lits[c.origin.Pos()]; c.instr == nil && lit != nil {
		site = lit
	} else {
		return nil // synthesized code
	}
	v := &Value{Kind: c.kind, Site: site, Creator: c.creator, TypeName: c.typeName, Cleanup: c.cleanupIndex}
	if top := topLevel(fn); top != nil {
		v.Func, _ = top.Object().(*types.Func)
	}
	if c.kind == catalog.Client {
		if call, ok := site.(*ast.CallExpr); ok {
			v.Options = optionExprs(call, c.instr.Call.Signature(), e.optionArgs(c.instr))
		} else {
			v.Options = []ast.Expr{site} // the literal holds the options
		}
	}
	if c.value == nil && c.cleanup == nil {
		v.Discarded = true
		if !c.used && holdsNothingUnused(e.pass.TypesInfo, c, site) {
			return v
		}
		if r := e.reach(fn, search{origin: c.origin, withDeferred: true, cut: c.errorEdges()}); r.leak != nil {
			v.Leak = exitPos(fn, r.leak)
		}
		return v
	}
	fl := e.flowOf(c)
	v.Returned = len(fl.results) > 0
	v.Used = fl.used
	v.Discarded = !fl.used
	v.HandedOff = fl.has(handoff)
	if o, ok := e.ownerOf(fn, fl); ok && c.kind == catalog.Client && !releasedBeforeStored(fl) {
		v.Owner, v.OwnerField = o.typ, o.field
		v.OwnerReleases = e.releasesField(funcs, o)
	}
	if c.kind == catalog.Pipeline {
		if len(fl.queues) > 0 && !hasDeferred(fl.sinks) {
			v.Unexecuted = !reachesAny(fl.queues, fl.sinks)
			v.LastBatchDropped = !v.Unexecuted && e.lastBatchDropped(fn, fl, c.instr)
		}
		return v
	}
	cut := impliedEdges(c.origin, nilEdges(fl, e.errorEdgesOf(c, site)))
	var uses []ssa.Instruction
	if !c.used && holdsNothingUnused(e.pass.TypesInfo, c, site) {
		if len(fl.uses) == 0 {
			return v // never used: holds nothing on any path
		}
		uses = fl.uses
	}
	s := searchOf(c.origin, fl, cut)
	s.uses = uses
	r := e.reach(fn, s)
	if r.leak != nil {
		v.Leak = exitPos(fn, r.leak)
		if c, isConst := r.overwrite.(*ssa.Const); r.overwrite != nil && !(isConst && c.IsNil()) {
			// A nil in its place is a drop, not an overwrite: the
			// message names the exit.
			v.Overwritten = overwritePos(r.overwrite, v.Leak)
		}
	}
	v.Again = r.again
	v.NeverReleased = !fl.has(release) && !fl.has(handoff)
	if !r.again {
		s.withDeferred = false
		r := e.reach(fn, s)
		// A defer in the body of a range-over-func loop runs at the exit
		// of the enclosing function, not at the end of the iteration.
		v.DeferInLoop = r.again || r.leak != nil && hasRangeFuncDefer(fl.sinks)
	}
	return v
}

// overwritePos is where the value that overwrote a tracked one comes
// from, or at when that has no position.
func overwritePos(v ssa.Value, at token.Pos) token.Pos {
	if v.Pos().IsValid() {
		return v.Pos()
	}
	return at
}

func hasRangeFuncDefer(sinks []sink) bool {
	for _, s := range sinks {
		if d, ok := s.instr.(*ssa.Defer); ok && d.DeferStack != nil {
			return true
		}
	}
	return false
}

// lastBatchDropped reports whether commands are queued in a loop and
// executed only within that loop, so that a path from some queueing
// reaches the exit unexecuted: the last partial batch of a pipeline that
// runs Exec every N commands.
func (e *engine) lastBatchDropped(fn *ssa.Function, fl *flow, origin ssa.Instruction) bool {
	for _, q := range fl.queues {
		inLoop := true
		for _, s := range fl.sinks {
			// A pipeline built again in the loop (one per batch) is not
			// batching: the next iteration starts a new one.
			again := reachesAny([]ssa.Instruction{s.instr}, []sink{{instr: origin}})
			if again || !reachesAny([]ssa.Instruction{q}, []sink{s}) || !reachesAny([]ssa.Instruction{s.instr}, []sink{{instr: q}}) {
				inLoop = false
				break
			}
		}
		if inLoop && e.reach(fn, search{origin: q, sinks: fl.sinks, withDeferred: true}).leak != nil {
			return true
		}
	}
	return false
}

// releasedBeforeStored reports whether the value's release is called,
// deferred or registered (t.Cleanup) on a path to its store in a field:
// the struct then holds a client someone else releases.
func releasedBeforeStored(fl *flow) bool {
	var releases []ssa.Instruction
	var stores []sink
	for _, s := range fl.sinks {
		if s.kind == release {
			releases = append(releases, s.instr)
			continue
		}
		if st, ok := s.instr.(*ssa.Store); ok {
			if fa, ok := st.Addr.(*ssa.FieldAddr); ok && slices.Contains(fl.fields, fa) {
				stores = append(stores, s)
			}
		}
	}
	return reachesAny(releases, stores)
}

// topLevel returns the declared function that fn is, or is nested in.
func topLevel(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn.Object() == nil {
		return nil
	}
	return fn
}

// errorEdgesOf returns the edges on which the creation's error is not
// nil, where it holds no value: none when an option makes the constructor
// return a client beside its error (rueidis' ForceSingleClient: true).
func (e *engine) errorEdgesOf(c creation, site ast.Expr) edges {
	if fn, ok := c.creator.(*types.Func); ok && catalog.KeepOnError(fn) != "" {
		opt := catalog.KeepOnError(fn)
		for _, arg := range optionCandidates(site) {
			if lit, ok := ast.Unparen(arg).(*ast.CompositeLit); ok {
				if kv := checkutil.Field(lit, opt); kv != nil && checkutil.IsTrue(e.pass.TypesInfo, kv.Value) {
					return nil
				}
			}
		}
	}
	return c.errorEdges()
}

// optionCandidates returns the expressions that may be options literals
// of the value created at site: a call's arguments, or the literal itself.
func optionCandidates(site ast.Expr) []ast.Expr {
	if call, ok := site.(*ast.CallExpr); ok {
		return call.Args
	}
	return []ast.Expr{site}
}

// holdsNothingUnused reports whether a value of the kind, created by call,
// holds no connection until it is first used: a Conn, or a client whose
// options do not ask for idle connections up front (MinIdleConns > 0).
func holdsNothingUnused(info *types.Info, c creation, site ast.Expr) bool {
	switch c.kind {
	case catalog.Conn:
		return !catalog.HoldsUnused(c.creator, c.kind)
	case catalog.Client:
		if catalog.HoldsUnused(c.creator, c.kind) {
			return false
		}
		for _, arg := range optionCandidates(site) {
			lit, ok := ast.Unparen(arg).(*ast.CompositeLit)
			if u, isAddr := ast.Unparen(arg).(*ast.UnaryExpr); isAddr && u.Op == token.AND {
				lit, ok = ast.Unparen(u.X).(*ast.CompositeLit)
			}
			if !ok {
				continue
			}
			lib := catalog.OptionsOf(info.TypeOf(lit))
			if lib == nil || lib.Pool.MinIdle == "" {
				continue
			}
			if f, set := checkutil.ConstantFields(info, lit, []string{lib.Pool.MinIdle})[lib.Pool.MinIdle]; set && f.Value > 0 {
				return false
			}
		}
		return true
	}
	return false
}

// perCallCalls lists the calls in fn of functions that build a client and
// close it before returning.
func (e *engine) perCallCalls(fn *ssa.Function, calls map[token.Pos]*ast.CallExpr) []*PerCallCall {
	var out []*PerCallCall
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil {
				continue
			}
			obj, ok := callee.Object().(*types.Func)
			if !ok || !e.summaryOf(callee).PerCallClient {
				continue
			}
			if expr := calls[call.Common().Pos()]; expr != nil {
				out = append(out, &PerCallCall{Call: expr, Callee: obj,
					Options: optionExprs(expr, call.Common().Signature(), e.summaryOf(callee).Options)})
			}
		}
	}
	return out
}

func hasDeferred(sinks []sink) bool {
	for _, s := range sinks {
		if s.deferred {
			return true
		}
	}
	return false
}

// exitPos is the position of a return, or of the closing brace of the
// function for an implicit one.
func exitPos(fn *ssa.Function, ret *ssa.Return) token.Pos {
	if ret != nil && ret.Pos().IsValid() {
		return ret.Pos()
	}
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		if syn.Body != nil {
			return syn.Body.Rbrace
		}
	case *ast.FuncLit:
		return syn.Body.Rbrace
	}
	return fn.Pos()
}

// callIndex maps the position of each call's opening parenthesis, which is
// what go/ssa records, to the call expression.
func callIndex(pass *analysis.Pass) (map[token.Pos]*ast.CallExpr, map[token.Pos]ast.Expr) {
	calls := map[token.Pos]*ast.CallExpr{}
	// lits maps the opening brace of each &T{...} literal of a type the
	// catalogue builds so (catalog.LiteralKind), the position of its SSA
	// allocation, to the expression.
	lits := map[token.Pos]ast.Expr{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				calls[n.Lparen] = n
			case *ast.UnaryExpr:
				if lit, ok := ast.Unparen(n.X).(*ast.CompositeLit); ok && n.Op == token.AND && catalog.LiteralKind(pass.TypesInfo.TypeOf(lit)) != catalog.None {
					lits[lit.Lbrace] = n
				}
			}
			return true
		})
	}
	return calls, lits
}

// pipelineCallbacks returns the function literals passed to Pipelined or
// TxPipelined: the library executes their pipeline.
func pipelineCallbacks(funcs []*ssa.Function) map[*ssa.Function]bool {
	out := map[*ssa.Function]bool{}
	for _, fn := range funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				common := call.Common()
				var callee *types.Func
				if common.IsInvoke() {
					callee = common.Method
				} else if f := common.StaticCallee(); f != nil {
					callee, _ = f.Object().(*types.Func)
				}
				if callee == nil || !catalog.IsPipelineCallback(callee) {
					continue
				}
				for _, arg := range common.Args {
					switch arg := arg.(type) {
					case *ssa.Function:
						out[arg] = true
					case *ssa.MakeClosure:
						out[arg.Fn.(*ssa.Function)] = true
					}
				}
			}
		}
	}
	return out
}
