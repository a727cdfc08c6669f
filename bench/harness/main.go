// Command harness measures redisvet on generated modules of growing size
// (bench/gen): wall time, CPU time and peak RSS of
//
//   - go vet ./... (stock) and go vet -vettool=redisvet ./..., each run
//     from its own copy of one build cache that `go build ./...` of the
//     module warmed, so that all start from the same state;
//   - redisvet ./... standalone and bench/floor ./..., the same driver
//     running an analyzer that does nothing but declare a fact type (the
//     cost of loading, type checking and fact plumbing).
//
// It prints a markdown table with the ratios and the growth per doubling
// of the size, checks that redisvet reports the bugs the generator
// planted, that two -json runs give identical output, and that a second
// go vet run is served from the build cache. Exit codes that mean
// "findings" (go vet 1, redisvet 3) are expected; a crash, an analysis
// error or any other code fails the run.
//
// Run it with `make perf`; PERF_SIZES="5000 10000" makes a quick run.
// Peak RSS is that of the largest single process (GNU time's %M): for go
// vet that is the go command or one vet tool process, whichever is
// larger, not the sum of the processes running at once.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

var (
	sizesFlag = flag.String("sizes", envOr("PERF_SIZES", "50000 100000 200000"), "target sizes in lines of Go (env PERF_SIZES)")
	seedFlag  = flag.Int64("seed", envInt("PERF_SEED", int64(1)), "generator seed (env PERF_SEED)")
	repeat    = flag.Int("repeat", envInt("PERF_REPEAT", 3), "standalone runs per tool; the median is reported (env PERF_REPEAT)")
	vetRepeat = flag.Int("vetrepeat", envInt("PERF_VET_REPEAT", 3), "go vet runs per tool, each from a fresh copy of the warmed cache; the median is reported (env PERF_VET_REPEAT)")
	workFlag  = flag.String("work", os.Getenv("PERF_WORK"), "work directory (default: a new temporary directory, removed afterwards)")
	keep      = flag.Bool("keep", os.Getenv("PERF_KEEP") != "", "keep the work directory (env PERF_KEEP)")
	redisvet  = flag.String("redisvet", "bin/redisvet", "the redisvet binary to measure")
	outFlag   = flag.String("out", os.Getenv("PERF_OUT"), "also write the report to this file (env PERF_OUT)")
)

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func envInt[T int | int64](k string, def T) T {
	if v := os.Getenv(k); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			fatalf("%s=%q: %v", k, v, err)
		}
		return T(n)
	}
	return def
}

// cleanup removes the work directory, if the harness made it and is not
// asked to keep it.
var cleanup = func() {}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "harness: "+format+"\n", args...)
	cleanup()
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%s] "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

// sample is one measured run.
type sample struct {
	Wall, CPU float64 // seconds
	RSS       float64 // MiB
	Exit      int
}

// result holds the measurements of one size.
type result struct {
	Size, Lines, Packages int
	Stats                 map[string]int // the generator's summary
	Vet, VetTool          sample
	Floor, Standalone     sample
	Findings              map[string]int
	Load                  [2]string // load average before and after
}

const timeBin = "/usr/bin/time"

