package connclose

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

// Analyzer reports *redis.Conn handles that are not closed.
var Analyzer = &analysis.Analyzer{
	Name:     "connclose",
	Doc:      checkutil.MustExtractDoc(doc, "connclose"),
	URL:      checkutil.URL("connclose"),
	Requires: []*analysis.Analyzer{ownership.Analyzer},
	Run: suppress.Run(handlecheck.Rule{
		Kind:         catalog.Conn,
		Cost:         "it holds a pooled connection, and a few leaks exhaust the pool (redis: connection pool timeout)",
		ReportUnused: false,
	}.Run),
}
