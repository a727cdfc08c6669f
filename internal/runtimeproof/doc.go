// Package runtimeproof proves at run time what redisvet's messages say a
// finding costs. Its test builds the programs of the fixture module
// testdata/runtime, one per claim, each once with the bug and once with
// the fix (redisvet's own suggested fix where the check has one, else the
// fix its message names, written by hand in fixed.go), runs both against a
// private redis-server and compares what they measured. The same test runs
// redisvet on the programs: the bug must be reported with the cost it is
// measured against, the fix must be silent. `make runtime` prints one
// "runtime: " line per claim.
package runtimeproof
