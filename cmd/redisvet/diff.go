package main

import (
	"fmt"
	"strings"
)

// unifiedDiff returns the unified diff (3 lines of context) that turns
// old into new, under the names oldName and newName; "" if they are
// equal. x/tools' diff package is internal, hence this small one: Myers'
// algorithm on lines.
func unifiedDiff(oldName, newName string, old, new []byte) string {
	a, b := splitLines(string(old)), splitLines(string(new))
	ops := diffLines(a, b)
	const context = 3
	var out strings.Builder
	for i := 0; i < len(ops); i++ {
		if ops[i].kind == ' ' {
			continue
		}
		// A hunk runs from context lines before this change to context
		// lines after the last change that follows within 2*context
		// unchanged lines.
		last := i
		for j := i; j < len(ops) && j-last <= 2*context; j++ {
			if ops[j].kind != ' ' {
				last = j
			}
		}
		start, end := max(i-context, 0), min(last+1+context, len(ops))
		aN, bN := 0, 0
		for _, op := range ops[start:end] {
			aN += btoi(op.kind != '+')
			bN += btoi(op.kind != '-')
		}
		if out.Len() == 0 {
			fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", hunkStart(ops[start].a, aN), aN, hunkStart(ops[start].b, bN), bN)
		for _, op := range ops[start:end] {
			var line string
			if op.kind == '+' {
				line = b[op.b]
			} else {
				line = a[op.a]
			}
			out.WriteByte(op.kind)
			out.WriteString(line)
			if !strings.HasSuffix(line, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end - 1
	}
	return out.String()
}

// diffOp is one line of an edit script: ' ' kept, '-' deleted from a,
// '+' inserted from b; a and b are the line indexes in each (where the
// line would be, for the side that lacks it).
type diffOp struct {
	kind byte
	a, b int
}

// diffLines is Myers' O(ND) diff. trace[d] keeps the furthest x of each
// diagonal -d..d after d edits, enough to walk the path back.
func diffLines(a, b []string) []diffOp {
	n, m := len(a), len(b)
	v := make([]int, 2*(n+m)+3)
	off := n + m + 1
	var trace [][]int
	for d := 0; d <= n+m; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1] // down: insert b[y]
			} else {
				x = v[off+k-1] + 1 // right: delete a[x]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
		}
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
		if v[off+n-m] >= n && n-m >= -d && n-m <= d && (n-m+d)%2 == 0 {
			break
		}
	}
	var ops []diffOp
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		k := x - y
		var px, py int
		if d > 0 {
			prev := trace[d-1] // diagonals -(d-1)..d-1 at index k+d-1
			pk := k - 1
			if k == -d || k != d && prev[k-1+d-1] < prev[k+1+d-1] {
				pk = k + 1
			}
			px = prev[pk+d-1]
			py = px - pk
		}
		for x > px && y > py {
			x, y = x-1, y-1
			ops = append(ops, diffOp{' ', x, y})
		}
		if d > 0 {
			if x == px {
				ops = append(ops, diffOp{'+', x, py})
			} else {
				ops = append(ops, diffOp{'-', px, y})
			}
		}
		x, y = px, py
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}

func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// hunkStart is the first line of a hunk's side, 1-based; for an empty
// side, the line after which it sits.
func hunkStart(index, n int) int {
	if n == 0 {
		return index
	}
	return index + 1
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
