package rueidischeck_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/redis/rueidis"

	"github.com/redisvet/redisvet/leakcheck/rueidischeck"
)

// testTransfer is a test of the user's, which forgets to call the cancel
// function of a Dedicate. In a _test.go file it would be
// func TestTransfer(t *testing.T).
func testTransfer(t testing.TB, addr string) {
	ctx := context.Background()
	// The check wraps the options the client is built from.
	client, err := rueidis.NewClient(rueidischeck.Options(t, rueidis.ClientOption{InitAddress: []string{addr}}))
	if err != nil {
		t.Fatalf("rueidis.NewClient: %v", err)
	}
	defer client.Close() // a defer runs before the check

	dc, cancel := client.Dedicate()
	_ = cancel // defer cancel() is missing.
	dc.Do(ctx, dc.B().Set().Key("balance").Value("100").Build())
}

// printTB stands in for the *testing.T the test would get, so that this
// example runs: it prints what leakcheck reports, and runs the cleanups
// last-registered first, as testing does when the test ends.
type printTB struct {
	testing.TB
	addr     string
	cleanups []func()
}

func (p *printTB) Helper()                   {}
func (p *printTB) Cleanup(f func())          { p.cleanups = append(p.cleanups, f) }
func (p *printTB) Logf(string, ...any)       {}
func (p *printTB) Fatalf(f string, a ...any) { p.Errorf(f, a...) }
func (p *printTB) Errorf(f string, a ...any) {
	// The server's port changes from run to run.
	fmt.Println(strings.ReplaceAll(fmt.Sprintf(f, a...), p.addr, "127.0.0.1:6379"))
}

func (p *printTB) end() {
	for i := len(p.cleanups) - 1; i >= 0; i-- {
		p.cleanups[i]()
	}
}

// A test that forgets the cancel function of a Dedicate fails with the
// lines that opened and last used the dedicated connection.
func Example() {
	// srv is the redis-server that this package's TestMain starts.
	t := &printTB{addr: srv.Addr}
	testTransfer(t, srv.Addr)
	t.end()
	// Output:
	// leakcheck: rueidis connection to 127.0.0.1:6379 opened by Dedicate at example_test.go:26, last used at example_test.go:28, is still open after the client was closed: call the cancel function Dedicate returned (defer cancel())
}
