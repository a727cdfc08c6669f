package rueidischeck

import (
	"context"
	"crypto/tls"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/redis/rueidis"

	"github.com/redisvet/redisvet/leakcheck/internal/conns"
	"github.com/redisvet/redisvet/leakcheck/internal/goroutines"
	"github.com/redisvet/redisvet/leakcheck/internal/report"
	"github.com/redisvet/redisvet/leakcheck/internal/stack"
)

// Options returns opt with a dialer that records each connection the
// rueidis client (github.com/redis/rueidis) built from it opens; at the end
// of the test it fails tb when the client was not closed, when a
// connection from Dedicate is still open (its cancel function was not
// called), or when a goroutine the test started is still running in
// rueidis. A built rueidis.Client has no hook to see its connections
// through, so the check wraps the options:
//
//	client, err := rueidis.NewClient(rueidischeck.Options(t, rueidis.ClientOption{...}))
//
// The dialer calls opt's DialCtxFn or DialFn, or dials the way rueidis
// does. Register the client's Close after this call.
func Options(tb testing.TB, opt rueidis.ClientOption) rueidis.ClientOption {
	tb.Helper()
	ck := &clientCheck{}
	ck.conns.RecordWrites = true
	dialCtx, dial := opt.DialCtxFn, opt.DialFn
	opt.DialCtxFn = func(ctx context.Context, dst string, d *net.Dialer, cfg *tls.Config) (net.Conn, error) {
		var nc net.Conn
		var err error
		switch {
		case dialCtx != nil:
			nc, err = dialCtx(ctx, dst, d, cfg)
		case dial != nil:
			nc, err = dial(dst, d, cfg)
		case cfg != nil:
			nc, err = (&tls.Dialer{NetDialer: d, Config: cfg}).DialContext(ctx, "tcp", dst)
		default:
			nc, err = d.DialContext(ctx, "tcp", dst)
		}
		if err != nil || nc == nil {
			return nc, err
		}
		st := stack.Callers(1)
		// The client's own pipelines are dialled by its mux; Dedicate,
		// Dedicated and blocking commands take theirs from a pool.
		kind := conns.KindMux
		if stack.HasFunc(st, stack.PathRueidis+".(*pool).Acquire") {
			kind = conns.KindDedicated
		}
		api, site := stack.APIAndSite(st, stack.PathRueidis)
		return ck.conns.Wrap(nc, kind, api, site), nil
	}
	// A rueidis client the test shares with others (built in TestMain, say)
	// starts pipeline goroutines from whichever goroutine uses it: only
	// those on the connections of this client, and their children, count.
	onWrapped := func(g *goroutines.Goroutine) bool { return g.Runs(conns.IsIO) }
	keep := func(g, parent *goroutines.Goroutine) bool {
		return onWrapped(g) || parent != nil && onWrapped(parent)
	}
	report.Register(tb, stack.PathRueidis, "close the client, and call the cancel function of every Dedicate", keep, ck.findings)
	return opt
}

type clientCheck struct{ conns conns.Set }

// findings: the client's Close closes its pipelines and its pools' idle
// connections, not a connection lent by Dedicate until its cancel runs.
// While the client is open, idle and lent ones look alike.
func (ck *clientCheck) findings() []string {
	// A cluster client's Close closes its nodes in goroutines.
	for deadline := time.Now().Add(report.SettleTime); len(ck.conns.Open(conns.KindMux)) > 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if open := ck.conns.Open(conns.KindMux); len(open) > 0 {
		return []string{report.NotClosedText("rueidis client for "+remotes(open), report.Plural(len(open), "connection")+" open")}
	}
	var out []string
	for _, c := range ck.conns.Open(conns.KindDedicated) {
		what := "rueidis connection to " + c.Remote + c.Opened()
		if last := c.LastUse(); last != "" && last != c.Site() {
			what += ", last used at " + last + ","
		}
		remedy := "call the cancel function Dedicate returned (defer cancel())"
		if c.API != "Dedicate" {
			remedy = "a Dedicate whose cancel was not called holds it, or a blocking command is still running"
		}
		out = append(out, what+" is still open after the client was closed: "+remedy)
	}
	return out
}

func remotes(cs []*conns.Conn) string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cs {
		if !seen[c.Remote] {
			seen[c.Remote] = true
			out = append(out, c.Remote)
		}
	}
	return strings.Join(out, ", ")
}
