package rueidischeck_test

import (
	"context"
	"testing"

	"github.com/redis/rueidis"

	"github.com/redisvet/redisvet/leakcheck/internal/faketb"
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

// A test that forgets the cancel function of a Dedicate fails with the
// lines that opened and last used the dedicated connection.
func Example() {
	// srv is the redis-server that this package's TestMain starts.
	t := &faketb.Printer{Addr: srv.Addr}
	testTransfer(t, srv.Addr)
	t.End()
	// Output:
	// leakcheck: rueidis connection to 127.0.0.1:6379 opened by Dedicate at example_test.go:25, last used at example_test.go:27, is still open after the client was closed: call the cancel function Dedicate returned (defer cancel())
}
