// Package imports uses its imports in every way SSA looks them up: // want package:"dealsInRedis"
// package-level functions (generic ones instantiated), variables, dot
// imports, method values and expressions of imported types, and methods
// promoted from a package it does not import (text/template's Template
// embeds text/template/parse's Tree). The engine creates only the imported
// members the code names; these summaries show it still sees through them.
package imports

import (
	"context"
	"errors"
	"io"
	. "os"
	"slices"
	"sync"
	"text/template"

	"github.com/redis/go-redis/v9"
)

var channels = sync.OnceValue(func() []string { return slices.Sorted(slices.Values(Args)) })

// Receive closes ps on every path whatever the imports return.
func Receive(ctx context.Context, ps *redis.PubSub, tmpl *template.Template) error { // want Receive:`redis\(param 1 releases\)`
	defer ps.Close()
	if _, err := ps.Receive(ctx); errors.Is(err, redis.Nil) || errors.Is(err, io.EOF) {
		return err
	}
	if slices.Contains(channels(), "x") {
		copyTree := tmpl.Copy
		loc, _ := copyTree().ErrorContext(nil)
		return errors.New(loc)
	}
	if Getenv("FAIL") != "" {
		Exit(1)
	}
	return nil
}

// CloseByMethodValue releases ps through a method value.
func CloseByMethodValue(ps *redis.PubSub) { // want CloseByMethodValue:`redis\(param 0 releases\)`
	release := ps.Close
	_ = release()
}

// CloseByMethodExpr releases ps through a method expression, which the
// engine does not follow: it counts as keeping ps, so callers are silent.
func CloseByMethodExpr(ps *redis.PubSub) { // want CloseByMethodExpr:`redis\(param 0 keeps\)`
	closePubSub := (*redis.PubSub).Close
	_ = closePubSub(ps)
}

// Subscribe returns a new PubSub built with an imported generic function.
func Subscribe(ctx context.Context, rdb *redis.Client) *redis.PubSub { // want Subscribe:`redis\(returns new pubsub at 0; param 1 uses\)`
	return rdb.Subscribe(ctx, slices.Clone(Args)...)
}
