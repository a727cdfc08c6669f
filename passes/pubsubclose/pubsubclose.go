package pubsubclose

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/handlecheck"
	"github.com/redisvet/redisvet/passes/internal/ownership"
	"github.com/redisvet/redisvet/passes/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer reports *redis.PubSub handles that are not closed.
var Analyzer = &analysis.Analyzer{
	Name:     "pubsubclose",
	Doc:      checkutil.MustExtractDoc(doc, "pubsubclose"),
	URL:      checkutil.URL("pubsubclose"),
	Requires: []*analysis.Analyzer{ownership.Analyzer},
	Run: suppress.Run(handlecheck.Rule{
		Kind:         catalog.PubSub,
		Cost:         "its connection stays open and subscribed until the garbage collector reclaims it, and for good once Channel has started its goroutines",
		ReportUnused: true,
	}.Run),
}
