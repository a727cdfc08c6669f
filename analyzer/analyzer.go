// Package analyzer is the redisvet suite: every check, looked up by name.
// Drivers (cmd/redisvet, the golangci-lint plugin, nogo) take their list
// from here, so a new check is added in one place.
package analyzer

import (
	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/clientchurn"
	"github.com/redisvet/redisvet/passes/clientclose"
	"github.com/redisvet/redisvet/passes/connclose"
	"github.com/redisvet/redisvet/passes/pipelineexec"
	"github.com/redisvet/redisvet/passes/poolconfig"
	"github.com/redisvet/redisvet/passes/pubsubclose"
	"github.com/redisvet/redisvet/passes/sharedclose"
	"github.com/redisvet/redisvet/passes/timeunit"
	"github.com/redisvet/redisvet/passes/watchtx"
)

// All returns every redisvet check, in the order of the catalogue.
func All() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		pubsubclose.Analyzer,
		connclose.Analyzer,
		pipelineexec.Analyzer,
		clientchurn.Analyzer,
		clientclose.Analyzer,
		sharedclose.Analyzer,
		watchtx.Analyzer,
		timeunit.Analyzer,
		poolconfig.Analyzer,
	}
}

// ByName returns the check with the given name, or nil.
func ByName(name string) *analysis.Analyzer {
	for _, a := range All() {
		if a.Name == name {
			return a
		}
	}
	return nil
}
