package ownership

import (
	"fmt"
	"strings"

	"github.com/redisvet/redisvet/passes/internal/catalog"
)

// Effect says what a function does with a parameter that may carry a Redis
// value, seen from a caller that passes one.
type Effect uint8

const (
	// Unknown means nothing is known, so the caller must assume a hand-off.
	Unknown Effect = iota
	// Uses means the function only uses the value; the caller still owns it.
	Uses
	// Releases means the function releases the value on every path.
	Releases
	// Keeps means ownership may leave the function (stored, returned,
	// sent, or released on some paths only).
	Keeps
	// KeepsOnSuccess means the function keeps the value on the paths that
	// return a nil error and leaves it to the caller on the others, where
	// it returns an error: newStore(redis.NewClient(opt)) leaks the
	// client when newStore fails.
	KeepsOnSuccess
)

var effectNames = [...]string{Unknown: "unknown", Uses: "uses", Releases: "releases", Keeps: "keeps", KeepsOnSuccess: "keeps on success"}

func (e Effect) String() string { return effectNames[e] }

// Param is the summary of one parameter. Index counts the receiver first,
// as go/ssa does.
type Param struct {
	Index  int
	Effect Effect
	Queues bool // queues commands on a pipeline passed in
}

// Summary is what a function does with Redis values, exported as an
// analysis fact so that callers in other packages see through helpers and
// wrappers. Only functions with something to say get one.
type Summary struct {
	// Returns holds, per result, the kind of new value the function returns
	// to its caller, who then owns it (catalog.None for other results).
	Returns []catalog.Kind
	// Cleanups pair results: calling the function value returned at
	// Result releases the new value returned at Releases
	// (ps, done := open(); defer done()).
	Cleanups []Cleanup
	// ReturnsUsed: a new value is used before it is returned (a command
	// sent), so it may hold a connection even if the caller never uses it.
	ReturnsUsed bool
	Params      []Param
	// PerCallClient: the function builds a client and closes it before it
	// returns, so each call pays for a new pool and new connections.
	PerCallClient bool
	// Options are the parameters (receiver first) that reach the options
	// of the client the function returns or builds per call: a caller in
	// a loop that passes values of the iteration there builds one client
	// per target, not the same one again.
	Options []int
	// NoReturn: no call of the function returns normally.
	NoReturn bool
}

// A Cleanup says that result Result is a function that releases result
// Releases.
type Cleanup struct {
	Result, Releases int
}

// AFact marks Summary as an analysis fact.
func (*Summary) AFact() {}

func (s *Summary) String() string {
	var parts []string
	for i, k := range s.Returns {
		if k != catalog.None {
			parts = append(parts, fmt.Sprintf("returns new %s at %d", k, i))
		}
	}
	if s.ReturnsUsed {
		parts = append(parts, "used")
	}
	for _, c := range s.Cleanups {
		parts = append(parts, fmt.Sprintf("result %d releases %d", c.Result, c.Releases))
	}
	for _, p := range s.Params {
		q := ""
		if p.Queues {
			q = "+queues"
		}
		parts = append(parts, fmt.Sprintf("param %d %s%s", p.Index, p.Effect, q))
	}
	if s.PerCallClient {
		parts = append(parts, "per-call client")
	}
	if len(s.Options) > 0 {
		parts = append(parts, fmt.Sprintf("options from params %v", s.Options))
	}
	if s.NoReturn {
		parts = append(parts, "noreturn")
	}
	return "redis(" + strings.Join(parts, "; ") + ")"
}

func (s *Summary) empty() bool {
	return s.returned() == catalog.None && len(s.Params) == 0 && !s.PerCallClient && !s.NoReturn
}

// returned is the kind of the first new value the function returns.
func (s *Summary) returned() catalog.Kind {
	for _, k := range s.Returns {
		if k != catalog.None {
			return k
		}
	}
	return catalog.None
}

// cleanup returns the index of the result that releases result i, or -1.
func (s *Summary) cleanup(i int) int {
	for _, c := range s.Cleanups {
		if c.Releases == i {
			return c.Result
		}
	}
	return -1
}

func (s *Summary) param(i int) Param {
	for _, p := range s.Params {
		if p.Index == i {
			return p
		}
	}
	return Param{Index: i}
}

// DealsInRedis marks a package that imports a Redis library, directly or
// through another package so marked. Only such packages get the full
// analysis; the rest stay cheap.
type DealsInRedis struct{}

// AFact marks DealsInRedis as an analysis fact.
func (*DealsInRedis) AFact()         {}
func (*DealsInRedis) String() string { return "dealsInRedis" }
