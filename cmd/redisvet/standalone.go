package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/internal/driver"
)

// Exit codes of the standalone command.
const (
	exitClean    = 0
	exitErrors   = 1 // load or analysis errors: the output is partial
	exitUsage    = 2
	exitFindings = 3
)

// standalone runs the checks over the packages named on the command line
// and prints the findings in the mode asked for. It returns the exit
// code.
func standalone(args []string, checks []*analysis.Analyzer, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, checks)
	switch {
	case err == flag.ErrHelp:
		usage(stdout, checks)
		return exitClean
	case err != nil:
		fmt.Fprintf(stderr, "redisvet: %v\nRun \"redisvet -h\" for the flags.\n", err)
		return exitUsage
	case o.version:
		fmt.Fprintln(stdout, "redisvet", version())
		return exitClean
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "redisvet: %v\n", err)
		return exitErrors
	}
	res, errs := analyze(wd, o)
	code := exitClean
	switch {
	case o.sarif:
		code = writeSARIF(stdout, stderr, o.checks, res, wd, errs)
	case o.json:
		code = writeJSON(stdout, res)
	case o.fix || o.diff:
		code = applyFixes(stdout, stderr, res, wd, o.diff)
	default:
		code = printText(stdout, res, wd, o.context)
	}
	if len(errs) > 0 {
		if !o.sarif { // SARIF carries them as notifications
			for _, e := range errs {
				fmt.Fprintln(stderr, e)
			}
		}
		code = exitErrors
	}
	return code
}

// analyze loads the packages and runs the checks on those that load. It
// returns the findings (nil if no package could be analysed) and the
// errors of the run, one line each, paths relative to wd.
func analyze(wd string, o *options) (*driver.Result, []string) {
	cfg := &driver.Config{Dir: wd, Tests: o.tests, BuildFlags: o.buildFlags}
	loaded, err := cfg.Load(o.patterns...)
	if err != nil {
		return nil, []string{loadError(wd, err)}
	}
	var errs []string
	for _, e := range loaded.Errors {
		errs = append(errs, packageError(wd, e))
	}
	if len(errs) > 0 {
		if msg := noModule(wd); msg != "" {
			return nil, []string{msg}
		}
	}
	res, err := driver.Analyze(o.checks, loaded.Packages)
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			errs = append(errs, "redisvet: "+e.Error())
		}
	} else if err != nil {
		errs = append(errs, "redisvet: "+err.Error())
	}
	return res, errs
}
