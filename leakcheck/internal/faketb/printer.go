package faketb

import (
	"fmt"
	"strings"
	"testing"
)

// Printer stands in for the *testing.T of the packages' runnable
// examples: it prints what leakcheck reports, with the server's address,
// which changes from run to run, spelt 127.0.0.1:6379, and End runs the
// cleanups last-registered first, as testing does when the test ends.
type Printer struct {
	testing.TB
	Addr     string
	cleanups []func()
}

func (p *Printer) Helper()                   {}
func (p *Printer) Cleanup(f func())          { p.cleanups = append(p.cleanups, f) }
func (p *Printer) Logf(string, ...any)       {}
func (p *Printer) Fatalf(f string, a ...any) { p.Errorf(f, a...) }
func (p *Printer) Errorf(f string, a ...any) {
	fmt.Println(strings.ReplaceAll(fmt.Sprintf(f, a...), p.Addr, "127.0.0.1:6379"))
}

// End runs the cleanups.
func (p *Printer) End() {
	for i := len(p.cleanups) - 1; i >= 0; i-- {
		p.cleanups[i]()
	}
}
