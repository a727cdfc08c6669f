package ownership_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/internal/checktest"
	"github.com/redisvet/redisvet/passes/pubsubclose"
	"github.com/redisvet/redisvet/testdata"
)

// shapes generate the body of a function between a Subscribe and its
// Close; each is analysed once per benchmark iteration, SSA build included.
var shapes = map[string]func(b *strings.Builder){
	"branches1000": func(b *strings.Builder) {
		for i := range 1000 {
			fmt.Fprintf(b, "\tif xs[%d] > 0 {\n\t\tn++\n\t}\n", i%10)
		}
	},
	"nesting200": func(b *strings.Builder) {
		for i := range 200 {
			fmt.Fprintf(b, "%sif xs[%d] > 0 {\n%s\tn++\n", strings.Repeat("\t", i+1), i%10, strings.Repeat("\t", i+1))
		}
		for i := 199; i >= 0; i-- {
			fmt.Fprintf(b, "%s}\n", strings.Repeat("\t", i+1))
		}
	},
	"switch500": func(b *strings.Builder) {
		b.WriteString("\tswitch xs[0] {\n")
		for i := range 500 {
			fmt.Fprintf(b, "\tcase %d:\n\t\tn += %d\n", i, i)
		}
		b.WriteString("\t}\n")
	},
	"lines5000": func(b *strings.Builder) {
		for i := range 5000 {
			fmt.Fprintf(b, "\tn += xs[%d] * %d\n", i%10, i)
		}
	},
	"loops300": func(b *strings.Builder) {
		for i := range 300 {
			fmt.Fprintf(b, "\tfor j := 0; j < xs[%d]; j++ {\n\t\tif j == %d {\n\t\t\tbreak\n\t\t}\n\t\tn++\n\t}\n", i%10, i)
		}
	},
}

func source(shape string, leak bool) string {
	var b strings.Builder
	b.WriteString("package pathological\n\nimport (\n\t\"context\"\n\n\t\"github.com/redis/go-redis/v9\"\n)\n\n")
	b.WriteString("func F(ctx context.Context, rdb *redis.Client, xs []int) int {\n\tps := rdb.Subscribe(ctx, \"a\")\n\tn := 0\n")
	shapes[shape](&b)
	if !leak {
		b.WriteString("\tps.Close()\n")
	} else {
		b.WriteString("\t_, _ = ps.Receive(ctx)\n")
	}
	b.WriteString("\treturn n\n}\n")
	return b.String()
}

// BenchmarkPathological measures the time to analyse one giant function
// (SSA construction, ownership, the check), released and leaking. The
// target is well under 100ms per function.
func BenchmarkPathological(b *testing.B) {
	dir := testdata.Module(b)
	for _, shape := range []string{"branches1000", "nesting200", "switch500", "lines5000", "loops300"} {
		for _, leak := range []bool{false, true} {
			name := shape + map[bool]string{false: "/released", true: "/leaking"}[leak]
			b.Run(name, func(b *testing.B) {
				file := filepath.Join(dir, "pathological", "gen.go")
				pkgs := checktest.Load(b, dir, map[string][]byte{file: []byte(source(shape, leak))}, "./pathological")
				want := 0
				if leak {
					want = 1
				}
				var own time.Duration
				for b.Loop() {
					findings, _, d := checktest.RunTimed(b, []*analysis.Analyzer{pubsubclose.Analyzer}, pkgs)
					if len(findings) != want {
						b.Fatalf("%d findings, want %d: %v", len(findings), want, findings)
					}
					own += d
				}
				// The function's own cost, without the driver's work on
				// the dependencies (facts for the standard library).
				b.ReportMetric(float64(own.Microseconds())/1000/float64(b.N), "ms/func")
			})
		}
	}
}

// summariesSource is a package of n helpers of every summarised kind
// (returning a new PubSub, closing, keeping, queueing on a pipeline) and a
// caller of each.
func summariesSource(n int) string {
	var b strings.Builder
	b.WriteString("package pathological\n\nimport (\n\t\"context\"\n\t\"io\"\n\n\t\"github.com/redis/go-redis/v9\"\n)\n\nvar kept []io.Closer\n\n")
	for i := range n {
		fmt.Fprintf(&b, `func open%[1]d(ctx context.Context, rdb *redis.Client) *redis.PubSub { return rdb.Subscribe(ctx, "c%[1]d") }

func close%[1]d(ps *redis.PubSub) { _ = ps.Close() }

func keep%[1]d(c io.Closer) { kept = append(kept, c) }

func queue%[1]d(ctx context.Context, pipe redis.Pipeliner) { pipe.Incr(ctx, "n%[1]d") }

func use%[1]d(ctx context.Context, rdb *redis.Client) error {
	ps := open%[1]d(ctx, rdb)
	defer close%[1]d(ps)
	keep%[1]d(open%[1]d(ctx, rdb))
	pipe := rdb.Pipeline()
	queue%[1]d(ctx, pipe)
	_, err := pipe.Exec(ctx)
	return err
}

`, i)
	}
	return b.String()
}

// BenchmarkSummaries measures computing and exporting the summaries of a
// package of 1,000 helpers and their 200 callers (the package's own cost).
func BenchmarkSummaries(b *testing.B) {
	dir := testdata.Module(b)
	file := filepath.Join(dir, "pathological", "gen.go")
	const n = 200
	pkgs := checktest.Load(b, dir, map[string][]byte{file: []byte(summariesSource(n))}, "./pathological")
	var own time.Duration
	for b.Loop() {
		findings, _, d := checktest.RunTimed(b, []*analysis.Analyzer{pubsubclose.Analyzer}, pkgs)
		if len(findings) != 0 {
			b.Fatalf("unexpected findings: %v", findings)
		}
		own += d
	}
	b.ReportMetric(float64(own.Microseconds())/1000/float64(b.N), "ms/pkg")
	b.ReportMetric(float64(own.Microseconds())/float64(b.N)/float64(5*n), "µs/func")
}
