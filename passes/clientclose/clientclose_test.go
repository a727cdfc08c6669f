package clientclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/clientclose"
	"github.com/redisvet/redisvet/testdata"
)

func TestClientClose(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), clientclose.Analyzer, "./clientclose", "./crosspkg/borrowers")
}

func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata.Module(t), clientclose.Analyzer, "./fixes/client")
}

// TestConstructorsFlag names a constructor the analysis cannot see
// through, with -clientclose.constructors.
func TestConstructorsFlag(t *testing.T) {
	flag := clientclose.Analyzer.Flags.Lookup("constructors")
	if err := flag.Value.Set("example.com/redismod/constructors/lib.Open"); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = flag.Value.Set("") }()
	analysistest.Run(t, testdata.Module(t), clientclose.Analyzer, "./constructors")
}

// TestOtherLibraries runs the check over rueidis and valkey-go clients and
// lockers, and redigo pools.
func TestOtherLibraries(t *testing.T) {
	analysistest.Run(t, testdata.Dir(t, "othermod"), clientclose.Analyzer, "./clientclose")
}
