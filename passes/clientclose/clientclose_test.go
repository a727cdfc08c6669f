package clientclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/clientclose"
	"github.com/redisvet/redisvet/testdata"
)

func TestClientClose(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), clientclose.Analyzer, "./clientclose")
}

func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata.Module(t), clientclose.Analyzer, "./fixes/client")
}
