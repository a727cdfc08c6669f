package catalog

import (
	"fmt"
	"go/types"
	"slices"
	"time"
)

// A DurationUse says what a library makes of a time.Duration given to one
// of its options fields or parameters: how messages name it, which values
// have a documented meaning of their own, the unit a bare number there
// most likely counted, and what a few nanoseconds really do.
type DurationUse struct {
	// Name is how messages name the field or parameter: "ReadTimeout",
	// "the expiration".
	Name string
	// Specials are the values besides 0 that the library documents:
	// -1 for no timeout, redis.KeepTTL for an expiration.
	Specials []int64
	// Unit is the constant of package time that a bare number here most
	// likely counted: "Second", "Millisecond".
	Unit string

	library string // how messages name the library: "go-redis"
	rule    durationRule
}

// IsSpecial reports whether v has a documented meaning here: 0 always has.
func (u DurationUse) IsSpecial(v int64) bool {
	return v == 0 || slices.Contains(u.Specials, v)
}

// Library is how messages name the library: "go-redis".
func (u DurationUse) Library() string { return u.library }

// Consequence says what the library does with v nanoseconds (v > 0), for
// the middle of a message: "go-redis sends it as PX 1, so the key expires
// after one millisecond".
func (u DurationUse) Consequence(v int64) string {
	d := time.Duration(v)
	r := u.rule
	switch r.wire {
	case sentPrecise:
		// Like go-redis's usePrecise and formatMs: PX unless a whole
		// number of seconds, and never below one millisecond.
		if d >= time.Second && d%time.Second == 0 {
			n := int64(d / time.Second)
			return fmt.Sprintf("%s sends it as EX %d, so %s", u.library, n, fmt.Sprintf(r.effect, spell(n, "second")))
		}
		n := max(1, int64(d/time.Millisecond))
		return fmt.Sprintf("%s sends it as PX %d, so %s", u.library, n, fmt.Sprintf(r.effect, spell(n, "millisecond")))
	case sentSeconds:
		n := max(1, int64(d/time.Second))
		return u.sent(n, "second")
	case sentMillis:
		n := max(1, int64(d/time.Millisecond))
		return u.sent(n, "millisecond")
	case sentMillisTruncated, sentSecondsTruncated:
		unit, n := "millisecond", int64(d/time.Millisecond)
		if r.wire == sentSecondsTruncated {
			unit, n = "second", int64(d/time.Second)
		}
		if n == 0 {
			return fmt.Sprintf("%s sends it as %s, so %s", u.library, fmt.Sprintf(r.sends, 0), r.never)
		}
		return u.sent(n, unit)
	}
	s := "a bare number as a time.Duration counts nanoseconds"
	if r.effect != "" && d < time.Millisecond {
		s += ", so " + r.effect
	}
	return s
}

// sent is the consequence of a value that the command carries as n units.
func (u DurationUse) sent(n int64, unit string) string {
	r := u.rule
	how := fmt.Sprintf("a %s of %s", u.rule.noun, spell(n, unit))
	if r.sends != "" {
		how = fmt.Sprintf(r.sends, n)
	}
	return fmt.Sprintf("%s sends it as %s, so %s", u.library, how, fmt.Sprintf(r.effect, spell(n, unit)))
}

