package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"maps"
	"os"
	"slices"

	"github.com/redisvet/redisvet/internal/driver"
)

// applyFixes applies the first suggested fix of each finding (-fix) or prints the
// fixes as a unified diff without applying them (-diff, -fix -diff). The
// public checker API leaves fix application to its drivers, so this is a
// small one: non-overlapping edits, identical edits once (a package and
// its test variant suggest the same fix), a fix that overlaps one already
// taken or edits a generated file is left out, each fixed file gofmt'ed.
//
// -fix prints "path:line:col: fixed: message (check)" for each finding it
// fixed and the findings it could not fix as usual; -diff prints the
// patch on stdout and the findings it does not fix on stderr, so that the
// patch stays one. The exit code is exitFindings if findings are left:
// with -diff, all of them are.
func applyFixes(stdout, stderr io.Writer, res *driver.Result, wd string, diffOnly bool) int {
	if res == nil {
		return exitClean
	}
	p, err := planFixes(res)
	if err != nil {
		fmt.Fprintf(stderr, "redisvet: %v\n", err)
		return exitErrors
	}
	code := exitClean
	for _, name := range slices.Sorted(maps.Keys(p.files)) {
		ff := p.files[name]
		if diffOnly {
			rel := relPath(wd, name)
			io.WriteString(stdout, unifiedDiff("a/"+rel, "b/"+rel, ff.old, ff.new))
		} else if err := os.WriteFile(name, ff.new, ff.perm); err != nil {
			fmt.Fprintf(stderr, "redisvet: %v\n", err)
			code = exitErrors
		}
	}
	left := 0
	for i, f := range res.Findings {
		switch {
		case !p.fixed[i]:
			left++
			w := stdout
			if diffOnly {
				w = stderr
			}
			fmt.Fprintln(w, findingLine(wd, f, ""))
		case !diffOnly:
			fmt.Fprintln(stdout, findingLine(wd, f, "fixed: "))
		}
	}
	if p.skipped > 0 {
		fmt.Fprintf(stderr, "redisvet: %d fixes left out: they overlap other fixes or edit generated files; run redisvet -fix again\n", p.skipped)
	}
	if code == exitClean && (left > 0 || diffOnly && len(res.Findings) > 0) {
		code = exitFindings
	}
	return code
}

// edit replaces the bytes [start, end) of a file with text.
type edit struct {
	start, end int
	text       string
}

// fileFix is a file before and after its fixes.
type fileFix struct {
	old, new []byte
	perm     os.FileMode
	edits    []edit
}

// fixPlan is the fixes that apply together.
type fixPlan struct {
	files   map[string]*fileFix
	fixed   []bool // by index in Result.Findings
	skipped int    // fixes left out
}

func planFixes(res *driver.Result) (*fixPlan, error) {
	p := &fixPlan{files: map[string]*fileFix{}, fixed: make([]bool, len(res.Findings))}
	generated := map[string]bool{}
	for i, f := range res.Findings {
		if len(f.SuggestedFixes) == 0 || len(f.SuggestedFixes[0].TextEdits) == 0 {
			continue
		}
		byFile := map[string][]edit{}
		for _, te := range f.SuggestedFixes[0].TextEdits {
			tf := res.Fset.File(te.Pos)
			e := edit{tf.Offset(te.Pos), tf.Offset(cmp.Or(te.End, te.Pos)), string(te.NewText)}
			byFile[tf.Name()] = append(byFile[tf.Name()], e)
			if _, ok := p.files[tf.Name()]; !ok {
				ff, err := readForFix(tf)
				if err != nil {
					return nil, err
				}
				p.files[tf.Name()] = ff
				generated[tf.Name()] = isGenerated(ff.old)
			}
		}
		ok := true
		for name, es := range byFile {
			ok = ok && !generated[name] && !slices.ContainsFunc(es, func(e edit) bool { return conflicts(p.files[name].edits, e) })
		}
		if !ok {
			p.skipped++
			continue
		}
		for name, es := range byFile {
			ff := p.files[name]
			for _, e := range es {
				if !slices.Contains(ff.edits, e) {
					ff.edits = append(ff.edits, e)
				}
			}
		}
		p.fixed[i] = true
	}
	for name, ff := range p.files {
		if len(ff.edits) == 0 {
			delete(p.files, name) // every fix to it was left out
			continue
		}
		ff.new = apply(ff.old, ff.edits)
		if src, err := format.Source(ff.new); err == nil {
			ff.new = src
		}
	}
	return p, nil
}

// readForFix reads a file to fix, making sure it is the file that was
// analysed.
func readForFix(tf *token.File) (*fileFix, error) {
	info, err := os.Stat(tf.Name())
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(tf.Name())
	if err != nil {
		return nil, err
	}
	if len(src) != tf.Size() {
		return nil, fmt.Errorf("%s changed while redisvet ran: no fixes applied", tf.Name())
	}
	return &fileFix{old: src, perm: info.Mode().Perm()}, nil
}

// conflicts reports whether e overlaps one of edits (an identical edit
// does not: it is applied once). Two insertions at one offset conflict,
// as their order is unknown.
func conflicts(edits []edit, e edit) bool {
	return slices.ContainsFunc(edits, func(a edit) bool {
		if a == e {
			return false
		}
		return a.start < e.end && e.start < a.end || a.start == a.end && e.start == e.end && a.start == e.start
	})
}

// apply applies non-overlapping edits to src.
func apply(src []byte, edits []edit) []byte {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(a, b edit) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end)) })
	var out bytes.Buffer
	at := 0
	for _, e := range edits {
		out.Write(src[at:e.start])
		out.WriteString(e.text)
		at = e.end
	}
	out.Write(src[at:])
	return out.Bytes()
}

// isGenerated reports whether a Go file says it is generated: fixes
// would be lost when it is generated again.
func isGenerated(src []byte) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly|parser.ParseComments)
	return err == nil && ast.IsGenerated(f)
}
