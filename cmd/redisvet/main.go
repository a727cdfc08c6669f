// Command redisvet finds Redis connection misuse in Go code that uses
// go-redis, redigo, rueidis or valkey-go: PubSubs, conns and clients that
// are leaked or closed by code that does not own them, pipelines that are
// never executed, and more (redisvet help lists the checks).
//
// Standalone, on package patterns as the go command takes them:
//
//	redisvet [-CHECK[=false]] [-tags=a,b] [-test=false] ./...
//	redisvet -fix ./...      apply the suggested fixes
//	redisvet -diff ./...     print them as a unified diff, change nothing
//	redisvet -json ./...     findings as JSON, by package and check
//	redisvet -sarif ./... > redisvet.sarif
//
// Findings are printed to stdout as "path:line:col: message (check)",
// sorted by file and position, with paths relative to the working
// directory; errors go to stderr. Exit status: 0 no findings, 3 findings
// (also -fix when findings are left, but 0 for -json), 1 errors, 2 a bad
// command line.
//
// As a vet tool, in go vet's own format:
//
//	go vet -vettool=$(which redisvet) ./...
//
// redisvet -h prints the checks and flags; redisvet help CHECK documents
// one check.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/redisvet/redisvet/analyzer"
)

func main() {
	args := os.Args[1:]
	if len(args) == 1 {
		switch args[0] {
		case "help":
			usage(os.Stdout, analyzer.All())
			return
		case "version":
			fmt.Println("redisvet", version())
			return
		}
	}
	if vetProtocol(args) || len(args) > 1 && args[0] == "help" {
		// multichecker speaks go vet's protocol (-V=full, -flags, then a
		// *.cfg unit for unitchecker) and documents one check for "help
		// CHECK": nothing may call flag.Parse before it.
		multichecker.Main(analyzer.All()...)
		return
	}
	os.Exit(standalone(args, analyzer.All(), os.Stdout, os.Stderr))
}

// vetProtocol reports whether go vet is running redisvet: it asks for
// -V=full and -flags alone, then passes flags and one *.cfg file.
func vetProtocol(args []string) bool {
	if len(args) == 1 {
		switch strings.TrimPrefix(args[0], "-") {
		case "-V=full", "V=full", "-flags", "flags":
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// version is the module version redisvet was built at: a tag for go
// install module@version, "(devel)" for a build from a clone.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// usage prints the page of "redisvet help" and "redisvet -h": what
// redisvet is, its checks and the flags of the standalone command.
func usage(w io.Writer, checks []*analysis.Analyzer) {
	fmt.Fprint(w, `redisvet: find Redis connection misuse in Go code

redisvet reports Go code that leaks or misuses Redis connections through
go-redis, redigo, rueidis or valkey-go: PubSubs, conns and clients that are
not released, pipelines that are never executed, clients built per request.

Usage:
  redisvet [flags] [packages]                   standalone (packages: . by default)
  go vet -vettool=$(which redisvet) [packages]  under go vet, in its format

Checks:
`)
	listChecks(w, checks)
	fmt.Fprint(w, `
Flags:
  -fix           apply the suggested fixes; print what was fixed and the findings left
  -diff          print the suggested fixes as a unified diff, change nothing
  -json          print the findings as JSON, by package and check
  -sarif         print SARIF 2.1.0 (GitHub code scanning)
  -test=false    leave out the test files (analysed by default)
  -tags=a,b      build tags, as for go build
  -c=N           print N lines of source around each finding
  -CHECK         run only the checks named so (-connclose -pipelineexec)
  -CHECK=false   run every check but this one
  -CHECK.FLAG=v  set an option of a check:
`)
	for _, a := range checks {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(w, "      -%s.%s=value\n%s", a.Name, f.Name, wrap(f.Usage, "          ", 80))
		})
	}
	fmt.Fprint(w, `  -V, -version   print redisvet's version

Findings go to stdout as "path:line:col: message (check)", errors to stderr.
Exit status: 0 no findings, 3 findings (-fix: findings left; -json: 0),
1 errors (a package that does not compile), 2 a bad command line.

Run "redisvet help CHECK" for the documentation and flags of one check.
`)
}

// wrap breaks text into lines of at most width columns, each indented.
func wrap(text, indent string, width int) string {
	var b, line strings.Builder
	for _, word := range strings.Fields(text) {
		if line.Len() > 0 && len(indent)+line.Len()+1+len(word) > width {
			fmt.Fprintf(&b, "%s%s\n", indent, line.String())
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(word)
	}
	if line.Len() > 0 {
		fmt.Fprintf(&b, "%s%s\n", indent, line.String())
	}
	return b.String()
}

// listChecks prints one line per check: its name and the title of its doc.
func listChecks(w io.Writer, checks []*analysis.Analyzer) {
	for _, a := range checks {
		title, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(w, "  %-13s %s\n", a.Name, title)
	}
}
