package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"

	"github.com/redisvet/redisvet/internal/driver"
)

// The -json output keeps the shape of multichecker's (go vet -json):
// package path -> check -> findings. Only checks are keys, not the
// analyzers they require, and a package's test variant shares its key.
type (
	jsonTree       map[string]map[string][]jsonDiagnostic
	jsonDiagnostic struct {
		Category       string            `json:"category,omitempty"`
		Posn           string            `json:"posn"`
		End            string            `json:"end"`
		Message        string            `json:"message"`
		SuggestedFixes []jsonFix         `json:"suggested_fixes,omitempty"`
		Related        []jsonRelatedInfo `json:"related,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelatedInfo struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

// writeJSON prints the findings as JSON. As with go vet -json, findings
// are output, not failure: the exit code is 0 unless there are errors.
func writeJSON(w io.Writer, res *driver.Result) int {
	tree := jsonTree{}
	if res != nil {
		for _, f := range res.Findings {
			byCheck := tree[f.Package.PkgPath]
			if byCheck == nil {
				byCheck = map[string][]jsonDiagnostic{}
				tree[f.Package.PkgPath] = byCheck
			}
			byCheck[f.Analyzer.Name] = append(byCheck[f.Analyzer.Name], toJSON(res, f))
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err == nil {
		_, err = fmt.Fprintf(w, "%s\n", data)
	}
	if err != nil {
		return exitErrors
	}
	return exitClean
}

func toJSON(res *driver.Result, f driver.Finding) jsonDiagnostic {
	fset := res.Fset
	d := jsonDiagnostic{
		Category: f.Category,
		Posn:     f.Posn.String(),
		End:      f.End.String(),
		Message:  f.Message,
	}
	for _, fix := range f.SuggestedFixes {
		jf := jsonFix{Message: fix.Message}
		for _, e := range fix.TextEdits {
			start := fset.Position(e.Pos)
			jf.Edits = append(jf.Edits, jsonEdit{
				Filename: start.Filename,
				Start:    start.Offset,
				End:      fset.Position(cmp.Or(e.End, e.Pos)).Offset,
				New:      string(e.NewText),
			})
		}
		d.SuggestedFixes = append(d.SuggestedFixes, jf)
	}
	for _, r := range f.Related {
		d.Related = append(d.Related, jsonRelatedInfo{
			Posn:    fset.Position(r.Pos).String(),
			End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
			Message: r.Message,
		})
	}
	return d
}