// spell writes n units for a message: "one millisecond", "3 seconds".
func spell(n int64, unit string) string {
	if n == 1 {
		return "one " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// IsDuration reports whether t is time.Duration.
func IsDuration(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	return named.Obj().Pkg().Path() == "time" && named.Obj().Name() == "Duration"
}

// DurationField describes the field v when it is a time.Duration field of
// one of a library's options structs. The fields come from the types, so a
// field added by a new version is covered; the table only adds what its
// documentation says.
func DurationField(v *types.Var) (DurationUse, bool) {
	lib := Of(v)
	if lib == nil || !v.IsField() || !IsDuration(v.Type()) || !isOptionsField(lib, v) {
		return DurationUse{}, false
	}
	table := durationTables[lib.Path]
	rule := table.fields[v.Name()]
	return table.use(v.Name(), rule), true
}

// isOptionsField reports whether v is a field of one of lib's options
// structs.
func isOptionsField(lib *Library, v *types.Var) bool {
	for _, name := range lib.Options {
		tn, ok := v.Pkg().Scope().Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		if st, ok := tn.Type().Underlying().(*types.Struct); ok && slices.Contains(slices.Collect(st.Fields()), v) {
			return true
		}
	}
	return false
}

// DurationParam describes the i-th parameter of fn when fn is a function
// or method (of an interface too) declared in a library and that parameter
// is a time.Duration. As with fields, the types say which parameters are
// durations; the table only knows what some commands send.
func DurationParam(fn *types.Func, i int) (DurationUse, bool) {
	lib := Of(fn)
	params := fn.Signature().Params()
	if lib == nil || i >= params.Len() || !IsDuration(params.At(i).Type()) {
		return DurationUse{}, false
	}
	table := durationTables[lib.Path]
	rule := table.params[params.At(i).Name()]
	if m, ok := table.methods[fn.Name()]; ok && fn.Signature().Recv() != nil {
		m.noun, m.specials = rule.noun, slices.Concat(m.specials, rule.specials)
		rule = m
	}
	if rule.like != "" {
		rule.specials = slices.Concat(rule.specials, table.fields[rule.like].specials)
	}
	if rule.noun == "" {
		rule.noun = "duration"
	}
	return table.use("the "+rule.noun, rule), true
}

func (t durationTable) use(name string, rule durationRule) DurationUse {
	unit := rule.unit
	if unit == "" {
		unit = "Second"
	}
	library := t.library
	if library == "" {
		library = "the library"
	}
	return DurationUse{Name: name, Specials: rule.specials, Unit: unit, library: library, rule: rule}
}

// How a library passes a time.Duration on.
type durationWire uint8

const (
	keptAsDuration       durationWire = iota // a deadline or an interval, in nanoseconds
	sentPrecise                              // SET's PX in milliseconds (at least 1), EX for whole seconds
	sentSeconds                              // whole seconds, at least 1
	sentMillis                               // whole milliseconds, at least 1
	sentMillisTruncated                      // whole milliseconds, truncated: 0 below one
	sentSecondsTruncated                     // whole seconds, truncated: 0 below one
)

// A durationRule is what the catalogue knows about one duration field,
// parameter or command argument. Zero fields mean: no special value but
// 0, counted in seconds, kept as a time.Duration, no more to say.
type durationRule struct {
	noun     string  // for parameters: "expiration", "timeout"
	specials []int64 // documented values besides 0
	unit     string  // the constant of package time meant, "" for Second
	like     string  // a field whose specials apply too (WithTimeout sets ReadTimeout)
	wire     durationWire
	sends    string // the command as sent, %d the number: "EXPIRE key %d"
	effect   string // after "so"; %s how long it lasts when sent in units
	never    string // after "so" when sentMillisTruncated sends 0
}

// A durationTable holds a library's duration rules: fields by name,
// parameters by name, and command arguments by method name.
type durationTable struct {
	library string
	fields  map[string]durationRule
	params  map[string]durationRule
	methods map[string]durationRule
}

// durationTables maps a library's import path to its duration rules.
// Read-only.
var durationTables = map[string]durationTable{
	"github.com/redis/go-redis/v9":                 {library: "go-redis", fields: goRedisV9Fields, params: goRedisParams, methods: goRedisMethods},
	"github.com/go-redis/redis/v8":                 {library: "go-redis", fields: goRedisV8Fields, params: goRedisParams, methods: goRedisMethods},
	"github.com/gomodule/redigo/redis":             redigoDurations,
	"github.com/garyburd/redigo/redis":             redigoDurations,
	"github.com/redis/rueidis":                     rueidisDurations,
	"github.com/rueian/rueidis":                    rueidisDurations,
	"github.com/valkey-io/valkey-go":               {library: "valkey-go", fields: rueidisFields},
	"github.com/redis/rueidis/internal/cmds":       rueidisBuilders,
	"github.com/rueian/rueidis/internal/cmds":      rueidisBuilders,
	"github.com/valkey-io/valkey-go/internal/cmds": {library: "valkey-go", params: builderParams, methods: builderMethods},
}

// redigo's Pool prunes idle connections at Get (pool.go:221-240).
var redigoDurations = durationTable{library: "redigo", fields: map[string]durationRule{
	"IdleTimeout":     {effect: "every idle connection is pruned at the next Get, so every command dials a new one"},
	"MaxConnLifetime": {effect: "every connection is closed at its next Get, so every command dials a new one"},
}}

var rueidisFields = map[string]durationRule{
	"ConnWriteTimeout": {effect: "every write times out at once and NewClient fails"},
	"MaxFlushDelay":    {unit: "Microsecond"},
}

var rueidisDurations = durationTable{library: "rueidis", fields: rueidisFields}

// The builders' Ex and Px truncate: Ex(500*time.Millisecond) and Ex(5)
// both send EX 0, which the server rejects (gen_string.go:2023-2031).
var builderMethods = map[string]durationRule{
	"Ex": {wire: sentSecondsTruncated, sends: "EX %d", effect: "the key expires after %s", never: "the server rejects the command: invalid expire time"},
	"Px": {wire: sentMillisTruncated, sends: "PX %d", effect: "the key expires after %s", never: "the server rejects the command: invalid expire time"},
}

var builderParams = map[string]durationRule{"duration": {noun: "expiration"}}

var rueidisBuilders = durationTable{library: "rueidis", params: builderParams, methods: builderMethods}

// Effects of a few nanoseconds in the fields both versions share.
const (
	readsTimeOut  = "every read times out at once"
	writesTimeOut = "every write times out at once"
)

var (
	dialsTimeOut   = durationRule{effect: "every dial times out at once and no connection can be opened"}
	poolGivesUp    = durationRule{effect: "a command that finds every connection busy fails at once instead of waiting for one"}
	retriesAtOnce  = durationRule{unit: "Millisecond", specials: []int64{-1}, effect: "failed commands are retried with next to no pause"}
	closedWhenIdle = durationRule{specials: []int64{-1}, effect: "connections are closed as soon as they fall idle, and commands keep dialling new ones"}
	closedAfterUse = durationRule{effect: "every connection is closed after its first use, and commands keep dialling new ones"}
	heartbeatSpins = durationRule{unit: "Millisecond", effect: "the ring checks its shards in a busy loop"}
)

// goRedisV9Fields follows the documentation of v9's options.go: ReadTimeout
// and WriteTimeout document -1 (no timeout) and -2 (no deadline calls);
// MinRetryBackoff, MaxRetryBackoff and ConnMaxIdleTime document -1
// (disabled); ConnMaxLifetime and ConnMaxLifetimeJitter document any value
// <= 0 (disabled), -1 included.
var goRedisV9Fields = map[string]durationRule{
	"ReadTimeout":     {specials: []int64{-1, -2}, effect: readsTimeOut},
	"WriteTimeout":    {specials: []int64{-1, -2}, effect: writesTimeOut},
	"DialTimeout":     dialsTimeOut,
	"PoolTimeout":     poolGivesUp,
	"MinRetryBackoff": retriesAtOnce,
	"MaxRetryBackoff": retriesAtOnce,
	"ConnMaxIdleTime": closedWhenIdle,
	"ConnMaxLifetime": {specials: []int64{-1}, effect: closedAfterUse.effect},
	// The jitter around ConnMaxLifetime.
	"ConnMaxLifetimeJitter":                  {specials: []int64{-1}},
	"DialerRetryTimeout":                     {unit: "Millisecond", effect: "failed dials are retried with next to no pause"},
	"HeartbeatFrequency":                     heartbeatSpins,
	"RouteByLatencyTolerance":                {unit: "Millisecond"},
	"ClientSideCacheInvalidationBatchWindow": {unit: "Millisecond"},
}

// goRedisV8Fields follows v8's options.go: ReadTimeout documents -1 (no
// timeout), which WriteTimeout takes too; MinRetryBackoff,
// MaxRetryBackoff, IdleTimeout and IdleCheckFrequency document -1
// (disabled). v8 knows no -2.
var goRedisV8Fields = map[string]durationRule{
	"ReadTimeout":        {specials: []int64{-1}, effect: readsTimeOut},
	"WriteTimeout":       {specials: []int64{-1}, effect: writesTimeOut},
	"DialTimeout":        dialsTimeOut,
	"PoolTimeout":        poolGivesUp,
	"MinRetryBackoff":    retriesAtOnce,
	"MaxRetryBackoff":    retriesAtOnce,
	"IdleTimeout":        closedWhenIdle,
	"IdleCheckFrequency": {specials: []int64{-1}, effect: "the idle-connection reaper runs in a busy loop"},
	"MaxConnAge":         closedAfterUse,
	"HeartbeatFrequency": heartbeatSpins,
}

// goRedisParams names go-redis's duration parameters: an expiration (also
// Restore's ttl) may be -1, redis.KeepTTL.
var goRedisParams = map[string]durationRule{
	"expiration": {noun: "expiration", specials: []int64{-1}},
	"ttl":        {noun: "expiration", specials: []int64{-1}},
	"timeout":    {noun: "timeout"},
}

// Commands whose duration argument the messages can spell out, as
// go-redis's commands.go formats it (usePrecise, formatMs, formatSec).
// Methods not listed are still checked.
var (
	setExpiration      = durationRule{wire: sentPrecise, effect: "the key expires after %s"}
	expireSeconds      = durationRule{wire: sentSeconds, sends: "EXPIRE key %d", effect: "the key expires after %s"}
	hashExpireSeconds  = durationRule{wire: sentSeconds, sends: "HEXPIRE key %d", effect: "the fields expire after %s"}
	hashExpireMillis   = durationRule{wire: sentMillis, sends: "HPEXPIRE key %d", effect: "the fields expire after %s"}
	restoreTTL         = durationRule{wire: sentMillis, sends: "RESTORE key %d", effect: "the restored key expires after %s"}
	blockingTimeout    = durationRule{wire: sentSeconds, effect: "the call blocks for at most %s"}
	waitTimeout        = durationRule{wire: sentMillisTruncated, sends: "WAIT numreplicas %d", effect: "the call waits at most %s for the replicas", never: "the server waits for the replicas with no timeout"}
	waitAOFTimeout     = durationRule{wire: sentMillisTruncated, sends: "WAITAOF numlocal numreplicas %d", effect: "the call waits at most %s for the fsyncs", never: "the server waits for the fsyncs with no timeout"}
	clientTimeout      = durationRule{like: "ReadTimeout", effect: "every read and write of the returned client times out at once"}
	receiveTimeout     = durationRule{effect: "the receive times out at once"}
	goRedisSetCommands = []string{
		"Set", "SetNX", "SetXX", "GetEx",
		"SetIFEQ", "SetIFEQGet", "SetIFNE", "SetIFNEGet",
		"SetIFDEQ", "SetIFDEQGet", "SetIFDNE", "SetIFDNEGet",
	}
)

var goRedisMethods = func() map[string]durationRule {
	m := map[string]durationRule{
		// v9 spells it SetEx, v8 SetEX.
		"SetEx":            {wire: sentSeconds, sends: "SETEX key %d value", effect: "the key expires after %s"},
		"SetEX":            {wire: sentSeconds, sends: "SETEX key %d value", effect: "the key expires after %s"},
		"Expire":           expireSeconds,
		"ExpireNX":         expireSeconds,
		"ExpireXX":         expireSeconds,
		"ExpireGT":         expireSeconds,
		"ExpireLT":         expireSeconds,
		"PExpire":          {wire: sentMillis, sends: "PEXPIRE key %d", effect: "the key expires after %s"},
		"HExpire":          hashExpireSeconds,
		"HExpireWithArgs":  hashExpireSeconds,
		"HPExpire":         hashExpireMillis,
		"HPExpireWithArgs": hashExpireMillis,
		"Restore":          restoreTTL,
		"RestoreReplace":   restoreTTL,
		"ClientPause":      {wire: sentMillis, sends: "CLIENT PAUSE %d", effect: "clients are paused for %s"},
		"Migrate":          {wire: sentMillis, effect: "the migration gives up after %s"},
		"Wait":             waitTimeout,
		"WaitAOF":          waitAOFTimeout,
		"WithTimeout":      clientTimeout,
		"ReceiveTimeout":   receiveTimeout,
	}
	for _, name := range goRedisSetCommands {
		m[name] = setExpiration
	}
	for _, name := range []string{"BLPop", "BRPop", "BLMPop", "BRPopLPush", "BLMove", "BLMoveM", "BZPopMax", "BZPopMin", "BZMPop"} {
		m[name] = blockingTimeout
	}
	return m
}()
