package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Options say what to generate.
type Options struct {
	Seed   int64
	Lines  int    // target total lines of Go; the result overshoots by at most one package
	Module string // module path
}

// The checks a planted bug is meant for.
const (
	cPubSub = "pubsubclose"
	cConn   = "connclose"
	cPipe   = "pipelineexec"
	cChurn  = "clientchurn"
	cClose  = "clientclose"
)

var checks = []string{cPubSub, cConn, cPipe, cChurn, cClose}

// Stats describe a generated module.
type Stats struct {
	Lines, Files, Packages int
	RedisPackages          int // packages that import go-redis
	Units                  int // Redis-using functions and types generated
	Planted                map[string]int
	Suppressed             map[string]int // planted, but silenced by //redisvet:ignore
}

// Summary is the one-line form printed by the command and kept in the
// module's marker file, e.g. for scripts: key=value pairs.
func (s Stats) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "lines=%d files=%d packages=%d redis_packages=%d redis_units=%d", s.Lines, s.Files, s.Packages, s.RedisPackages, s.Units)
	total := 0
	for _, c := range checks {
		fmt.Fprintf(&b, " %s=%d", c, s.Planted[c])
		total += s.Planted[c]
	}
	sup := 0
	for _, c := range checks {
		sup += s.Suppressed[c]
	}
	fmt.Fprintf(&b, " planted=%d suppressed=%d", total, sup)
	return b.String()
}

type kind int

const (
	kindBiz kind = iota
	kindStore
	kindAPI
	kindWorker
	kindListener
	kindCmd
)

// pkgInfo is a generated package, as other packages see it.
type pkgInfo struct {
	kind   kind
	index  int
	path   string // import path
	dir    string // relative directory
	name   string // package name, unique in the module
	domain string
}

type generator struct {
	opt     Options
	r       rng
	files   map[string][]byte // relative path -> content
	stats   Stats
	pkgs    []*pkgInfo
	bizs    []*pkgInfo
	stores  []*pkgInfo
	unwired []*pkgInfo // API, worker and listener packages no command uses yet
}

// Generate writes the module into dir, which must be absent or empty.
func Generate(dir string, opt Options) (Stats, error) {
	files, st, err := Build(opt)
	if err != nil {
		return st, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return st, err
	}
	if len(ents) > 0 {
		return st, fmt.Errorf("%s is not empty", dir)
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return st, err
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return st, err
		}
	}
	return st, nil
}

// Build returns the files of the module (relative slash paths) and their
// statistics, without writing anything.
func Build(opt Options) (map[string][]byte, Stats, error) {
	if opt.Module == "" {
		opt.Module = "example.com/benchmod"
	}
	if opt.Lines <= 0 {
		return nil, Stats{}, errors.New("lines must be positive")
	}
	g := &generator{
		opt:   opt,
		r:     newRNG(opt.Seed, 0),
		files: map[string][]byte{},
		stats: Stats{Planted: map[string]int{}, Suppressed: map[string]int{}},
	}
	if err := g.run(); err != nil {
		return nil, g.stats, err
	}
	g.files["go.mod"] = []byte(expand(goMod, "module", opt.Module))
	g.files["go.sum"] = []byte(goSum)
	g.files[markerFile] = []byte("redisvet bench/gen -seed " + strconv.FormatInt(opt.Seed, 10) + " -lines " + strconv.Itoa(opt.Lines) + "\n" + g.stats.Summary() + "\n")
	return g.files, g.stats, nil
}

// markerFile marks a directory as written by this generator.
const markerFile = "BENCHGEN.txt"

func (g *generator) run() (err error) {
	defer func() {
		// Templates panic on a malformed placeholder: report it as an error.
		if r := recover(); r != nil {
			err = fmt.Errorf("generator bug: %v", r)
		}
	}()
	for g.stats.Lines < g.opt.Lines {
		var k kind
		switch i := len(g.pkgs); {
		case i == 0:
			k = kindBiz
		case i == 1:
			k = kindStore
		case len(g.unwired) >= 12:
			k = kindCmd
		default:
			k = []kind{kindBiz, kindStore, kindAPI, kindWorker, kindListener}[g.r.weighted([]int{44, 9, 20, 17, 8})]
		}
		if err := g.build(k); err != nil {
			return err
		}
	}
	if len(g.unwired) > 0 {
		return g.build(kindCmd)
	}
	return nil
}

var kindPrefix = map[kind]string{
	kindStore:    "store",
	kindAPI:      "api",
	kindWorker:   "worker",
	kindListener: "listen",
}

