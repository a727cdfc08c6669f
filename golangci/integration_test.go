package golangci_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/redisvet/redisvet/internal/checktest"
	"github.com/redisvet/redisvet/testdata"
)

// golangciVersion is the golangci-lint release the plugin is tested with.
const golangciVersion = "v2.15.0"

// buildCustomGolangci builds golangci-lint with the plugin from the working
// tree, the binary `golangci-lint custom` would build, but from the Go
// module proxy only: `custom` clones golangci-lint with git.
func buildCustomGolangci(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	repo := filepath.Dir(filepath.Dir(file))
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module redisvet-golangci\n\ngo 1.26\n\n"+
		"require (\n\tgithub.com/golangci/golangci-lint/v2 "+golangciVersion+"\n\tgithub.com/redisvet/redisvet v0.0.0\n)\n\n"+
		"replace github.com/redisvet/redisvet => "+repo+"\n")
	write("main.go", `// Command golangci-lint is golangci-lint with the redisvet plugin.
package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"

	_ "github.com/redisvet/redisvet/golangci"
)

func main() {
	info := commands.BuildInfo{Version: "`+strings.TrimPrefix(golangciVersion, "v")+`-redisvet", GoVersion: "go"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`)
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "-o", "golangci-lint", "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return filepath.Join(dir, "golangci-lint")
}

type issue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename string
		Line     int
	}
}

func runGolangci(t *testing.T, bin, dir string, args ...string) []issue {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"run", "--output.json.path=stdout", "--output.text.path=stderr", "--show-stats=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = checktest.Env()
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("golangci-lint run: %v\n%s\n%s", err, out, ee.Stderr)
		}
	}
	var report struct{ Issues []issue }
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("golangci-lint output: %v\n%s", err, out)
	}
	return report.Issues
}

// TestGolangciPlugin builds golangci-lint with the plugin and runs it on a
// fixture module: the findings, the settings (pipelineexec disabled),
// //nolint:redisvet, and --fix.
func TestGolangciPlugin(t *testing.T) {
	if os.Getenv("REDISVET_INTEGRATION") == "" {
		t.Skip("builds golangci-lint (minutes): run with make integration")
	}
	bin := buildCustomGolangci(t)
	dir := checktest.CopyModule(t, testdata.Dir(t, "golangci"))

	issues := runGolangci(t, bin, dir, "./...")
	var got []string
	for _, is := range issues {
		if is.FromLinter != "redisvet" {
			t.Errorf("issue from %s: %s", is.FromLinter, is.Text)
		}
		got = append(got, is.Text)
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"the *redis.PubSub from Subscribe is not closed when this function returns at line 14",
		"the *redis.Client from redis.NewClient is built on every iteration of the loop",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing finding %q in:\n%s", want, all)
		}
	}
	for _, unwanted := range []string{"redis.Conn", "pipeline"} {
		if strings.Contains(all, unwanted) {
			t.Errorf("finding about %s should be silenced (nolint, disabled check):\n%s", unwanted, all)
		}
	}
	if len(issues) != 2 {
		t.Errorf("%d issues, want 2:\n%s", len(issues), all)
	}

	runGolangci(t, bin, dir, "--fix", "./...")
	fixed, err := os.ReadFile(filepath.Join(dir, "app", "app.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(fixed), "ps := rdb.Subscribe(ctx, \"events\")\n\tdefer ps.Close()\n") {
		t.Errorf("--fix did not add defer ps.Close():\n%s", fixed)
	}
	after := runGolangci(t, bin, dir, "./...")
	if len(after) >= len(issues) {
		t.Errorf("%d issues after --fix, %d before", len(after), len(issues))
	}
}
