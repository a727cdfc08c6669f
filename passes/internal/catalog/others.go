package catalog

// redigo (github.com/gomodule/redigo, formerly github.com/garyburd/redigo):
// a *Pool hands out Conns from Get, which hold a pooled connection at once
// and give it back only when closed (pool.go:192-274, 470-514); Dial*
// open raw connections. A *Pool is the client: it owns the idle
// connections and has no goroutines.
var redigoCommon = Library{
	Constructors: merge(
		kinds(Conn, "Dial", "DialContext", "DialURL", "DialURLContext", "DialTimeout", "NewConn"),
		kinds(Client, "NewPool"),
	),
	Literals: kinds(Client, "Pool"),
	OnlyUse: []string{"DoContext", "DoWithTimeout", "ReceiveContext", "ReceiveWithTimeout",
		"Script.Do", "Script.DoContext", "Script.Send", "Script.SendHash", "Script.Load"},
	Creators: kinds(Conn, "Get", "GetContext"),
	// Wrappers declare their own Get() redis.Conn (redsync's Pool).
	Sources: kinds(Conn, "Get", "GetContext"),
	Types: map[Kind][]string{
		Client: {"Pool"},
		Conn:   {"Conn", "ConnWithTimeout", "ConnWithContext"},
	},
	Releases: map[Kind][]string{Client: {"Close"}, Conn: {"Close"}},
	Eager:    []Kind{Conn},
	KindCosts: map[Kind]string{
		Conn:   "its connection stays open until the garbage collector reclaims it, and a pool never takes a leaked conn back, not even then: once MaxActive leak, Get fails with \"connection pool exhausted\", or blocks forever with Wait",
		Client: "its idle connections stay open",
	},
	Costs:     redigoDialCosts,
	HoldCosts: map[Kind]string{Conn: "every iteration holds one more connection until then: once MaxActive are held, Get fails with \"connection pool exhausted\", or blocks forever with Wait"},
	ChurnCost: "each one dials its own connections and reuses none of the others'",
	Options:   []string{"Pool"},
	// The pool closes a conn that fails its test itself (pool.go:238-243).
	CallbackFields: []string{"TestOnBorrow", "TestOnBorrowContext"},
	Pool:           PoolFields{MaxIdle: "MaxIdle", MaxActive: "MaxActive", Wait: "Wait", IdleReuse: true},
}

var redigoDialCosts = func() map[string]string {
	pooled := "the pool never takes its connection back, not even after garbage collection: once MaxActive conns leak, Get fails with \"connection pool exhausted\", or blocks forever with Wait"
	m := map[string]string{"Get": pooled, "GetContext": pooled}
	for _, name := range []string{"Dial", "DialContext", "DialURL", "DialURLContext", "DialTimeout", "NewConn"} {
		m[name] = "its TCP connection stays open until the garbage collector reclaims the conn"
	}
	return m
}()

var redigoLibraries = []*Library{
	named(redigoCommon, "redigo", "github.com/gomodule/redigo/redis"),
	named(redigoCommon, "redigo", "github.com/garyburd/redigo/redis"),
}

// rueidis (github.com/redis/rueidis, formerly github.com/rueian/rueidis)
// and its fork valkey-go: NewClient dials at once; Dedicate returns a
// DedicatedClient and the cancel func that gives its connection back to
// the blocking pool (client.go:239-243, 381-385); DedicatedClient.Close
// does too. Close has no result on either.
var rueidisCommon = Library{
	Constructors: kinds(Client, "NewClient"),
	Creators:     kinds(Conn, "Dedicate"),
	Cancels:      map[string]int{"Dedicate": 1},
	// Nodes() shares the parent's connections.
	Borrowers: []string{"Nodes"},
	Types: map[Kind][]string{
		Client: {"Client"},
		Conn:   {"DedicatedClient"},
	},
	Releases: map[Kind][]string{Client: {"Close"}, Conn: {"Close"}},
	Eager:    []Kind{Client, Conn},
	KindCosts: map[Kind]string{
		Client: "its connections and background goroutines stay alive",
		Conn:   "its connection keeps a slot of BlockingPoolSize that Client.Close does not reclaim: once the slots are gone, the next Dedicate or blocking command waits forever",
	},
	Options:     []string{"ClientOption"},
	KeepOnError: "ForceSingleClient",
	ChurnCost:   "each one dials its connections at once and starts background goroutines",
}

// The lock packages build a client of their own, released by the
// Locker's Close.
var lockCommon = Library{
	Constructors: kinds(Client, "NewLocker"),
	// Client() is the locker's own client.
	Borrowers: []string{"Client"},
	Types:     map[Kind][]string{Client: {"Locker"}},
	Releases:  map[Kind][]string{Client: {"Close"}},
	Eager:     []Kind{Client},
	KindCosts: map[Kind]string{Client: "its client's connections and background goroutines stay alive"},
	Options:   []string{"LockerOption"},
}

// The compat adapters wrap a client (NewAdapter owns nothing) and hand out
// PubSubs that hold a dedicated connection until closed.
var compatCommon = Library{
	Creators:  kinds(PubSub, "Subscribe", "PSubscribe", "SSubscribe"),
	Types:     map[Kind][]string{PubSub: {"PubSub"}},
	Releases:  map[Kind][]string{PubSub: {"Close"}},
	KindCosts: map[Kind]string{PubSub: "its dedicated connection and resubscribe goroutine stay open for good"},
}

var rueidisLibraries = []*Library{
	named(rueidisCommon, "rueidis", "github.com/redis/rueidis"),
	named(rueidisCommon, "rueidis", "github.com/rueian/rueidis"),
	named(rueidisCommon, "valkey-go", "github.com/valkey-io/valkey-go"),
	named(lockCommon, "rueidislock", "github.com/redis/rueidis/rueidislock"),
	named(lockCommon, "rueidislock", "github.com/rueian/rueidis/rueidislock"),
	named(lockCommon, "valkeylock", "github.com/valkey-io/valkey-go/valkeylock"),
	named(compatCommon, "rueidiscompat", "github.com/redis/rueidis/rueidiscompat"),
	named(compatCommon, "rueidiscompat", "github.com/rueian/rueidis/rueidiscompat"),
	named(compatCommon, "valkeycompat", "github.com/valkey-io/valkey-go/valkeycompat"),
	// The command builders (client.B().Set()...Ex(d)) live in an internal
	// package: only their duration arguments matter.
	{Name: "rueidis", Path: "github.com/redis/rueidis/internal/cmds"},
	{Name: "rueidis", Path: "github.com/rueian/rueidis/internal/cmds"},
	{Name: "valkey-go", Path: "github.com/valkey-io/valkey-go/internal/cmds"},
}

func named(lib Library, name, path string) *Library {
	lib.Name, lib.Path = name, path
	return &lib
}

func merge(ms ...map[string]Kind) map[string]Kind {
	out := map[string]Kind{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
