// Package sarif writes redisvet's findings as SARIF 2.1.0, the format of
// GitHub code scanning: one rule per check, with the check's
// documentation, and one result per finding with its range and fixes.
package sarif

import (
	"encoding/json"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/internal/driver"
)

// Log is a SARIF log with one run.
type Log struct {
	Version string `json:"version"`
	Schema  string `json:"$schema"`
	Runs    []Run  `json:"runs"`
}

// Run is one run of the tool.
type Run struct {
	Tool              Tool                   `json:"tool"`
	Invocations       []Invocation           `json:"invocations"`
	Results           []Result               `json:"results"`
	OriginalURIBaseID map[string]ArtifactURI `json:"originalUriBaseIds,omitempty"`
	ColumnKind        string                 `json:"columnKind"`
}

// Tool describes redisvet.
type Tool struct {
	Driver Driver `json:"driver"`
}

// Driver is the tool component that produced the results.
type Driver struct {
	Name           string `json:"name"`
	InformationURI string `json:"informationUri"`
	Rules          []Rule `json:"rules"`
}

// Invocation says whether the run succeeded; the errors that kept
// packages from being analysed are its notifications.
type Invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []Notification `json:"toolExecutionNotifications,omitempty"`
}

// Notification is an error of the run, such as a package that does not
// compile.
type Notification struct {
	Level   string  `json:"level"`
	Message Message `json:"message"`
}

// Rule describes one check.
type Rule struct {
	ID                   string  `json:"id"`
	Name                 string  `json:"name"`
	ShortDescription     Message `json:"shortDescription"`
	FullDescription      Message `json:"fullDescription"`
	HelpURI              string  `json:"helpUri,omitempty"`
	Help                 Message `json:"help"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

// Message is a plain-text message.
type Message struct {
	Text string `json:"text"`
}

// Result is one finding.
type Result struct {
	RuleID    string     `json:"ruleId"`
	RuleIndex int        `json:"ruleIndex"`
	Level     string     `json:"level"`
	Message   Message    `json:"message"`
	Locations []Location `json:"locations"`
	Fixes     []Fix      `json:"fixes,omitempty"`
}

// Location is where a finding is.
type Location struct {
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
}

// PhysicalLocation is a file and a region in it.
type PhysicalLocation struct {
	ArtifactLocation ArtifactURI `json:"artifactLocation"`
	Region           Region      `json:"region"`
}

// ArtifactURI names a file, relative to a base.
type ArtifactURI struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// Region is a range of a file, 1-based, end exclusive.
type Region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// Fix is a suggested fix.
type Fix struct {
	Description     Message          `json:"description"`
	ArtifactChanges []ArtifactChange `json:"artifactChanges"`
}

// ArtifactChange is the edits of a fix in one file.
type ArtifactChange struct {
	ArtifactLocation ArtifactURI   `json:"artifactLocation"`
	Replacements     []Replacement `json:"replacements"`
}

// Replacement replaces a region with new text.
type Replacement struct {
	DeletedRegion   Region  `json:"deletedRegion"`
	InsertedContent Message `json:"insertedContent"`
}

const srcRoot = "%SRCROOT%"

// Build makes the SARIF log of a run of the checks. Paths are relative to
// root (the repository), which becomes %SRCROOT%. res may be nil when no
// package could be analysed; errs are the errors of the run, which make
// it unsuccessful.
func Build(checks []*analysis.Analyzer, res *driver.Result, root string, errs []string) *Log {
	inv := Invocation{ExecutionSuccessful: len(errs) == 0}
	for _, e := range errs {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, Notification{Level: "error", Message: Message{e}})
	}
	run := Run{
		Tool:              Tool{Driver: Driver{Name: "redisvet", InformationURI: "https://github.com/redisvet/redisvet"}},
		Invocations:       []Invocation{inv},
		Results:           []Result{},
		ColumnKind:        "utf16CodeUnits",
		OriginalURIBaseID: map[string]ArtifactURI{srcRoot: {URI: "file://" + filepath.ToSlash(root) + "/"}},
	}
	index := map[string]int{}
	for i, a := range checks {
		title, body, _ := strings.Cut(a.Doc, "\n")
		r := Rule{
			ID:               a.Name,
			Name:             a.Name,
			ShortDescription: Message{title},
			FullDescription:  Message{strings.TrimSpace(body)},
			HelpURI:          a.URL,
			Help:             Message{a.Doc},
		}
		r.DefaultConfiguration.Level = "warning"
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, r)
		index[a.Name] = i
	}
	if res == nil {
		res = &driver.Result{}
	}
	files := fileCache{}
	for _, f := range res.Findings {
		result := Result{
			RuleID:    f.Analyzer.Name,
			RuleIndex: index[f.Analyzer.Name],
			Level:     "warning",
			Message:   Message{f.Message},
			Locations: []Location{{PhysicalLocation{
				ArtifactLocation: artifact(root, f.Posn.Filename),
				Region:           files.region(f.Posn, f.End),
			}}},
		}
		for _, fix := range f.SuggestedFixes {
			result.Fixes = append(result.Fixes, buildFix(res.Fset, root, fix, files))
		}
		run.Results = append(run.Results, result)
	}
	return &Log{
		Version: "2.1.0",
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Runs:    []Run{run},
	}
}

// Write writes the log as indented JSON.
func (l *Log) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(l)
}

func buildFix(fset *token.FileSet, root string, fix analysis.SuggestedFix, files fileCache) Fix {
	out := Fix{Description: Message{fix.Message}}
	byFile := map[string]int{}
	for _, te := range fix.TextEdits {
		start := fset.Position(te.Pos)
		end := start
		if te.End.IsValid() {
			end = fset.Position(te.End)
		}
		i, ok := byFile[start.Filename]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[start.Filename] = i
			out.ArtifactChanges = append(out.ArtifactChanges, ArtifactChange{ArtifactLocation: artifact(root, start.Filename)})
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, Replacement{
			DeletedRegion:   files.region(start, end),
			InsertedContent: Message{string(te.NewText)},
		})
	}
	return out
}

func artifact(root, file string) ArtifactURI {
	if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
		return ArtifactURI{URI: filepath.ToSlash(rel), URIBaseID: srcRoot}
	}
	return ArtifactURI{URI: "file://" + filepath.ToSlash(file)}
}

// fileCache reads source files to turn byte columns into the UTF-16 code
// units that SARIF counts.
type fileCache map[string][]byte

func (c fileCache) region(start, end token.Position) Region {
	return Region{
		StartLine:   start.Line,
		StartColumn: c.column(start),
		EndLine:     end.Line,
		EndColumn:   c.column(end),
	}
}

func (c fileCache) column(p token.Position) int {
	src, ok := c[p.Filename]
	if !ok {
		src, _ = os.ReadFile(p.Filename)
		c[p.Filename] = src
	}
	lineStart := p.Offset - (p.Column - 1)
	if lineStart < 0 || p.Offset > len(src) {
		return p.Column
	}
	units := 0
	for b := src[lineStart:p.Offset]; len(b) > 0; {
		r, size := utf8.DecodeRune(b)
		units += utf16.RuneLen(r)
		b = b[size:]
	}
	return units + 1
}
