package main

import (
	"errors"
	"flag"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// options are the standalone command line, parsed.
type options struct {
	checks   []*analysis.Analyzer // the checks to run
	patterns []string             // package patterns, "." if none

	fix, diff, json, sarif bool
	tests                  bool     // analyse the test variants too
	buildFlags             []string // -tags, for the go command
	context                int      // lines of source around each finding; -1 for none
	version                bool
}

// usageError is a bad command line (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// parseFlags parses the standalone command line. The check flags are
// multichecker's: -CHECK runs only the checks named so, -CHECK=false
// leaves one out, -CHECK.FLAG=value sets an option of a check (its
// Analyzer.Flags, which the check reads when it runs). It returns
// flag.ErrHelp for -h and -help, and a usageError for a bad command line.
func parseFlags(args []string, checks []*analysis.Analyzer) (*options, error) {
	o := &options{context: -1}
	fs := flag.NewFlagSet("redisvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned; usage prints the page
	fs.Usage = func() {}
	fs.BoolVar(&o.fix, "fix", false, "")
	fs.BoolVar(&o.diff, "diff", false, "")
	fs.BoolVar(&o.json, "json", false, "")
	fs.BoolVar(&o.sarif, "sarif", false, "")
	fs.BoolVar(&o.tests, "test", true, "")
	tags := fs.String("tags", "", "")
	fs.IntVar(&o.context, "c", -1, "")
	fs.BoolVar(&o.version, "V", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	enabled := map[string]*triState{}
	for _, a := range checks {
		enabled[a.Name] = new(triState)
		fs.Var(enabled[a.Name], a.Name, "")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil, err
		}
		return nil, usageError{err.Error()}
	}
	if *tags != "" {
		o.buildFlags = []string{"-tags=" + *tags}
	}
	var modes []string
	for _, m := range []struct {
		name string
		on   bool
	}{{"-json", o.json}, {"-sarif", o.sarif}, {"-fix", o.fix}, {"-diff", o.diff}} {
		if m.on {
			modes = append(modes, m.name)
		}
	}
	// -fix -diff is one mode: the diff of the fixes, as in go vet.
	if len(modes) > 1 && !(len(modes) == 2 && o.fix && o.diff) {
		return nil, usageError{strings.Join(modes, " and ") + " do not go together"}
	}
	o.checks = selectChecks(checks, enabled)
	o.patterns = fs.Args()
	if len(o.patterns) == 0 {
		o.patterns = []string{"."}
	}
	return o, nil
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

// triState is a check's flag: unset, or set to true or false.
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
	on, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("want true or false")
	}
	*t = setFalse
	if on {
		*t = setTrue
	}
	return nil
}

func (*triState) IsBoolFlag() bool { return true }
