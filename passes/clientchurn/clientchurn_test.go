package clientchurn_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/clientchurn"
	"github.com/redisvet/redisvet/testdata"
)

func TestClientChurn(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), clientchurn.Analyzer, "./clientchurn")
}

func TestHoistFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata.Module(t), clientchurn.Analyzer, "./fixes/churn")
}

// TestFrameworks runs over handlers of the real gin, echo, fiber (v2 and
// v3) and gRPC modules, with per-call helpers in another package.
func TestFrameworks(t *testing.T) {
	analysistest.Run(t, testdata.Dir(t, "webmod"), clientchurn.Analyzer, "./handlers")
}

// TestOtherLibraries runs the check over rueidis clients and redigo pools.
func TestOtherLibraries(t *testing.T) {
	analysistest.Run(t, testdata.Dir(t, "othermod"), clientchurn.Analyzer, "./clientchurn")
}
