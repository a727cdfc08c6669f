package driver

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Config says which packages to load and how.
type Config struct {
	Dir        string            // where to run the go command
	Env        []string          // its environment; nil for os.Environ
	Overlay    map[string][]byte // file contents that replace those on disk
	Tests      bool              // load the packages' test variants too
	BuildFlags []string          // go build flags such as -tags=a,b
}

// Loaded is the outcome of a load: the packages that can be analysed and
// the errors of those that cannot.
type Loaded struct {
	// Packages are the packages matched by the patterns that have no
	// errors, in themselves or in any dependency: an analyzer with facts
	// must see the whole import graph.
	Packages []*packages.Package
	// Errors are the errors of every package that failed, each once
	// (a package and its test variant share theirs).
	Errors []packages.Error
}

// Load loads the packages matching patterns from source, with their
// dependencies, as analyzers with facts require. It fails only when the
// go command does; the errors of single packages are in Loaded.Errors.
func (c *Config) Load(patterns ...string) (*Loaded, error) {
	cfg := &packages.Config{
		Mode:       packages.LoadAllSyntax | packages.NeedModule,
		Dir:        c.Dir,
		Env:        c.Env,
		Overlay:    c.Overlay,
		Tests:      c.Tests,
		BuildFlags: c.BuildFlags,
	}
	roots, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	res := &Loaded{}
	seen := map[packages.Error]bool{}
	broken := map[*packages.Package]bool{} // itself or a dependency has errors
	packages.Visit(roots, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if !seen[e] {
				seen[e] = true
				res.Errors = append(res.Errors, e)
			}
		}
		broken[p] = len(p.Errors) > 0 || p.IllTyped
		for _, dep := range p.Imports {
			broken[p] = broken[p] || broken[dep]
		}
	})
	for _, p := range roots {
		if !broken[p] {
			res.Packages = append(res.Packages, p)
		}
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	return res, nil
}

// Load loads the packages matching patterns in dir, without their tests,
// and fails if any of them has errors: for tests, whose fixtures must
// compile.
func Load(dir string, env []string, overlay map[string][]byte, patterns ...string) ([]*packages.Package, error) {
	c := &Config{Dir: dir, Env: env, Overlay: overlay}
	loaded, err := c.Load(patterns...)
	if err != nil {
		return nil, err
	}
	if len(loaded.Errors) > 0 {
		var errs []error
		for _, e := range loaded.Errors {
			errs = append(errs, e)
		}
		return nil, errors.Join(errs...)
	}
	return loaded.Packages, nil
}