func main() {
	flag.Parse()
	start := time.Now()
	var sizes []int
	for _, f := range strings.Fields(*sizesFlag) {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			fatalf("bad size %q", f)
		}
		sizes = append(sizes, n)
	}
	sort.Ints(sizes)
	if _, err := os.Stat(timeBin); err != nil {
		fatalf("%s is missing: apt-get update && apt-get install -y time", timeBin)
	}
	rv, err := filepath.Abs(*redisvet)
	if err != nil {
		fatalf("%v", err)
	}
	if _, err := os.Stat(rv); err != nil {
		fatalf("%v (run make build)", err)
	}
	work := *workFlag
	if work == "" {
		work, err = os.MkdirTemp("", "redisvet-perf-")
		if err != nil {
			fatalf("%v", err)
		}
	}
	work, _ = filepath.Abs(work)
	if *workFlag == "" {
		cleanup = func() {
			if !*keep {
				os.RemoveAll(work)
			}
		}
	}
	bin := filepath.Join(work, "bin")
	gen, floor := filepath.Join(bin, "gen"), filepath.Join(bin, "floor")
	for _, b := range [][2]string{{gen, "./bench/gen"}, {floor, "./bench/floor"}} {
		if out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
			fatalf("go build %s: %v\n%s", b[1], err, out)
		}
	}

	goVersion, _ := exec.Command("go", "version").Output()
	mod := filepath.Join(work, "mod") // one path for every size: the build cache is shared by the common prefix
	base := filepath.Join(work, "cache-base")
	if err := os.MkdirAll(base, 0o755); err != nil {
		fatalf("%v", err)
	}
	var results []*result
	var notes []string
	failed := false
	for i, size := range sizes {
		r := &result{Size: size}
		r.Load[0] = loadavg()
		os.RemoveAll(mod)
		out, err := exec.Command(gen, "-dir", mod, "-seed", strconv.FormatInt(*seedFlag, 10), "-lines", strconv.Itoa(size)).Output()
		if err != nil {
			fatalf("gen: %v", err)
		}
		r.Stats = parseStats(string(out))
		r.Lines, r.Packages = r.Stats["lines"], r.Stats["packages"]
		logf("size %d: %s", size, strings.TrimSpace(string(out)))

		// Warm the base cache: for later sizes it already holds the
		// packages the smaller module shares with this one.
		t0 := time.Now()
		runIn(mod, base, nil, "go", "build", "./...")
		logf("  go build ./... (warming the cache): %.0fs", time.Since(t0).Seconds())

		var vet, tool []sample
		for k := 0; k < *vetRepeat; k++ {
			vet = append(vet, measureVet(work, mod, base, "stock", nil))
			tool = append(tool, measureVet(work, mod, base, "redisvet", []string{"-vettool=" + rv}))
		}
		r.Vet, r.VetTool = median(vet), median(tool)
		if i == 0 {
			notes = append(notes, vetCacheCheck(work, mod, base, rv)...)
		}

		var fl, st []sample
		for k := 0; k < *repeat; k++ {
			fl = append(fl, measure(work, mod, base, "floor", []int{0}, floor, "./..."))
			st = append(st, measure(work, mod, base, "redisvet", []int{0, 3}, rv, "./..."))
		}
		r.Floor, r.Standalone = median(fl), median(st)

		j1 := runJSON(mod, base, rv)
		r.Findings = countFindings(j1)
		if i == 0 {
			j2 := runJSON(mod, base, rv)
			if bytes.Equal(j1, j2) {
				notes = append(notes, fmt.Sprintf("determinism: two `redisvet -json ./...` runs over the %d-line module gave byte-identical output (%d bytes, %d findings)", r.Lines, len(j1), total(r.Findings)))
			} else {
				notes = append(notes, fmt.Sprintf("DETERMINISM FAILURE: two `redisvet -json ./...` runs over the %d-line module differ (kept in %s)", r.Lines, work))
				for name, data := range map[string][]byte{"run1.json": j1, "run2.json": j2} {
					if err := os.WriteFile(filepath.Join(work, name), data, 0o644); err != nil {
						fatalf("%v", err)
					}
				}
				*keep = true
				failed = true
			}
		}
		r.Load[1] = loadavg()
		results = append(results, r)
		logf("  vet %.1fs %.0fMiB | vettool %.1fs %.0fMiB | floor %.1fs %.0fMiB | redisvet %.1fs %.0fMiB | findings %d of %d planted",
			r.Vet.Wall, r.Vet.RSS, r.VetTool.Wall, r.VetTool.RSS, r.Floor.Wall, r.Floor.RSS, r.Standalone.Wall, r.Standalone.RSS, total(r.Findings), r.Stats["planted"])
	}

	var rep strings.Builder
	fmt.Fprintf(&rep, "redisvet performance: %s, %d CPUs, %s, %s\n", strings.TrimSpace(string(goVersion)), runtime.NumCPU(), memTotal(), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(&rep, "generator seed %d; medians of %d go vet runs per tool (each from its own copy of the warmed build cache) and of %d standalone runs per tool\n\n", *seedFlag, *vetRepeat, *repeat)
	table(&rep, results)
	fmt.Fprintf(&rep, "\n")
	for _, n := range notes {
		fmt.Fprintf(&rep, "- %s\n", n)
	}
	recall(&rep, results)
	fmt.Fprintf(&rep, "\nharness wall time %s\n", time.Since(start).Round(time.Second))
	fmt.Print(rep.String())
	if *outFlag != "" {
		if err := os.WriteFile(*outFlag, []byte(rep.String()), 0o644); err != nil {
			fatalf("%v", err)
		}
	}
	if *keep {
		fmt.Fprintf(os.Stderr, "work directory kept: %s\n", work)
	}
	cleanup()
	if failed {
		os.Exit(1)
	}
}

