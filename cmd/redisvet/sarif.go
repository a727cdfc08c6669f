package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/internal/driver"
	"github.com/redisvet/redisvet/internal/sarif"
)

// wantsSARIF reports whether the command line asks for SARIF output. The
// flag is looked for, not parsed, so that go vet's handshake and every
// other mode still reach multichecker untouched.
func wantsSARIF(args []string) bool {
	for _, a := range args {
		if strings.HasSuffix(a, ".cfg") {
			return false // a go vet unit: vet has no SARIF
		}
	}
	for _, a := range args {
		switch a {
		case "-sarif", "--sarif", "-sarif=true", "--sarif=true":
			return true
		}
	}
	return false
}

// runSARIF runs the checks selected on the command line over the packages
// and writes SARIF 2.1.0 to stdout. It takes the same check flags as the
// standalone driver (-CHECK, -CHECK=false, -CHECK.FLAG=value) and returns
// the exit code: 0 clean, 3 findings, 1 errors.
func runSARIF(args []string, checks []*analysis.Analyzer, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("redisvet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("sarif", true, "write SARIF 2.1.0 to stdout")
	enabled := map[string]*triState{}
	for _, a := range checks {
		enabled[a.Name] = new(triState)
		fs.Var(enabled[a.Name], a.Name, "enable "+a.Name)
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	selected := selectChecks(checks, enabled)
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	pkgs, err := driver.Load(wd, nil, nil, patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "redisvet: %v\n", err)
		return 1
	}
	res, err := driver.Analyze(selected, pkgs)
	if err != nil {
		fmt.Fprintf(stderr, "redisvet: %v\n", err)
		return 1
	}
	if err := sarif.Build(selected, res, wd).Write(stdout); err != nil {
		fmt.Fprintf(stderr, "redisvet: %v\n", err)
		return 1
	}
	if len(res.Findings) > 0 {
		return 3
	}
	return 0
}

// selectChecks applies multichecker's rule: if any check is enabled
// explicitly, run only those; otherwise run all but the disabled ones.
func selectChecks(checks []*analysis.Analyzer, enabled map[string]*triState) []*analysis.Analyzer {
	anyTrue := false
	for _, t := range enabled {
		anyTrue = anyTrue || *t == setTrue
	}
	return slices.DeleteFunc(slices.Clone(checks), func(a *analysis.Analyzer) bool {
		t := *enabled[a.Name]
		if anyTrue {
			return t != setTrue
		}
		return t == setFalse
	})
}

type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) String() string {
	if t != nil && *t == setFalse {
		return "false"
	}
	return "true"
}

func (t *triState) Set(s string) error {
	switch s {
	case "true", "1", "t":
		*t = setTrue
	case "false", "0", "f":
		*t = setFalse
	default:
		return fmt.Errorf("invalid boolean %q", s)
	}
	return nil
}

func (*triState) IsBoolFlag() bool { return true }
