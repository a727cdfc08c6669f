// Package golangci is redisvet's golangci-lint v2 module plugin. It
// registers the linter "redisvet", whose findings are those of every
// enabled check:
//
//	linters:
//	  enable: [redisvet]
//	  settings:
//	    custom:
//	      redisvet:
//	        type: module
//	        settings:
//	          disable: [clientchurn]
//	          handlers: [example.com/web.Context]
//	          constructors: [example.com/infra/redisx.New]
//
// Settings map onto the checks' Analyzer.Flags, so the plugin and the
// redisvet binary (-clientchurn.handlers, -clientclose.constructors) are
// configured by one definition.
package golangci

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/redisvet/redisvet/analyzer"
)

func init() {
	register.Plugin("redisvet", New)
}

// Settings are the plugin's settings in .golangci.yml. Unknown keys are
// rejected.
type Settings struct {
	// Enable runs only these checks (default: all).
	Enable []string `json:"enable"`
	// Disable skips these checks.
	Disable []string `json:"disable"`
	// Handlers adds request-handler parameter types ("path.Name") to
	// clientchurn's: -clientchurn.handlers.
	Handlers []string `json:"handlers"`
	// Constructors adds functions that return a new client (full names):
	// -clientclose.constructors, shared with clientchurn.
	Constructors []string `json:"constructors"`
}

// flagOf maps list settings onto the flag (CHECK.FLAG) that the binary has.
var flagOf = map[string]string{
	"handlers":     "clientchurn.handlers",
	"constructors": "clientclose.constructors",
}

type plugin struct {
	checks []*analysis.Analyzer
}

// New builds the plugin from its settings.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("redisvet: %w", err)
	}
	checks, err := selectChecks(s.Enable, s.Disable)
	if err != nil {
		return nil, err
	}
	for key, list := range map[string][]string{"handlers": s.Handlers, "constructors": s.Constructors} {
		if len(list) == 0 {
			continue
		}
		if err := setFlag(flagOf[key], strings.Join(list, ",")); err != nil {
			return nil, err
		}
	}
	return &plugin{checks: checks}, nil
}

func selectChecks(enable, disable []string) ([]*analysis.Analyzer, error) {
	for _, name := range slices.Concat(enable, disable) {
		if analyzer.ByName(name) == nil {
			return nil, fmt.Errorf("redisvet: unknown check %q in settings", name)
		}
	}
	var checks []*analysis.Analyzer
	for _, a := range analyzer.All() {
		if (len(enable) == 0 || slices.Contains(enable, a.Name)) && !slices.Contains(disable, a.Name) {
			checks = append(checks, a)
		}
	}
	return checks, nil
}

func setFlag(name, value string) error {
	check, flagName, _ := strings.Cut(name, ".")
	a := analyzer.ByName(check)
	if a == nil || a.Flags.Lookup(flagName) == nil {
		return fmt.Errorf("redisvet: no flag -%s", name)
	}
	return a.Flags.Set(flagName, value)
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.checks, nil }

// GetLoadMode asks for type information: the checks need it, and their
// facts need the dependencies analysed.
func (*plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
