package leakcheck

import (
	"context"
	"crypto/tls"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/redis/rueidis"
)

// Rueidis returns opt with a dialer that records each connection the
// rueidis client (github.com/redis/rueidis) built from it opens; at the end
// of the test it fails tb when the client was not closed, when a
// connection from Dedicate is still open (its cancel function was not
// called), or when a goroutine the test started is still running in
// rueidis. A built rueidis.Client has no hook to see its connections
// through, so the check wraps the options:
//
//	client, err := rueidis.NewClient(leakcheck.Rueidis(t, rueidis.ClientOption{...}))
//
// The dialer calls opt's DialCtxFn or DialFn, or dials the way rueidis
// does. Register the client's Close after this call.
func Rueidis(tb testing.TB, opt rueidis.ClientOption) rueidis.ClientOption {
	tb.Helper()
	ck := &rueidisCheck{}
	ck.conns.recordWrites = true
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
		st := callers(1)
		// The client's own pipelines are dialled by its mux; Dedicate,
		// Dedicated and blocking commands take theirs from a pool.
		kind := kindMux
		if hasFunc(st, pathRueidis+".(*pool).Acquire") {
			kind = kindDedicated
		}
		api, site := apiAndSite(st, pathRueidis)
		return ck.conns.wrap(nc, kind, api, site), nil
	}
	// A rueidis client the test shares with others (built in TestMain, say)
	// starts pipeline goroutines from whichever goroutine uses it: only
	// those on the connections of this client, and their children, count.
	keep := func(g, parent *goroutine) bool {
		return g.onWrapped() || parent != nil && parent.onWrapped()
	}
	register(tb, pathRueidis, "close the client, and call the cancel function of every Dedicate", keep, ck.findings)
	return opt
}

type rueidisCheck struct{ conns connSet }

// findings: the client's Close closes its pipelines and its pools' idle
// connections, not a connection lent by Dedicate until its cancel runs.
// While the client is open, idle and lent ones look alike.
func (ck *rueidisCheck) findings() []string {
	// A cluster client's Close closes its nodes in goroutines.
	for deadline := time.Now().Add(settleTime); len(ck.conns.open(kindMux)) > 0 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if open := ck.conns.open(kindMux); len(open) > 0 {
		return []string{notClosedText("rueidis client for "+remotes(open), plural(len(open), "connection")+" open")}
	}
	var out []string
	for _, c := range ck.conns.open(kindDedicated) {
		what := "rueidis connection to " + c.remote + c.opened()
		if last := c.lastUse(); last != "" && last != c.site {
			what += ", last used at " + last + ","
		}
		remedy := "call the cancel function Dedicate returned (defer cancel())"
		if c.api != "Dedicate" {
			remedy = "a Dedicate whose cancel was not called holds it, or a blocking command is still running"
		}
		out = append(out, what+" is still open after the client was closed: "+remedy)
	}
	return out
}

func remotes(cs []*conn) string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cs {
		if !seen[c.remote] {
			seen[c.remote] = true
			out = append(out, c.remote)
		}
	}
	return strings.Join(out, ", ")
}
