package poolconfig

import (
	_ "embed"
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/passes/internal/catalog"
	"github.com/redisvet/redisvet/passes/internal/checkutil"
	"github.com/redisvet/redisvet/passes/internal/suppress"
)

//go:embed doc.go
var doc string

// Analyzer reports pool settings that contradict each other.
var Analyzer = &analysis.Analyzer{
	Name: "poolconfig",
	Doc:  checkutil.MustExtractDoc(doc, "poolconfig"),
	URL:  checkutil.URL("poolconfig"),
	Run:  suppress.Run(run),
}

func run(pass *analysis.Pass) (any, error) {
	// An options literal names its type's package: only packages that
	// import a library can hold one.
	if !catalog.Imports(pass.Pkg) {
		return nil, nil
	}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok {
				if lib := catalog.OptionsOf(pass.TypesInfo.TypeOf(lit)); lib != nil {
					checkLiteral(pass, lib.Pool, lit)
					checkWaitAndReuse(pass, lib.Pool, lit)
				}
			}
			return true
		})
	}
	return nil, nil
}

func checkLiteral(pass *analysis.Pass, pool catalog.PoolFields, lit *ast.CompositeLit) {
	names := []string{pool.Size, pool.MinIdle, pool.MaxIdle, pool.MaxActive}
	set := checkutil.ConstantFields(pass.TypesInfo, lit, names)
	for _, name := range names {
		if s, ok := set[name]; ok && s.Value < 0 {
			report(pass, s, "%s is %d: %s", name, s.Value, negativeCost(pool, name))
		}
	}
	size, minIdle, maxIdle, maxActive := set[pool.Size], set[pool.MinIdle], set[pool.MaxIdle], set[pool.MaxActive]
	if size.Value > 0 && minIdle.Value > size.Value {
		report(pass, minIdle, "%s (%d) is larger than %s (%d): go-redis silently keeps at most %[3]s idle connections; lower %[1]s or raise %[3]s",
			pool.MinIdle, minIdle.Value, pool.Size, size.Value)
	}
	if maxIdle.Value > 0 && minIdle.Value > maxIdle.Value {
		report(pass, maxIdle, "%s (%d) is smaller than %s (%d): the pool closes idle connections above %[2]d and dials new ones up to %[4]d, over and over; raise %[1]s to at least %[3]s or lower %[3]s",
			pool.MaxIdle, maxIdle.Value, pool.MinIdle, minIdle.Value)
	}
	if maxActive.Value > 0 && size.Value > maxActive.Value {
		report(pass, maxActive, "%s (%d) is smaller than %s (%d): once %[2]d connections are open, requests fail at once with \"connection pool exhausted\" instead of waiting for a free one; raise %[1]s to at least %[3]s or lower %[3]s",
			pool.MaxActive, maxActive.Value, pool.Size, size.Value)
	}
}

// checkWaitAndReuse applies the rules of pools whose limit is optional
// (redigo): Wait without a positive MaxActive does nothing, and a pool
// that keeps no idle connection reuses none.
func checkWaitAndReuse(pass *analysis.Pass, pool catalog.PoolFields, lit *ast.CompositeLit) {
	if pool.Wait == "" && !pool.IdleReuse {
		return
	}
	set := checkutil.ConstantFields(pass.TypesInfo, lit, []string{pool.MaxIdle, pool.MaxActive})
	if pool.Wait != "" {
		if wait := checkutil.Field(lit, pool.Wait); wait != nil && checkutil.IsTrue(pass.TypesInfo, wait.Value) && set[pool.MaxActive].Value <= 0 && constantOrAbsent(pass, lit, pool.MaxActive) {
			pass.Report(analysis.Diagnostic{
				Pos: wait.Pos(), End: wait.End(), URL: checkutil.URL(pass.Analyzer.Name),
				Message: fmt.Sprintf("%s: true has no effect without a positive %s: the pool opens connections without limit instead of waiting for a free one; set %[2]s to the most connections the server should see", pool.Wait, pool.MaxActive),
			})
		}
	}
	if pool.IdleReuse && set[pool.MaxIdle].Value == 0 && constantOrAbsent(pass, lit, pool.MaxIdle) && len(lit.Elts) > 0 {
		pass.Report(analysis.Diagnostic{
			Pos: lit.Pos(), End: lit.End(), URL: checkutil.URL(pass.Analyzer.Name),
			Message: fmt.Sprintf("%s is 0: the pool keeps no idle connection, so every Close closes the connection and every Get dials a new one; set %[1]s to the connections worth keeping open", pool.MaxIdle),
		})
	}
}

// constantOrAbsent reports whether the field is missing from lit or set
// to a constant: a value computed at run time may be anything.
func constantOrAbsent(pass *analysis.Pass, lit *ast.CompositeLit, name string) bool {
	kv := checkutil.Field(lit, name)
	return kv == nil || pass.TypesInfo.Types[kv.Value].Value != nil
}

// negativeCost says what go-redis does with a negative value of the field.
func negativeCost(pool catalog.PoolFields, name string) string {
	switch name {
	case pool.Size:
		return "building the client panics on a negative pool size; leave it 0 for the default of 10 per CPU, or set a positive size"
	case pool.MaxIdle:
		return "with a negative limit go-redis keeps no connection idle and closes each one after use, dialling anew for every command; set 0 (no limit) or a positive count"
	case pool.MaxActive:
		return "go-redis ignores a negative limit and opens connections without one; set 0 (no limit) or a positive cap"
	default:
		return "go-redis ignores a negative count and keeps no idle connections open; set 0 or a positive count"
	}
}

func report(pass *analysis.Pass, s checkutil.ConstantField, format string, args ...any) {
	pass.Report(analysis.Diagnostic{
		Pos:     s.Field.Pos(),
		End:     s.Field.End(),
		URL:     checkutil.URL(pass.Analyzer.Name),
		Message: fmt.Sprintf(format, args...),
	})
}
