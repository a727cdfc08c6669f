// Package closers has generic helpers and never imports go-redis: it gets
// the cheap summaries.
package closers

import (
	"io"
	"log"
	"os"
)

// CloseQuietly closes c on every path.
func CloseQuietly(c io.Closer) { // want CloseQuietly:`redis\(param 0 releases\)`
	_ = c.Close()
}

// CloseLogged closes c in a defer.
func CloseLogged(name string, c io.Closer) { // want CloseLogged:`redis\(param 1 releases\)`
	defer func() {
		log.Printf("closed %s", name)
	}()
	defer c.Close()
}

// MaybeClose closes c only sometimes: no summary, so callers assume a hand-off.
func MaybeClose(c io.Closer, really bool) {
	if really {
		c.Close()
	}
}

// Fatal never returns.
func Fatal(err error) { // want Fatal:`redis\(noreturn\)`
	log.Print(err)
	os.Exit(1)
}
