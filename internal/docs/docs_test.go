package docs_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/redisvet/redisvet/analyzer"
	"github.com/redisvet/redisvet/internal/docs"
)

// TestPagesUpToDate fails when docs/checks/ differs from what the checks'
// doc.go files render: run `go run ./internal/docs/gen`.
func TestPagesUpToDate(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "checks")
	want := map[string][]byte{"README.md": docs.Index(analyzer.All())}
	for _, a := range analyzer.All() {
		want[a.Name+".md"] = docs.Page(a)
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("docs/checks/%s is out of date: run go run ./internal/docs/gen", name)
		}
	}
}

// TestPagesCoverTheBasics checks every page has what a user needs.
func TestPagesCoverTheBasics(t *testing.T) {
	for _, a := range analyzer.All() {
		page := string(docs.Page(a))
		for _, want := range []string{"Bad:", "Good:", "suggested fix", "redisvet:ignore " + a.Name} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: page lacks %q", a.Name, want)
			}
		}
		if !strings.HasSuffix(a.URL, "docs/checks/"+a.Name+".md") {
			t.Errorf("%s: URL %s is not its page", a.Name, a.URL)
		}
	}
}
