package watchtx_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/watchtx"
	"github.com/redisvet/redisvet/testdata"
)

func TestWatchTx(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), watchtx.Analyzer, "./watchtx")
}

func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata.Module(t), watchtx.Analyzer, "./fixes/watchtx")
}
