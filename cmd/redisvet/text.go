package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/redisvet/redisvet/internal/driver"
)

// printText prints the findings as staticcheck does,
// "path:line:col: message (check)", in the order of driver.Result: by
// file and position. With context >= 0 each finding is followed by its
// lines of source and context lines around them, as multichecker's -c.
// It returns exitFindings if there are any.
func printText(w io.Writer, res *driver.Result, wd string, context int) int {
	if res == nil || len(res.Findings) == 0 {
		return exitClean
	}
	bw := bufio.NewWriter(w)
	sources := map[string][]string{}
	for _, f := range res.Findings {
		fmt.Fprintln(bw, findingLine(wd, f, ""))
		if context >= 0 {
			lines, ok := sources[f.Posn.Filename]
			if !ok {
				data, _ := os.ReadFile(f.Posn.Filename)
				lines = strings.Split(string(data), "\n")
				sources[f.Posn.Filename] = lines
			}
			for i := max(f.Posn.Line-context, 1); i <= min(f.End.Line+context, len(lines)); i++ {
				fmt.Fprintf(bw, "%d\t%s\n", i, lines[i-1])
			}
		}
	}
	bw.Flush()
	return exitFindings
}

// findingLine is the one-line form of a finding; what says what became of
// it (-fix's "fixed: ").
func findingLine(wd string, f driver.Finding, what string) string {
	return fmt.Sprintf("%s:%d:%d: %s%s (%s)", relPath(wd, f.Posn.Filename), f.Posn.Line, f.Posn.Column, what, f.Message, f.Analyzer.Name)
}
