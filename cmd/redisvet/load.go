package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
)

// noModuleMsg is what redisvet says outside a module, instead of the go
// command's errors for each pattern.
const noModuleMsg = "redisvet: no Go module here: run redisvet inside a module (go.mod), or cd into one"

// noModule returns noModuleMsg if wd is in no module or workspace, in
// module mode. It costs a go command, so it is asked only after a load
// failed.
func noModule(wd string) string {
	cmd := exec.Command("go", "env", "GOMOD", "GOWORK", "GO111MODULE")
	cmd.Dir = wd
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	v := strings.Split(string(out), "\n") // one line per variable
	if len(v) < 3 || v[2] == "off" {
		return "" // GOPATH mode has no go.mod to ask for
	}
	gomod, gowork := v[0], v[1]
	if (gomod == "" || gomod == os.DevNull) && (gowork == "" || gowork == "off") {
		return noModuleMsg
	}
	return ""
}

// loadError is the line for a failure of the go command itself: its own
// message, without go/packages' "err: exit status 1: stderr:" wrapping.
func loadError(wd string, err error) string {
	if msg := noModule(wd); msg != "" {
		return msg
	}
	msg := err.Error()
	if _, stderr, ok := strings.Cut(msg, "stderr: "); ok {
		msg = stderr
	}
	return "redisvet: " + strings.TrimSpace(msg)
}

// packageError is the line for an error of one package, as the compiler
// prints it: position (relative to wd), message.
func packageError(wd string, e packages.Error) string {
	if e.Pos == "" || e.Pos == "-" {
		return "redisvet: " + e.Msg
	}
	return relPath(wd, e.Pos) + ": " + e.Msg
}

// relPath returns file (or a position "file:line:col") relative to wd
// when it is under wd, unchanged otherwise.
func relPath(wd, file string) string {
	if rest, ok := strings.CutPrefix(file, wd+string(filepath.Separator)); ok {
		return rest
	}
	return file
}
