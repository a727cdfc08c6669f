package ownership

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/redisvet/redisvet/passes/internal/catalog"
)

// optionArgs returns the indices of the arguments of call (receiver first,
// as go/ssa counts them) that reach the options of the client it creates:
// every argument of a library constructor, and for a wrapper or per-call
// helper the parameters its summary records.
func (e *engine) optionArgs(call *ssa.Call) []int {
	common := call.Common()
	if fn := common.StaticCallee(); fn != nil && catalog.Of(fn.Object()) == nil {
		return e.summaryOf(fn).Options
	}
	all := make([]int, len(common.Args))
	for i := range all {
		all[i] = i
	}
	return all
}

// optionParams returns the parameters of fn that the options of the
// clients created by calls reach: a backward walk over the operands of
// those calls' option arguments, through the fields and variables they
// are stored in. Linear: each value is visited once.
func (e *engine) optionParams(fn *ssa.Function, calls []*ssa.Call) []int {
	var work []ssa.Value
	for _, call := range calls {
		args := call.Common().Args
		for _, i := range e.optionArgs(call) {
			if i < len(args) {
				work = append(work, args[i])
			}
		}
	}
	seen := map[ssa.Value]bool{}
	var out []int
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if v == nil || seen[v] {
			continue
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Parameter:
			if i := slices.Index(fn.Params, v); i >= 0 && !slices.Contains(out, i) {
				out = append(out, i)
			}
			continue
		case *ssa.Alloc, *ssa.FieldAddr, *ssa.IndexAddr:
			// A composite literal or variable: what is stored into it
			// and into its fields and elements.
			for _, r := range *v.Referrers() {
				switch r := r.(type) {
				case *ssa.Store:
					if r.Addr == v {
						work = append(work, r.Val)
					}
				case *ssa.FieldAddr, *ssa.IndexAddr:
					work = append(work, r.(ssa.Value))
				}
			}
		}
		if instr, ok := v.(ssa.Instruction); ok {
			for _, op := range instr.Operands(nil) {
				work = append(work, *op)
			}
		}
	}
	slices.Sort(out)
	return out
}

// OptionExprs returns the expressions of call's syntax at the argument
// indices (receiver first, as go/ssa counts them) of a call of a function
// with signature sig; a variadic parameter stands for all its arguments.
func optionExprs(call *ast.CallExpr, sig *types.Signature, indices []int) []ast.Expr {
	var out []ast.Expr
	for _, i := range indices {
		if sig.Recv() != nil {
			if i == 0 {
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
					out = append(out, sel.X)
				}
				continue
			}
			i--
		}
		switch {
		case sig.Variadic() && i == sig.Params().Len()-1 && i <= len(call.Args):
			out = append(out, call.Args[i:]...)
		case i < len(call.Args):
			out = append(out, call.Args[i])
		}
	}
	return out
}
