// Command golangci-lint is golangci-lint v2.15.0 with the redisvet module
// plugin compiled in: what `golangci-lint custom` builds, from this clone
// and the Go module proxy alone (custom clones golangci-lint with git).
//
//	make golangci-lint   # writes bin/golangci-lint
package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"

	_ "github.com/redisvet/redisvet/golangci"
)

func main() {
	info := commands.BuildInfo{Version: "2.15.0-redisvet", GoVersion: "go"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
