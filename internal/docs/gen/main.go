// Command gen writes docs/checks/ from the checks' doc.go files:
//
//	go run ./internal/docs/gen
package main

import (
	"log"
	"os"
	"path/filepath"

	"github.com/redisvet/redisvet/analyzer"
	"github.com/redisvet/redisvet/internal/docs"
)

func main() {
	dir := filepath.Join("docs", "checks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	for _, a := range analyzer.All() {
		write(a.Name+".md", docs.Page(a))
	}
	write("README.md", docs.Index(analyzer.All()))
}
