package golangci

import (
	"strings"
	"testing"

	"github.com/redisvet/redisvet/analyzer"
)

func names(t *testing.T, raw any) []string {
	t.Helper()
	p, err := New(raw)
	if err != nil {
		t.Fatal(err)
	}
	checks, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range checks {
		out = append(out, a.Name)
	}
	return out
}

func TestSettings(t *testing.T) {
	if got := names(t, nil); len(got) != len(analyzer.All()) {
		t.Errorf("no settings: %v, want every check", got)
	}
	if got := names(t, map[string]any{"disable": []string{"clientchurn"}}); strings.Contains(strings.Join(got, ","), "clientchurn") {
		t.Errorf("disable clientchurn: %v", got)
	}
	if got := names(t, map[string]any{"enable": []string{"pubsubclose", "connclose"}}); strings.Join(got, ",") != "pubsubclose,connclose" {
		t.Errorf("enable two: %v", got)
	}
}

func TestSettingsMapOntoFlags(t *testing.T) {
	defer func() {
		_ = analyzer.ByName("clientchurn").Flags.Set("handlers", "")
		_ = analyzer.ByName("clientclose").Flags.Set("constructors", "")
	}()
	names(t, map[string]any{
		"handlers":     []string{"example.com/web.Context"},
		"constructors": []string{"example.com/infra/redisx.New", "example.com/infra/redisx.NewCluster"},
	})
	if got := analyzer.ByName("clientchurn").Flags.Lookup("handlers").Value.String(); got != "example.com/web.Context" {
		t.Errorf("-clientchurn.handlers = %q", got)
	}
	if got := analyzer.ByName("clientchurn").Flags.Lookup("constructors").Value.String(); got != "example.com/infra/redisx.New,example.com/infra/redisx.NewCluster" {
		t.Errorf("-clientchurn.constructors = %q (shared with clientclose)", got)
	}
}

func TestSettingsRejected(t *testing.T) {
	for _, raw := range []map[string]any{
		{"enabel": []string{"pubsubclose"}},
		{"disable": []string{"nosuchcheck"}},
		{"handlers": "not-a-list"},
	} {
		if _, err := New(raw); err == nil {
			t.Errorf("settings %v accepted", raw)
		}
	}
}
