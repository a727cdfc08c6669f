package ownership_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/internal/ownership"
	"github.com/redisvet/redisvet/testdata"
)

// TestSummaries checks the facts exported for wrappers and helpers, in a
// package that imports go-redis and in one that does not.
func TestSummaries(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), ownership.Analyzer, "./crosspkg/wrappers", "./crosspkg/closers", "./crosspkg/imports", "./crosspkg/borrow")
}

// TestPerCallSummaries checks the facts of helpers that build a client per
// call or return a new one.
func TestPerCallSummaries(t *testing.T) {
	analysistest.Run(t, testdata.Dir(t, "webmod"), ownership.Analyzer, "./perrequest")
}
