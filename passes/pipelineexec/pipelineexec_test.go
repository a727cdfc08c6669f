package pipelineexec_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/redisvet/redisvet/passes/pipelineexec"
	"github.com/redisvet/redisvet/testdata"
)

func TestPipelineExec(t *testing.T) {
	analysistest.Run(t, testdata.Module(t), pipelineexec.Analyzer, "./pipelineexec", "./crosspkg/pipecallers")
}