// measureVet runs go vet from a fresh copy of the warmed cache.
func measureVet(work, mod, base, label string, extra []string) sample {
	cache := copyCache(base, filepath.Join(work, "cache-"+label))
	defer os.RemoveAll(cache)
	args := append([]string{"vet"}, extra...)
	args = append(args, "./...")
	// go vet exits 1 when a tool reports something (stock vet should
	// not: the generated code is vet-clean; redisvet does).
	return measure(work, mod, cache, "go vet "+label, []int{0, 1}, "go", args...)
}

func copyCache(base, dst string) string {
	os.RemoveAll(dst)
	if out, err := exec.Command("cp", "-a", base, dst).CombinedOutput(); err != nil {
		fatalf("cp -a %s %s: %v\n%s", base, dst, err, out)
	}
	return dst
}

// measure runs one command under GNU time in dir with the given cache.
func measure(work, dir, cache, label string, okExit []int, name string, args ...string) sample {
	tf := filepath.Join(work, "time.out")
	os.Remove(tf)
	cmd := exec.Command(timeBin, append([]string{"-f", "%e %U %S %M %x", "-o", tf, name}, args...)...)
	cmd.Dir = dir
	cmd.Env = env(cache)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	data, rerr := os.ReadFile(tf)
	if rerr != nil {
		fatalf("%s: no timing (%v): %v\n%s", label, rerr, err, tail(stderr.String()))
	}
	// The last line is ours; GNU time may write "Command exited with
	// non-zero status N" or "Command terminated by signal N" before it.
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	f := strings.Fields(lines[len(lines)-1])
	if len(f) != 5 {
		fatalf("%s: cannot parse timing %q", label, data)
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			fatalf("%s: cannot parse timing %q", label, data)
		}
		return v
	}
	s := sample{Wall: num(f[0]), CPU: num(f[1]) + num(f[2]), RSS: num(f[3]) / 1024, Exit: int(num(f[4]))}
	all := stdout.String() + stderr.String()
	if strings.Contains(string(data), "terminated by signal") {
		fatalf("%s: %s\n%s", label, strings.TrimSpace(string(data)), tail(all))
	}
	if crashed(all) {
		fatalf("%s crashed (exit %d):\n%s", label, s.Exit, tail(all))
	}
	if !containsInt(okExit, s.Exit) {
		fatalf("%s: exit status %d (expected one of %v):\n%s", label, s.Exit, okExit, tail(all))
	}
	logf("  %-16s %6.1fs wall %6.1fs cpu %6.0f MiB exit %d", label, s.Wall, s.CPU, s.RSS, s.Exit)
	return s
}

var crashRE = regexp.MustCompile(`(?m)^panic: |^goroutine \d+ \[|internal error|fatal error: `)

func crashed(out string) bool { return crashRE.MatchString(out) }

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func tail(s string) string {
	if len(s) > 4000 {
		return "..." + s[len(s)-4000:]
	}
	return s
}

// env is the environment of measured commands: the given build cache,
// modules from the module cache only.
func env(cache string) []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GOCACHE=") || strings.HasPrefix(kv, "GOPROXY=") || strings.HasPrefix(kv, "GOWORK=") || strings.HasPrefix(kv, "GOTOOLCHAIN=") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "GOCACHE="+cache, "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
}

