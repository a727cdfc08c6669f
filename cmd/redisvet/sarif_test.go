package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/redisvet/redisvet/analyzer"
	"github.com/redisvet/redisvet/testdata"
)

// schemaPath is where `make sarif-schema` puts the OASIS SARIF 2.1.0 JSON
// schema (taken from an npm package; not committed).
func schemaPath(t *testing.T) string {
	if p := os.Getenv("REDISVET_SARIF_SCHEMA"); p != "" {
		return p
	}
	p, err := filepath.Abs(filepath.Join("..", "..", ".cache", "sarif-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("SARIF schema missing (%v): make test runs make sarif-schema first", err)
		}
		t.Skipf("SARIF schema missing: run make sarif-schema (%v)", err)
	}
	return p
}

// TestSARIF writes SARIF for the demo module and validates it against the
// SARIF 2.1.0 schema, then checks what GitHub code scanning reads: a rule
// per check with its documentation, results with ranges, fixes.
func TestSARIF(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a module")
	}
	schema := compileSchema(t)
	t.Chdir(testdata.Dir(t, "demo"))
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	var out, errOut bytes.Buffer
	if code := standalone([]string{"-sarif", "./..."}, analyzer.All(), &out, &errOut); code != 3 {
		t.Fatalf("exit code %d, want 3 (findings); stderr:\n%s", code, errOut.String())
	}
	validate(t, schema, out.Bytes())

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string
						HelpURI          string
						FullDescription  struct{ Text string }
						ShortDescription struct{ Text string }
					}
				}
			}
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, EndLine, EndColumn int }
					}
				}
				Fixes []json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got, want := len(run.Tool.Driver.Rules), len(analyzer.All()); got != want {
		t.Errorf("%d rules, want one per check (%d)", got, want)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.HelpURI == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" {
			t.Errorf("rule %s lacks documentation: %+v", r.ID, r)
		}
	}
	if len(run.Results) == 0 {
		t.Fatal("no results")
	}
	fixes := 0
	for _, r := range run.Results {
		loc := r.Locations[0].PhysicalLocation
		if strings.HasPrefix(loc.ArtifactLocation.URI, "/") || loc.Region.EndLine == 0 || loc.Region.EndColumn == 0 {
			t.Errorf("result %s: location %+v lacks a relative path or an end", r.RuleID, loc)
		}
		fixes += len(r.Fixes)
	}
	if fixes == 0 {
		t.Error("no fixes in the SARIF output")
	}
}

// TestSARIFErrors checks the log written when packages do not load: valid
// SARIF, the error as a tool execution notification, an unsuccessful
// invocation, exit code 1; and outside a module.
func TestSARIFErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a module")
	}
	schema := compileSchema(t)
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	for _, tc := range []struct{ dir, msg string }{
		{testdata.Dir(t, "broken"), "bad/bad.go:15:14: cannot use ps.Channel()"},
		{t.TempDir(), noModuleMsg},
	} {
		t.Chdir(tc.dir)
		var out, errOut bytes.Buffer
		if code := standalone([]string{"-sarif", "./..."}, analyzer.All(), &out, &errOut); code != 1 || errOut.Len() > 0 {
			t.Errorf("%s: exit code %d, want 1; stderr:\n%s", tc.dir, code, errOut.String())
		}
		validate(t, schema, out.Bytes())
		var log struct {
			Runs []struct {
				Invocations []struct {
					ExecutionSuccessful        bool
					ToolExecutionNotifications []struct {
						Level   string
						Message struct{ Text string }
					}
				}
			}
		}
		if err := json.Unmarshal(out.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		inv := log.Runs[0].Invocations
		if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 1 ||
			!strings.HasPrefix(inv[0].ToolExecutionNotifications[0].Message.Text, tc.msg) {
			t.Errorf("%s: invocations %+v, want one failed with the notification %q", tc.dir, inv, tc.msg)
		}
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	schema, err := jsonschema.NewCompiler().Compile(schemaPath(t))
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

func validate(t *testing.T, schema *jsonschema.Schema, sarif []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarif))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("SARIF output does not validate: %v", err)
	}
}
