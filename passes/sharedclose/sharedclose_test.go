package sharedclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/sharedclose"
	"github.com/redisvet/redisvet/testdata"
)

func TestSharedClose(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), sharedclose.Analyzer, "./sharedclose", "./crosspkg/sharedcallers")
}

func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata.Module(t), sharedclose.Analyzer, "./fixes/sharedclose")
}

// TestOtherLibraries runs the check over rueidis clients.
func TestOtherLibraries(t *testing.T) {
	analysistest.Run(t, testdata.Dir(t, "othermod"), sharedclose.Analyzer, "./sharedclose")
}