// runIn runs a command that must succeed.
func runIn(dir, cache string, okExit []int, name string, args ...string) []byte {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env(cache)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			fatalf("%s %v: %v", name, args, err)
		}
		code = ee.ExitCode()
	}
	all := stdout.String() + stderr.String()
	if crashed(all) || (code != 0 && !containsInt(okExit, code)) {
		fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, tail(all))
	}
	return stdout.Bytes()
}

func runJSON(mod, cache, rv string) []byte {
	return runIn(mod, cache, nil, rv, "-json", "./...")
}

// countFindings counts the diagnostics of redisvet -json per check.
func countFindings(data []byte) map[string]int {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		fatalf("redisvet -json: %v", err)
	}
	out := map[string]int{}
	for pkg, checks := range tree {
		for check, raw := range checks {
			var diags []json.RawMessage
			if err := json.Unmarshal(raw, &diags); err != nil {
				// {"error": "..."}: an analysis error.
				fatalf("redisvet -json: %s: %s: %s", pkg, check, raw)
			}
			out[check] += len(diags)
		}
	}
	return out
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// vetCacheCheck runs go vet -vettool twice from one cache and reports
// whether the second run ran the tool again.
func vetCacheCheck(work, mod, base, rv string) []string {
	cache := copyCache(base, filepath.Join(work, "cache-vetcache"))
	defer os.RemoveAll(cache)
	run := func() (float64, []byte, int) {
		t0 := time.Now()
		cmd := exec.Command("go", "vet", "-x", "-vettool="+rv, "./...")
		cmd.Dir = mod
		cmd.Env = env(cache)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				fatalf("go vet -x -vettool: %v\n%s", err, tail(stderr.String()))
			}
		}
		// With -x, go vet echoes every command it runs: count the vet
		// tool's runs; the rest of stderr is the diagnostics.
		var diags []string
		runs := 0
		for _, l := range strings.Split(stderr.String(), "\n") {
			switch {
			case strings.Contains(l, rv) && strings.Contains(l, "vet.cfg"):
				runs++
			case strings.HasPrefix(l, "#"), strings.Contains(l, ".go:"):
				if !strings.HasPrefix(l, "cd ") && !strings.Contains(l, rv) {
					diags = append(diags, l)
				}
			}
		}
		sort.Strings(diags)
		return time.Since(t0).Seconds(), []byte(strings.Join(diags, "\n")), runs
	}
	t1, d1, n1 := run()
	t2, d2, n2 := run()
	same := "the same diagnostics"
	if !bytes.Equal(d1, d2) {
		same = "DIFFERENT diagnostics"
	}
	return []string{fmt.Sprintf("vet cache: `go vet -vettool=redisvet ./...` twice from one cache: first run %.1fs with %d vet tool runs, second run %.1fs with %d vet tool runs, %s (%d lines)", t1, n1, t2, n2, same, bytes.Count(d1, []byte("\n"))+1)}
}

func median(xs []sample) sample {
	sort.Slice(xs, func(i, j int) bool { return xs[i].Wall < xs[j].Wall })
	m := xs[len(xs)/2]
	rss := make([]float64, len(xs))
	cpu := make([]float64, len(xs))
	for i, x := range xs {
		rss[i], cpu[i] = x.RSS, x.CPU
	}
	sort.Float64s(rss)
	sort.Float64s(cpu)
	m.RSS, m.CPU = rss[len(rss)/2], cpu[len(cpu)/2]
	return m
}

func parseStats(s string) map[string]int {
	out := map[string]int{}
	for _, f := range strings.Fields(s) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(v)
		if err == nil {
			out[k] = n
		}
	}
	return out
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return f[0]
}

func memTotal() string {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "? memory"
	}
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return fmt.Sprintf("%.0f GiB RAM", kb/1024/1024)
		}
	}
	return "? memory"
}

