package ownership

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// impliedEdges adds to cut the branches that cannot be taken after origin:
// a condition that held on the way to origin (its block is entered only
// through one branch of an If) decides a later If on the same condition,
// its negation, or the same comparison written otherwise, as long as the
// condition is not computed again on the way (no loop runs its If again):
//
//	if slot >= 0 { cn, err = bySlot(slot) }
//	if slot < 0 || err != nil { cn, err = random() } // not after bySlot's success
func impliedEdges(origin ssa.Instruction, cut edges) edges {
	b := origin.Block()
	reach := reachableFrom(b)
	var known []condition
	for x := b; x != nil; x = x.Idom() {
		if len(x.Preds) != 1 {
			continue
		}
		p := x.Preds[0]
		c, ok := branchCondition(p)
		if !ok || reach[p] || p.Succs[0] == p.Succs[1] || !c.stable(reach) {
			continue
		}
		c.negated = c.negated != (x == p.Succs[1])
		known = append(known, c)
	}
	if len(known) == 0 {
		return cut
	}
	for y := range reach {
		c, ok := branchCondition(y)
		if !ok {
			continue
		}
		for _, k := range known {
			holds, decided := k.implies(c)
			if !decided {
				continue
			}
			if cut == nil {
				cut = edges{}
			}
			dead := y.Succs[1] // the branch taken when the condition is false
			if !holds {
				dead = y.Succs[0]
			}
			cut[edge{y, dead}] = true
			break
		}
	}
	return cut
}

// condition is a boolean value, or a comparison, possibly negated.
type condition struct {
	v       ssa.Value // a value that is neither a comparison nor a negation
	cmp     *ssa.BinOp
	negated bool
}

// stable reports whether the condition's value, and its operands', are
// computed in none of the blocks in reach: they are the same there.
func (c condition) stable(reach map[*ssa.BasicBlock]bool) bool {
	vals := []ssa.Value{c.v}
	if c.cmp != nil {
		vals = []ssa.Value{c.cmp, c.cmp.X, c.cmp.Y}
	}
	for _, v := range vals {
		if instr, ok := v.(ssa.Instruction); ok && reach[instr.Block()] {
			return false
		}
	}
	return true
}

func branchCondition(b *ssa.BasicBlock) (condition, bool) {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return condition{}, false
	}
	ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return condition{}, false
	}
	c := condition{v: ifi.Cond}
	for {
		if u, ok := c.v.(*ssa.UnOp); ok && u.Op == token.NOT {
			c.v, c.negated = u.X, !c.negated
			continue
		}
		break
	}
	if bin, ok := c.v.(*ssa.BinOp); ok && isComparison(bin.Op) {
		c.v, c.cmp = nil, bin
	}
	return c, true
}

// implies reports, for a condition k known to hold, whether c then holds,
// and whether k decides c at all.
func (k condition) implies(c condition) (holds, decided bool) {
	switch {
	case k.v != nil && k.v == c.v:
		return k.negated == c.negated, true
	case k.cmp != nil && c.cmp != nil:
		op := c.cmp.Op
		switch {
		case sameValue(k.cmp.X, c.cmp.X) && sameValue(k.cmp.Y, c.cmp.Y):
		case sameValue(k.cmp.X, c.cmp.Y) && sameValue(k.cmp.Y, c.cmp.X):
			op = mirrored(op)
		default:
			return false, false
		}
		kop := k.cmp.Op
		if k.negated {
			kop = negatedOp(kop)
		}
		cop := op
		if c.negated {
			cop = negatedOp(cop)
		}
		switch cop {
		case kop:
			return true, true
		case negatedOp(kop):
			return false, true
		}
	}
	return false, false
}

func isComparison(op token.Token) bool {
	switch op {
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

func negatedOp(op token.Token) token.Token {
	return map[token.Token]token.Token{
		token.EQL: token.NEQ, token.NEQ: token.EQL,
		token.LSS: token.GEQ, token.GEQ: token.LSS,
		token.GTR: token.LEQ, token.LEQ: token.GTR,
	}[op]
}

// mirrored is the comparison with its operands swapped: a < b is b > a.
func mirrored(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// sameValue reports whether a and b are the same SSA value, or equal
// constants of one type.
func sameValue(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	ca, ok1 := a.(*ssa.Const)
	cb, ok2 := b.(*ssa.Const)
	if !ok1 || !ok2 || !types.Identical(ca.Type(), cb.Type()) {
		return false
	}
	if ca.Value == nil || cb.Value == nil {
		return ca.Value == nil && cb.Value == nil
	}
	return ca.Value.Kind() == cb.Value.Kind() && constant.Compare(ca.Value, token.EQL, cb.Value)
}

// reachableFrom returns the blocks reachable from b by at least one edge
// (b itself only through a loop).
func reachableFrom(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	seen := map[*ssa.BasicBlock]bool{}
	work := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		work = append(work, x.Succs...)
	}
	return seen
}
