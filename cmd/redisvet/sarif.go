package main

import (
	"fmt"
	"io"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/internal/driver"
	"github.com/redisvet/redisvet/internal/sarif"
)

// writeSARIF writes the SARIF 2.1.0 log of the run to w: the results of
// the packages that were analysed and the errors as tool execution
// notifications, so that a CI upload step always has a file. Paths are
// relative to wd. It returns exitFindings if there are findings (the
// caller makes errors exitErrors).
func writeSARIF(w, stderr io.Writer, checks []*analysis.Analyzer, res *driver.Result, wd string, errs []string) int {
	if err := sarif.Build(checks, res, wd, errs).Write(w); err != nil {
		fmt.Fprintf(stderr, "redisvet: %v\n", err)
		return exitErrors
	}
	if res != nil && len(res.Findings) > 0 {
		return exitFindings
	}
	return exitClean
}
