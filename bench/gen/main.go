// Command gen writes a large synthetic Go module that uses go-redis v9,
// for measuring redisvet: hundreds of packages of HTTP handlers, workers,
// PubSub listeners and wrappers across packages, with the bugs redisvet's
// checks report and their correct forms, among packages of plain business
// logic that never touch Redis.
//
//	go run ./bench/gen -dir /tmp/mod -seed 1 -lines 50000
//
// The output is a function of -seed, -lines and -module only: the same
// flags give byte-identical files. It prints one line of statistics,
// which is also kept in BENCHGEN.txt in the module:
//
//	lines=50012 files=... packages=... pubsubclose=N ... planted=N suppressed=N
//
// planted counts the bugs planted for each check (the findings redisvet
// should report); suppressed counts those silenced by a //redisvet:ignore
// directive.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	dir := flag.String("dir", "", "directory to write the module into (absent or empty)")
	seed := flag.Int64("seed", 1, "random seed")
	lines := flag.Int("lines", 50000, "target total lines of Go")
	module := flag.String("module", "example.com/benchmod", "module path")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -dir DIR [-seed N] [-lines N] [-module PATH]")
		os.Exit(2)
	}
	st, err := Generate(*dir, Options{Seed: *seed, Lines: *lines, Module: *module})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Println(st.Summary())
}
