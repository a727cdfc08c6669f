// Command redisvet finds Redis connection misuse in Go code: go-redis
// clients, PubSub and Conn handles and pipelines that are leaked or never
// executed.
//
// Standalone:
//
//	redisvet [-fix [-diff]] [-json] [-CHECK[=false]] ./...
//	redisvet -sarif [-CHECK[=false]] ./... > redisvet.sarif
//
// As a vet tool:
//
//	go vet -vettool=$(which redisvet) ./...
//
// redisvet help lists the checks; redisvet help CHECK documents one.
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
	if len(os.Args) == 2 {
		switch os.Args[1] {
		case "help":
			listChecks(os.Stdout, analyzer.All())
			return
		case "version", "-V", "--V", "-version", "--version":
			// -V=full stays go vet's handshake, answered by multichecker.
			fmt.Println("redisvet", version())
			return
		}
	}
	if wantsSARIF(os.Args[1:]) {
		os.Exit(runSARIF(os.Args[1:], analyzer.All(), os.Stdout, os.Stderr))
	}
	// multichecker parses the flags itself, answers go vet's -V=full and
	// -flags handshake, runs a lone *.cfg argument as a vet unit, and
	// documents one check for "redisvet help CHECK": nothing may call
	// flag.Parse before it.
	// -sarif is handled above; registering it (without parsing) lists it in
	// -h and lets -sarif=false through.
	flag.Bool("sarif", false, "write SARIF 2.1.0 for GitHub code scanning to stdout (standalone only)")
	multichecker.Main(analyzer.All()...)
}

// version is the module version redisvet was built at: a tag for go
// install module@version, "(devel)" for a build from a clone.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// listChecks prints the short listing of "redisvet help".
func listChecks(w io.Writer, checks []*analysis.Analyzer) {
	fmt.Fprint(w, `redisvet: find Redis connection misuse in Go code

Usage:
  redisvet [-fix [-diff] | -json | -sarif] [-CHECK=false] ./...   standalone
  go vet -vettool=$(which redisvet) ./...                          under go vet

Checks:
`)
	for _, a := range checks {
		title, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(w, "  %-13s %s\n", a.Name, title)
	}
	fmt.Fprint(w, "\nRun \"redisvet help CHECK\" for the documentation and flags of one check,\nand \"redisvet -h\" for every flag.\n")
}
