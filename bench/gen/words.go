package main

import (
	"strconv"
	"strings"
	"unicode"
)

// Vocabulary of the synthetic code base. The lists only ever grow at the
// end: changing an entry changes every generated module.
var (
	domains = []string{
		"billing", "catalog", "orders", "users", "search", "inventory",
		"shipping", "auth", "audit", "metrics", "notify", "session", "cart",
		"pricing", "reports", "payments", "reviews", "media", "geo", "feeds",
	}
	nouns = []string{
		"account", "invoice", "order", "item", "user", "token", "event",
		"report", "price", "stock", "batch", "quota", "label", "region",
		"ticket", "review", "coupon", "refund", "parcel", "route", "score",
		"badge", "device", "file", "plan", "tenant", "member", "rule",
		"window", "bucket", "counter", "lease", "job", "task", "feed",
		"topic", "cursor", "digest", "ledger", "slot",
	}
	verbs = []string{
		"sync", "load", "store", "fetch", "count", "merge", "scan", "track",
		"refresh", "expire", "publish", "collect", "rebuild", "drain", "check",
		"index", "prune", "warm", "flush", "record",
	}
	adjectives = []string{
		"active", "pending", "stale", "recent", "hot", "daily", "primary",
		"shadow", "cold", "weekly", "open", "closed", "partial", "global",
	}
	bizFlavors = []string{"model", "rules", "text", "calc", "report", "codec", "policy", "format"}
	fields     = []string{
		"Name", "Owner", "Region", "Status", "Amount", "Count", "Weight",
		"Limit", "Label", "Code", "Kind", "Level", "Title", "Source", "Target",
	}
)

// title upper-cases the first letter.
func title(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// names hands out identifiers that are unique within one package.
type names struct {
	used map[string]bool
}

func newNames() *names { return &names{used: map[string]bool{}} }

// fresh returns base, or base2, base3... if base is taken.
func (n *names) fresh(base string) string {
	name := base
	for i := 2; n.used[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	n.used[name] = true
	return name
}

// reserve marks names as taken (the package's fixed API).
func (n *names) reserve(list ...string) {
	for _, s := range list {
		n.used[s] = true
	}
}

// lowerFirst lower-cases the first letter.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