func (g *generator) build(k kind) error {
	idx := len(g.pkgs)
	domain := g.r.pick(domains)
	info := &pkgInfo{kind: k, index: idx, domain: domain}
	num := fmt.Sprintf("%03d", idx)
	switch k {
	case kindBiz:
		info.name = g.r.pick(bizFlavors) + num
		info.dir = "internal/" + domain + "/" + info.name
	case kindCmd:
		info.name = "main"
		info.dir = "cmd/" + domain + "d" + num
	default:
		info.name = kindPrefix[k] + num
		info.dir = "internal/" + domain + "/" + info.name
	}
	info.path = g.opt.Module + "/" + info.dir

	p := &pkgGen{
		g:     g,
		info:  info,
		r:     newRNG(g.opt.Seed, uint64(idx)+1),
		names: newNames(),
		local: map[string]string{},
	}
	switch k {
	case kindBiz:
		p.bizPackage()
	case kindStore:
		p.storePackage()
	case kindAPI:
		p.apiPackage()
	case kindWorker:
		p.workerPackage()
	case kindListener:
		p.listenerPackage()
	case kindCmd:
		p.cmdPackage(g.unwired)
		g.unwired = nil
	}
	redis := false
	for _, f := range p.files {
		src, err := f.render(info.name, p.local)
		if err != nil {
			return fmt.Errorf("package %s: %v", info.path, err)
		}
		if bytes.Contains(src, []byte(`"github.com/redis/go-redis/v9"`)) {
			redis = true
		}
		g.files[info.dir+"/"+f.name] = src
		g.stats.Lines += bytes.Count(src, []byte("\n"))
		g.stats.Files++
	}
	if redis {
		g.stats.RedisPackages++
	}
	g.stats.Packages++
	g.pkgs = append(g.pkgs, info)
	switch k {
	case kindBiz:
		g.bizs = append(g.bizs, info)
	case kindStore:
		g.stores = append(g.stores, info)
	case kindAPI, kindWorker, kindListener:
		g.unwired = append(g.unwired, info)
	}
	return nil
}

// pkgGen writes one package.
type pkgGen struct {
	g     *generator
	info  *pkgInfo
	r     rng
	names *names
	files []*srcFile
	local map[string]string // project package name -> import path

	st     *pkgInfo   // the store package callers use
	routes []string   // API packages: the statements of Register
	bz     []*pkgInfo // business packages callers use
	cur    *srcFile   // file units are written to
}

// newFile starts a file; names are made unique within the package.
func (p *pkgGen) newFile(base string) *srcFile {
	name := base
	for i := 2; p.hasFile(name + ".go"); i++ {
		name = base + strconv.Itoa(i)
	}
	f := &srcFile{name: name + ".go"}
	p.files = append(p.files, f)
	return f
}

func (p *pkgGen) hasFile(name string) bool {
	return slices.ContainsFunc(p.files, func(f *srcFile) bool { return f.name == name })
}

// use makes pkg importable by its name from this package's files.
func (p *pkgGen) use(pkg *pkgInfo) string {
	p.local[pkg.name] = pkg.path
	return pkg.name
}

// pickDeps chooses the store and business packages a caller package uses.
func (p *pkgGen) pickDeps() {
	p.st = p.g.stores[p.r.r.IntN(len(p.g.stores))]
	p.use(p.st)
	n := p.r.between(1, 3)
	for range n {
		b := p.g.bizs[p.r.r.IntN(len(p.g.bizs))]
		if !slices.Contains(p.bz, b) {
			p.bz = append(p.bz, b)
			p.use(b)
		}
	}
}

// bzName returns one of the business packages the caller uses.
func (p *pkgGen) bzName() string { return p.bz[p.r.r.IntN(len(p.bz))].name }

// plant decides whether a unit gets its bug, and whether that bug is
// silenced by a directive. It returns the bug flag and the text to put
// before the reported statement.
func (p *pkgGen) plant(check string) (bool, string) {
	if check == "" || !p.r.chance(0.22) {
		return false, ""
	}
	if p.r.chance(0.04) {
		p.g.stats.Suppressed[check]++
		return true, "//redisvet:ignore " + check + " " + p.r.pick(ignoreReasons) + "\n"
	}
	p.g.stats.Planted[check]++
	return true, ""
}

var ignoreReasons = []string{
	"reviewed: the process exits right after this call",
	"bounded by the caller's context, reviewed",
	"legacy path, tracked in the migration plan",
}

// fn returns a fresh function name made of a verb and a noun.
func (p *pkgGen) fn(exported bool) string {
	name := p.r.pick(verbs) + title(p.r.pick(nouns))
	if exported {
		name = title(name)
	}
	return p.names.fresh(name)
}

// typeName returns a fresh exported type name.
func (p *pkgGen) typeName(suffix string) string {
	return p.names.fresh(title(p.r.pick(adjectives)) + title(p.r.pick(nouns)) + suffix)
}

// fileName returns a base name for a file of units.
func (p *pkgGen) fileName() string { return p.r.pick(nouns) + "s" }

// distinct picks n different entries of list.
func (p *pkgGen) distinct(list []string, n int) []string {
	idx := p.r.r.Perm(len(list))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = list[j]
	}
	return out
}

func (p *pkgGen) num(lo, hi int) string { return strconv.Itoa(p.r.between(lo, hi)) }

// writeUnits writes n units drawn from pool, spread over files of a few
// units each.
func (p *pkgGen) writeUnits(pool []unit, n int) {
	ws := make([]int, len(pool))
	for i, u := range pool {
		ws[i] = u.weight
	}
	perFile := p.r.between(3, 6)
	for i := 0; i < n; i++ {
		if i%perFile == 0 {
			p.cur = p.newFile(p.fileName())
		}
		u := pool[p.r.weighted(ws)]
		if u.redis {
			p.g.stats.Units++
		}
		u.write(p, p.cur)
		p.cur.body.WriteString("\n")
	}
}

// unit is one function (or type with methods) of the synthetic code base.
type unit struct {
	weight int
	redis  bool
	write  func(p *pkgGen, f *srcFile)
}
