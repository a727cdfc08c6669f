package timeunit_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/timeunit"
	"github.com/redisvet/redisvet/testdata"
)

func TestTimeUnit(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), timeunit.Analyzer, "./timeunit")
}

func TestMultiplyFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata.Module(t), timeunit.Analyzer, "./fixes/timeunit")
}

// TestOtherLibraries runs the check over redigo and rueidis.
func TestOtherLibraries(t *testing.T) {
	analysistest.Run(t, testdata.Dir(t, "othermod"), timeunit.Analyzer, "./timeunit")
}
