package suppress_test

import (
	"slices"
	"testing"

	"github.com/redisvet/redisvet/analyzer"
	"github.com/redisvet/redisvet/passes/internal/suppress"
)

// TestChecksInStep keeps the names that directives may use in step with
// the suite.
func TestChecksInStep(t *testing.T) {
	var names []string
	for _, a := range analyzer.All() {
		names = append(names, a.Name)
	}
	if !slices.Equal(names, suppress.Checks) {
		t.Errorf("suppress.Checks = %v, want the suite's %v", suppress.Checks, names)
	}
}
