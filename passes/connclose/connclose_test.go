package connclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/connclose"
	"github.com/redisvet/redisvet/testdata"
)

func TestConnClose(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), connclose.Analyzer, "./connclose", "./crosspkg/conncallers")
}

func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata.Module(t), connclose.Analyzer, "./fixes/conn")
}

// TestOtherLibraries runs the check over redigo's Conns and rueidis' and
// valkey-go's DedicatedClients.
func TestOtherLibraries(t *testing.T) {
	analysistest.Run(t, testdata.Dir(t, "othermod"), connclose.Analyzer, "./connclose")
}
