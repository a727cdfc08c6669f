// Package suppress implements //redisvet:ignore directives, shared by every
// check:
//
//	//redisvet:ignore pubsubclose the listener lives as long as the process
//	ps := rdb.Subscribe(ctx, "events")
//
// A directive names one or more checks (comma-separated) and a reason, and
// silences their findings on its own line and on the line below. Like
// staticcheck's //lint:ignore, a directive without a reason and one that
// silences nothing are findings themselves, so that suppressions stay
// explained and do not outlive the code they were written for.
package suppress

import (
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

const prefix = "//redisvet:ignore"

// Checks are the names of every redisvet check, in the order of the
// catalogue (the analyzer package's test keeps them in step). The first
// reports malformed directives, once per directive: a directive that
// names no check, or a name that is no check.
var Checks = []string{"pubsubclose", "connclose", "pipelineexec", "clientchurn", "clientclose", "sharedclose", "watchtx", "timeunit", "poolconfig"}

type directive struct {
	pos    token.Pos
	file   string
	line   int
	checks []string
	reason string
	used   bool
}

// Run wraps a check's run function so that its diagnostics honour the
// directives of the package. Findings in generated files (those with a
// "Code generated ... DO NOT EDIT." header) are dropped too: nobody can act
// on them there.
func Run(run func(pass *analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (any, error) {
		if pass.Analyzer.Name == Checks[0] {
			reportMalformed(pass)
		}
		dirs := directives(pass)
		generated := generatedFiles(pass)
		if len(dirs) == 0 && len(generated) == 0 {
			return run(pass)
		}
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if !generated[pass.Fset.File(d.Pos)] && !suppressed(pass, dirs, d) {
				report(d)
			}
		}
		defer func() { pass.Report = report }()
		res, err := run(pass)
		if err != nil {
			return res, err
		}
		for _, dir := range dirs {
			switch {
			case dir.reason == "" && dir.checks[0] == pass.Analyzer.Name:
				report(analysis.Diagnostic{Pos: dir.pos, Message: "this redisvet:ignore directive gives no reason: add one after the check names, saying why the finding does not apply"})
			case !dir.used:
				report(analysis.Diagnostic{Pos: dir.pos, Message: "this redisvet:ignore directive suppresses no " + pass.Analyzer.Name + " finding: remove it, or move it to the line of the finding or the line above"})
			}
		}
		return res, nil
	}
}

// reportMalformed reports the directives that name no check, or a name
// that is no check of the suite (a misspelling silences nothing).
func reportMalformed(pass *analysis.Pass) {
	for _, f := range pass.Files {
		for _, group := range f.Comments {
			for _, c := range group.List {
				fields, ok := directiveFields(c)
				if !ok {
					continue
				}
				if len(fields) == 0 {
					pass.Report(analysis.Diagnostic{Pos: c.Slash, Message: "this redisvet:ignore directive names no check: write //redisvet:ignore CHECK reason, with one of " + strings.Join(Checks, ", ")})
					continue
				}
				for _, name := range strings.Split(fields[0], ",") {
					if !slices.Contains(Checks, name) {
						pass.Report(analysis.Diagnostic{Pos: c.Slash, Message: "this redisvet:ignore directive names " + strconv.Quote(name) + ", which is no redisvet check, so it silences nothing: the checks are " + strings.Join(Checks, ", ")})
					}
				}
			}
		}
	}
}

// generatedFiles returns the package's generated files, but not cgo's
// output: it is the user's file rewritten, and its line directives map the
// findings back to it.
func generatedFiles(pass *analysis.Pass) map[*token.File]bool {
	var out map[*token.File]bool
	for _, f := range pass.Files {
		if ast.IsGenerated(f) && !cgoOutput(f) {
			if out == nil {
				out = map[*token.File]bool{}
			}
			out[pass.Fset.File(f.FileStart)] = true
		}
	}
	return out
}

// directives returns the package's directives that name the pass's check.
func directives(pass *analysis.Pass) []*directive {
	var dirs []*directive
	for _, f := range pass.Files {
		for _, group := range f.Comments {
			for _, c := range group.List {
				if d := parse(pass, c); d != nil && slices.Contains(d.checks, pass.Analyzer.Name) {
					dirs = append(dirs, d)
				}
			}
		}
	}
	return dirs
}

func parse(pass *analysis.Pass, c *ast.Comment) *directive {
	fields, ok := directiveFields(c)
	if !ok || len(fields) == 0 {
		return nil
	}
	posn := pass.Fset.Position(c.Slash)
	return &directive{
		pos:    c.Slash,
		file:   posn.Filename,
		line:   posn.Line,
		checks: strings.Split(fields[0], ","),
		reason: strings.Join(fields[1:], " "),
	}
}

// directiveFields returns the words of a //redisvet:ignore comment (the
// check names, then the reason); ok is false for any other comment.
func directiveFields(c *ast.Comment) (fields []string, ok bool) {
	rest, ok := strings.CutPrefix(c.Text, prefix)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil, false
	}
	// A further "//" starts another comment, not part of the reason.
	rest, _, _ = strings.Cut(rest, "//")
	return strings.Fields(rest), true
}

func suppressed(pass *analysis.Pass, dirs []*directive, d analysis.Diagnostic) bool {
	posn := pass.Fset.Position(d.Pos)
	hit := false
	for _, dir := range dirs {
		if dir.file == posn.Filename && (posn.Line == dir.line || posn.Line == dir.line+1) {
			dir.used = true
			hit = true
		}
	}
	return hit
}

// cgoOutput reports whether f is a user's cgo file as cmd/cgo rewrote it.
func cgoOutput(f *ast.File) bool {
	for _, group := range f.Comments {
		if group.Pos() > f.Package {
			break
		}
		for _, c := range group.List {
			if c.Text == "// Code generated by cmd/cgo; DO NOT EDIT." {
				return true
			}
		}
	}
	return false
}
