// Package pathological is filled at benchmark time with generated
// functions (giant, deeply nested, many-branched) between a creation and
// its release; see passes/internal/ownership's benchmarks.
package pathological
