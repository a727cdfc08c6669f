package poolconfig_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/poolconfig"
	"github.com/redisvet/redisvet/testdata"
)

func TestPoolConfig(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), poolconfig.Analyzer, "./poolconfig")
}

// TestOtherLibraries runs the check over redigo and rueidis.
func TestOtherLibraries(t *testing.T) {
	analysistest.Run(t, testdata.Dir(t, "othermod"), poolconfig.Analyzer, "./poolconfig")
}
