package pipelineexec

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/ownership"
	"github.com/redisvet/redisvet/passes/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer reports pipelines whose queued commands are never executed.
var Analyzer = &analysis.Analyzer{
	Name:     "pipelineexec",
	Doc:      checkutil.MustExtractDoc(doc, "pipelineexec"),
	URL:      checkutil.URL("pipelineexec"),
	Requires: []*analysis.Analyzer{ownership.Analyzer},
	Run:      suppress.Run(run),
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[ownership.Analyzer].(*ownership.Result)
	for _, v := range res.Values {
		if v.Kind != catalog.Pipeline || !v.Unexecuted && !v.LastBatchDropped || v.InPipelineCallback {
			continue
		}
		name := "pipe"
		if n := checkutil.Assigned(pass.TypesInfo, checkutil.FileOf(pass, v.Site.Pos()), v.Site).Name; n != "" {
			name = n
		}
		msg := fmt.Sprintf("commands are queued on the pipeline from %s but it is never executed: they are silently dropped and their results stay empty; call %s.Exec(ctx) after queueing them, or use Pipelined",
			checkutil.CreatorName(pass, v.Creator), name)
		if v.LastBatchDropped {
			msg = fmt.Sprintf("the pipeline from %s is executed only inside the loop that queues its commands: the commands queued after the last Exec, the last partial batch, are silently dropped; call %s.Exec(ctx) once more after the loop",
				checkutil.CreatorName(pass, v.Creator), name)
		}
		pass.Report(analysis.Diagnostic{Pos: v.Site.Pos(), End: v.Site.End(), URL: checkutil.URL(pass.Analyzer.Name), Message: msg})
	}
	return nil, nil
}
