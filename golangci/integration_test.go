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

// buildCustomGolangci builds golangci-lint with the plugin from the working
// tree the way the README's local route does (make golangci-lint): the
// module golangci/custom, whose go.mod replaces redisvet with this clone,
// built from the Go module proxy alone (`golangci-lint custom` clones
// golangci-lint with git). -mod=readonly: its committed go.sum must be
// complete.
func buildCustomGolangci(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	bin := filepath.Join(t.TempDir(), "golangci-lint")
	cmd := exec.Command("go", "build", "-mod=readonly", "-o", bin, ".")
	cmd.Dir = filepath.Join(filepath.Dir(file), "custom")
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build in golangci/custom: %v\n%s", err, out)
	}
	return bin
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