func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func table(w *strings.Builder, rs []*result) {
	fmt.Fprintln(w, "| lines | packages | go vet s / MiB | go vet -vettool=redisvet s / MiB | time ratio (vettool / vet) | peak RSS ratio (vettool / vet) | floor s / MiB | redisvet s / MiB | time ratio (redisvet / floor) | peak RSS ratio (redisvet / floor) |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rs {
		fmt.Fprintf(w, "| %d | %d | %.1f / %.0f | %.1f / %.0f | %s | %s | %.1f / %.0f | %.1f / %.0f | %s | %s |\n",
			r.Lines, r.Packages,
			r.Vet.Wall, r.Vet.RSS, r.VetTool.Wall, r.VetTool.RSS, ratio(r.VetTool.Wall, r.Vet.Wall), ratio(r.VetTool.RSS, r.Vet.RSS),
			r.Floor.Wall, r.Floor.RSS, r.Standalone.Wall, r.Standalone.RSS, ratio(r.Standalone.Wall, r.Floor.Wall), ratio(r.Standalone.RSS, r.Floor.RSS))
	}
	fmt.Fprintln(w, "\nCPU seconds (user+sys), less sensitive to other load on the machine:")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| lines | go vet | go vet -vettool=redisvet | ratio | floor | redisvet | ratio | load avg before / after |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rs {
		fmt.Fprintf(w, "| %d | %.1f | %.1f | %s | %.1f | %.1f | %s | %s / %s |\n", r.Lines,
			r.Vet.CPU, r.VetTool.CPU, ratio(r.VetTool.CPU, r.Vet.CPU),
			r.Floor.CPU, r.Standalone.CPU, ratio(r.Standalone.CPU, r.Floor.CPU), r.Load[0], r.Load[1])
	}
	if len(rs) < 2 {
		return
	}
	fmt.Fprintln(w, "\nGrowth from the previous size, as a factor per doubling of the line count (2.00 is linear growth, 1.00 constant; fixed costs such as the standard library keep it below 2):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| lines | go vet | go vet -vettool=redisvet | floor | redisvet | redisvet peak RSS | marginal s per 10k lines: vettool / redisvet / floor |")
	fmt.Fprintln(w, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for i := 1; i < len(rs); i++ {
		a, b := rs[i-1], rs[i]
		d := math.Log2(float64(b.Lines) / float64(a.Lines))
		per := func(x, y float64) string {
			if x <= 0 || d <= 0 {
				return "-"
			}
			return fmt.Sprintf("%.2f", math.Pow(y/x, 1/d))
		}
		// The cost of the added lines alone: constant from size to size
		// when the growth is linear.
		marg := func(x, y float64) string {
			return fmt.Sprintf("%.2f", (y-x)/float64(b.Lines-a.Lines)*10000)
		}
		fmt.Fprintf(w, "| %d → %d | %s | %s | %s | %s | %s | %s / %s / %s |\n", a.Lines, b.Lines,
			per(a.Vet.Wall, b.Vet.Wall), per(a.VetTool.Wall, b.VetTool.Wall),
			per(a.Floor.Wall, b.Floor.Wall), per(a.Standalone.Wall, b.Standalone.Wall),
			per(a.Standalone.RSS, b.Standalone.RSS),
			marg(a.VetTool.Wall, b.VetTool.Wall), marg(a.Standalone.Wall, b.Standalone.Wall), marg(a.Floor.Wall, b.Floor.Wall))
	}
}

// recall compares the findings per check with the bugs planted.
func recall(w *strings.Builder, rs []*result) {
	checks := []string{"pubsubclose", "connclose", "pipelineexec", "clientchurn", "clientclose"}
	for _, r := range rs {
		var diffs []string
		for _, c := range checks {
			if r.Findings[c] != r.Stats[c] {
				diffs = append(diffs, fmt.Sprintf("%s %d found, %d planted", c, r.Findings[c], r.Stats[c]))
			}
		}
		for c, n := range r.Findings {
			if !containsStr(checks, c) && n > 0 {
				diffs = append(diffs, fmt.Sprintf("%s %d found, 0 planted", c, n))
			}
		}
		if len(diffs) == 0 {
			fmt.Fprintf(w, "- findings, %d lines: %d, exactly the %d bugs planted, check by check (and none of the %d more silenced by //redisvet:ignore)\n", r.Lines, total(r.Findings), r.Stats["planted"], r.Stats["suppressed"])
		} else {
			fmt.Fprintf(w, "- FINDINGS DIFFER FROM PLANTED BUGS, %d lines: %s\n", r.Lines, strings.Join(diffs, "; "))
		}
	}
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}
