package pubsubclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/pubsubclose"
	"github.com/redisvet/redisvet/testdata"
)

func TestPubSubClose(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), pubsubclose.Analyzer, "./pubsubclose", "./crosspkg/pubsubcallers")
}

func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata.Module(t), pubsubclose.Analyzer, "./fixes/pubsub")
}

func TestIgnoreDirectives(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), pubsubclose.Analyzer, "./suppress")
}

// TestOtherLibraries runs the check over the PubSubs of rueidiscompat
// and valkeycompat.
func TestOtherLibraries(t *testing.T) {
	analysistest.Run(t, testdata.Dir(t, "othermod"), pubsubclose.Analyzer, "./pubsubclose")
}
