// Command floor is the cost floor of redisvet: the same driver
// (multichecker) running one analyzer that does nothing but declares a
// fact type, as redisvet's ownership analyzer does. A fact type makes the
// driver load every package, dependencies included, from source, type
// check it and plumb facts between packages: what any fact-based analyzer
// pays before it analyses anything. bench/harness compares redisvet with
// it.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// noFact is never exported: declaring it is enough.
type noFact struct{}

func (*noFact) AFact()         {}
func (*noFact) String() string { return "noFact" }

var analyzer = &analysis.Analyzer{
	Name:      "floor",
	Doc:       "do nothing, with a fact type (the cost floor of a fact-based analyzer)",
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(analyzer) }
