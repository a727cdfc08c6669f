// Command redisvet finds Redis connection misuse in Go code: go-redis
// clients, PubSub and Conn handles and pipelines that are leaked or never
// executed.
//
// Standalone:
//
//	redisvet [-fix] [-diff] [-json] [-CHECK[=false]] ./...
//
// As a vet tool:
//
//	go vet -vettool=$(which redisvet) ./...
//
// redisvet help lists the checks; redisvet help CHECK documents one.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/redisvet/redisvet/analyzer"
)

func main() {
	// multichecker parses the flags itself, and answers go vet's -V=full
	// and -flags handshake: nothing may call flag.Parse before it.
	multichecker.Main(analyzer.All()...)
}
