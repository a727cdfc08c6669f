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
