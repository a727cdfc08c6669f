package main_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestVetAcrossPackages checks that summaries travel between packages as
// facts under go vet as they do standalone: wrappers and closer helpers in
// one package, their callers in others, the same findings from both.
func TestVetAcrossPackages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds redisvet and runs go vet")
	}
	env := subprocessEnv()
	bin := buildRedisvet(t, env)
	mod := fixture(t, "redismod")
	// go vet prints "# package" headers and no check names; standalone
	// redisvet ends each finding with "(check)".
	checkName := regexp.MustCompile(` \([a-z]+\)$`)
	findings := func(out string) []string {
		var lines []string
		for l := range strings.Lines(out) {
			l = strings.TrimSpace(l)
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			l = checkName.ReplaceAllString(l, "")
			lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(l, mod+"/"), "./"))
		}
		slices.Sort(lines)
		return lines
	}
	standalone, code := run(t, env, mod, bin, "./crosspkg/...")
	if code != 3 {
		t.Fatalf("standalone exit %d, want 3:\n%s", code, standalone)
	}
	vet, code := run(t, env, mod, "go", "vet", "-vettool="+bin, "./crosspkg/...")
	if code != 1 {
		t.Fatalf("go vet exit %d, want 1:\n%s", code, vet)
	}
	a, b := findings(standalone), findings(vet)
	if !slices.Equal(a, b) {
		t.Errorf("findings differ\nstandalone:\n%s\ngo vet:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	if !strings.Contains(strings.Join(b, "\n"), "wrappers.Listen") {
		t.Errorf("go vet did not see through wrappers.Listen:\n%s", vet)
	}

	// Byte-identical output from two runs.
	again, _ := run(t, env, mod, bin, "-json", "./crosspkg/...")
	once, _ := run(t, env, mod, bin, "-json", "./crosspkg/...")
	if once != again {
		t.Errorf("two -json runs differ:\n%s\n---\n%s", once, again)
	}
}
