// Package catalog describes the Redis client APIs that redisvet understands.
//
// It is the only place in redisvet that names Redis packages, types and
// methods. Everything else asks it questions in terms of go/types objects:
// does this call create a client or a handle, does this method release one,
// is this client borrowed. Each library is a [Library] value: adding redigo
// or rueidis/valkey-go means adding data here, not code elsewhere.
package catalog

import (
	"go/types"
	"slices"
)

// Kind is the kind of Redis value whose lifetime redisvet tracks.
type Kind uint8

// The kinds of tracked values.
const (
	None     Kind = iota // not a tracked value
	Client               // owns a pool of connections
	PubSub               // holds a dedicated connection (and goroutines once Channel is called)
	Conn                 // holds a pooled connection until closed
	Pipeline             // buffers commands until executed
)

var kindNames = [...]string{None: "none", Client: "client", PubSub: "pubsub", Conn: "conn", Pipeline: "pipeline"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// A Library is one Redis client library, described as data.
type Library struct {
	Name string // for messages and docs, e.g. "go-redis v9"
	Path string // import path of the package that declares the API

	// Constructors maps the package-level functions returning a new value
	// to its kind: a client (NewClient), or a connection (redigo's Dial).
	Constructors map[string]Kind
	// Creators maps a method name to the kind of new value it returns when
	// called on any type of this library (Subscribe -> PubSub).
	Creators map[string]Kind
	// Sources are methods that return a new value of the kind when
	// declared on any type, the library's or a wrapper's, whose first
	// result is the library's type of that kind: redigo's Get() redis.Conn
	// on a *Pool or on an application's own pool interface.
	Sources map[string]Kind
	// Literals maps the name of a struct type whose composite literal
	// (&Pool{...}) is a new value to the value's kind: redigo's pools are
	// built so, not by a constructor.
	Literals map[string]Kind
	// OnlyUse are the library's functions and methods ("Type.Method")
	// that use the values passed to them and keep none: redigo's
	// Script.Do(c, ...) runs a script on the conn it is lent.
	OnlyUse []string
	// Cancels maps a creator to the index of its result that releases the
	// value: rueidis' Dedicate returns the client and its cancel func.
	Cancels map[string]int
	// Eager are the kinds whose values hold connections from their
	// creation (redigo's Get, rueidis' NewClient), not only from their
	// first command (go-redis's Conn() and clients).
	Eager []Kind
	// Costs say, for messages, what a leaked value of a creator costs
	// (by the creator's name); KindCosts by kind. Empty: the check's own
	// words, which describe go-redis.
	Costs     map[string]string
	KindCosts map[Kind]string
	// HoldCosts say what holding one more value per loop iteration until
	// the function returns costs (a defer in a loop), where that differs
	// from a leak.
	HoldCosts map[Kind]string
	// KeepOnError names the option that makes a failed constructor return
	// a client beside its error, which must be closed too (rueidis'
	// ForceSingleClient); "" when an error means no client.
	KeepOnError string
	// ClosedError is the error its commands return after Close, for
	// messages ("redis: client is closed"), or "".
	ClosedError string
	// ChurnCost says what building one more client costs, for messages
	// about clients built per iteration or request; "": go-redis's words.
	ChurnCost string
	// Types maps a kind to the names of the library's types that carry it:
	// concrete types (used through a pointer) and interfaces.
	Types map[Kind][]string
	// Releases maps a kind to the methods that release a value of that kind.
	Releases map[Kind][]string
	// Borrowers are methods returning a client that shares another client's
	// pool: the caller does not own it.
	Borrowers []string
	// CallbackFields are options fields holding a function that the
	// library calls with a value it lends (redigo's TestOnBorrow).
	CallbackFields []string
	// NodeCallbacks are methods that run a callback on each node client
	// of a cluster or ring: the callback borrows its client parameter.
	NodeCallbacks []string
	// PipelineCallbacks run a function over a pipeline that the library
	// executes itself.
	PipelineCallbacks []string
	// NotQueueing are pipeline methods that do not queue a command.
	NotQueueing []string
	// Watch is the method that runs a function in an optimistic
	// transaction, passing it a Tx of type TxType; CommandInterfaces are
	// the interfaces whose methods send commands; TxPipelines maps a Tx
	// method that pipelines without MULTI/EXEC to the one that wraps.
	Watch             string
	TxType            string
	CommandInterfaces []string
	TxPipelines       map[string]string
	// Options are the struct types that configure a client.
	Options []string
	// Pool names the options fields that size the connection pool.
	Pool PoolFields
}

// PoolFields names the fields of a library's options structs that size its
// connection pool; a library without such a field leaves it empty.
type PoolFields struct {
	Size      string // base number of connections
	MinIdle   string // idle connections kept open
	MaxIdle   string // idle connections kept at most
	MaxActive string // connections open at most
	// Wait is the flag that makes a full pool wait instead of failing: it
	// does nothing without a positive MaxActive (redigo, pool.go:366).
	Wait string
	// IdleReuse: with MaxIdle absent or 0 no connection is ever reused,
	// every Close closes it (redigo, pool.go:416).
	IdleReuse bool
}

var goRedisCommon = Library{
	Constructors: kinds(Client,
		"NewClient", "NewClusterClient", "NewRing", "NewFailoverClient",
		"NewFailoverClusterClient", "NewSentinelClient", "NewUniversalClient",
	),
	Creators: map[string]Kind{
		"Subscribe": PubSub, "PSubscribe": PubSub, "SSubscribe": PubSub,
		"Conn": Conn, "EphemeralConn": Conn,
		"Pipeline": Pipeline, "TxPipeline": Pipeline,
	},
	Types: map[Kind][]string{
		Client:   {"Client", "ClusterClient", "Ring", "SentinelClient", "UniversalClient"},
		PubSub:   {"PubSub"},
		Conn:     {"Conn"},
		Pipeline: {"Pipeline", "Pipeliner"},
	},
	Releases: map[Kind][]string{
		Client:   {"Close"},
		PubSub:   {"Close"},
		Conn:     {"Close"},
		Pipeline: {"Exec", "Discard"},
	},
	Borrowers:         []string{"WithTimeout", "MasterForKey", "SlaveForKey", "GetShardClients"},
	NodeCallbacks:     []string{"ForEachShard", "ForEachMaster", "ForEachSlave"},
	PipelineCallbacks: []string{"Pipelined", "TxPipelined"},
	NotQueueing: []string{
		"Exec", "Discard", "Close", "Len", "Cmds",
		"Pipeline", "TxPipeline", "Pipelined", "TxPipelined",
	},
	ClosedError:       "redis: client is closed",
	Watch:             "Watch",
	TxType:            "Tx",
	CommandInterfaces: []string{"Cmdable", "StatefulCmdable"},
	TxPipelines:       map[string]string{"Pipelined": "TxPipelined"},
	Options:           []string{"Options", "ClusterOptions", "RingOptions", "FailoverOptions", "UniversalOptions"},
	// v8's options have no MaxIdleConns or MaxActiveConns: literals never
	// name them there.
	Pool: PoolFields{Size: "PoolSize", MinIdle: "MinIdleConns", MaxIdle: "MaxIdleConns", MaxActive: "MaxActiveConns"},
}

// Libraries lists every library redisvet knows.
var Libraries = slices.Concat([]*Library{
	goRedis("go-redis v9", "github.com/redis/go-redis/v9", nil, ""),
	// v8's Pipeliner also has Close, which discards the queued commands;
	// its pool starts a goroutine that reaps idle connections every
	// IdleCheckFrequency (a minute by default, internal/pool/pool.go:110),
	// which keeps a client nobody closes alive.
	goRedis("go-redis v8", "github.com/go-redis/redis/v8", map[Kind][]string{Pipeline: {"Exec", "Discard", "Close"}},
		"its connection pool and idle-reaper goroutine stay alive for good"),
}, redigoLibraries, rueidisLibraries)

// kinds maps each name to kind.
func kinds(kind Kind, names ...string) map[string]Kind {
	m := make(map[string]Kind, len(names))
	for _, n := range names {
		m[n] = kind
	}
	return m
}

func goRedis(name, path string, releases map[Kind][]string, clientCost string) *Library {
	lib := goRedisCommon
	lib.Name, lib.Path = name, path
	if releases != nil {
		lib.Releases = releases
	}
	if clientCost != "" {
		lib.KindCosts = map[Kind]string{Client: clientCost}
	}
	return &lib
}

// byPath indexes Libraries by import path: the checks ask about every
// type they meet. Read-only.
var byPath = func() map[string]*Library {
	m := make(map[string]*Library, len(Libraries))
	for _, lib := range Libraries {
		m[lib.Path] = lib
	}
	return m
}()

// ByPath returns the library whose API lives at the import path, or nil.
func ByPath(path string) *Library { return byPath[path] }

// Of returns the library that declares obj, or nil.
func Of(obj types.Object) *Library {
	if obj == nil || obj.Pkg() == nil {
		return nil
	}
	return ByPath(obj.Pkg().Path())
}

// Imports reports whether pkg imports one of the libraries directly.
func Imports(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if ByPath(imp.Path()) != nil {
			return true
		}
	}
	return false
}

// Created returns the kind of new, owned value a call of fn returns, or None.
// fn is the called function or method (a method of an interface too).
func Created(fn *types.Func) Kind {
	lib := Of(fn)
	sig := fn.Signature()
	if lib == nil {
		return source(fn)
	}
	if sig.Recv() == nil {
		return lib.Constructors[fn.Name()]
	}
	kind := lib.Creators[fn.Name()]
	if kind == None {
		kind = lib.Sources[fn.Name()]
	}
	if kind == None || sig.Results().Len() == 0 || lib.KindOf(sig.Results().At(0).Type()) != kind {
		return None
	}
	return kind
}

// source returns the kind of value a method of a type outside the
// libraries returns when its name and first result make it a library's
// source (a wrapper's Get() redis.Conn), or None.
func source(fn *types.Func) Kind {
	sig := fn.Signature()
	if sig.Recv() == nil || sig.Results().Len() == 0 {
		return None
	}
	for _, lib := range Libraries {
		if kind := lib.Sources[fn.Name()]; kind != None && lib.KindOf(sig.Results().At(0).Type()) == kind {
			return kind
		}
	}
	return None
}

// CancelOf returns the index of the result of fn that releases the value
// it creates (rueidis' Dedicate), or -1.
func CancelOf(fn *types.Func) int {
	lib := Of(fn)
	if lib == nil {
		return -1
	}
	if i, ok := lib.Cancels[fn.Name()]; ok && i < fn.Signature().Results().Len() {
		return i
	}
	return -1
}

// HoldsUnused reports whether a value of the kind created by fn (a
// function, or a type for a literal) holds a connection before it is used.
func HoldsUnused(fn types.Object, kind Kind) bool {
	lib := libraryFor(fn)
	return lib != nil && slices.Contains(lib.Eager, kind)
}

// KeepOnError returns the option of fn's library that makes a failed fn
// return a client beside its error, or "".
func KeepOnError(fn *types.Func) string {
	if lib := Of(fn); lib != nil && lib.Constructors[fn.Name()] == Client {
		return lib.KeepOnError
	}
	return ""
}

// ClosedError returns the error the commands of a value of type t return
// once it is closed, or "".
func ClosedError(t types.Type) string {
	if t == nil {
		return ""
	}
	path, _ := typePathName(t)
	if lib := ByPath(path); lib != nil {
		return lib.ClosedError
	}
	return ""
}

// ChurnCost says what building one more client with fn costs, or "".
func ChurnCost(fn types.Object) string {
	lib := libraryFor(fn)
	if lib == nil {
		return ""
	}
	return lib.ChurnCost
}

// HoldCost says what holding a value of the kind created by fn per loop
// iteration until the function returns costs, or "".
func HoldCost(fn types.Object, kind Kind) string {
	lib := libraryFor(fn)
	if lib == nil {
		return ""
	}
	return lib.HoldCosts[kind]
}

// Cost says what a leaked value of the kind created by fn costs, for
// messages, or "" when the check's own words (about go-redis) apply.
func Cost(fn types.Object, kind Kind) string {
	lib := libraryFor(fn)
	if lib == nil {
		return ""
	}
	if c, ok := lib.Costs[fn.Name()]; ok {
		return c
	}
	return lib.KindCosts[kind]
}

// libraryFor returns the library that declares fn, or, for a helper or
// wrapper, the library of the value it returns.
func libraryFor(fn types.Object) *Library {
	if lib := Of(fn); lib != nil {
		return lib
	}
	if fn, ok := fn.(*types.Func); ok {
		return libraryOfResult(fn)
	}
	return nil
}

// OnlyUses reports whether fn, a function or method of a library, only
// uses the values passed to it.
func OnlyUses(fn *types.Func) bool {
	lib := Of(fn)
	if lib == nil || len(lib.OnlyUse) == 0 {
		return false
	}
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		named, ok := types.Unalias(t).(*types.Named)
		if !ok {
			return false
		}
		name = named.Obj().Name() + "." + name
	}
	return slices.Contains(lib.OnlyUse, name)
}

// LiteralKind returns the kind of the value a composite literal of type t
// (a pointer to it, for &Pool{...}) creates, or None.
func LiteralKind(t types.Type) Kind {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return None
	}
	if lib := Of(named.Obj()); lib != nil {
		return lib.Literals[named.Obj().Name()]
	}
	return None
}

func libraryOfResult(fn *types.Func) *Library {
	if fn.Signature().Results().Len() == 0 {
		return nil
	}
	path, _ := typePathName(fn.Signature().Results().At(0).Type())
	return ByPath(path)
}

// KindOf returns the kind of value that a variable of type t carries when t
// is one of the library's types (or a pointer to one), else None.
func (lib *Library) KindOf(t types.Type) Kind {
	path, name := typePathName(t)
	if path != lib.Path {
		return None
	}
	for kind, names := range lib.Types {
		if slices.Contains(names, name) {
			return kind
		}
	}
	return None
}

// KindOf returns the kind of Redis value type t carries, or None.
func KindOf(t types.Type) Kind {
	path, _ := typePathName(t)
	if lib := byPath[path]; lib != nil {
		return lib.KindOf(t)
	}
	return None
}

// TypeName returns how messages spell the type of a value of kind created
// by fn, e.g. "*redis.PubSub".
func TypeName(fn *types.Func) string {
	sig := fn.Signature()
	if sig.Results().Len() == 0 {
		return fn.Name()
	}
	return types.TypeString(sig.Results().At(0).Type(), (*types.Package).Name)
}

// IsRelease reports whether calling the method named name on a value of the
// given kind releases it (closes it, or executes or discards a pipeline).
// The receiver is already known to hold the value, possibly through an
// interface such as io.Closer, so the name decides.
func IsRelease(kind Kind, name string) bool {
	return releaseNames[kind][name]
}

// releaseNames holds, per kind, the release methods of every library.
// Read-only.
var releaseNames = func() map[Kind]map[string]bool {
	m := map[Kind]map[string]bool{}
	for _, lib := range Libraries {
		for kind, names := range lib.Releases {
			if m[kind] == nil {
				m[kind] = map[string]bool{}
			}
			for _, n := range names {
				m[kind][n] = true
			}
		}
	}
	return m
}()

// ReleaseName is the release method a fix or message suggests for kind.
func ReleaseName(kind Kind) string {
	if kind == Pipeline {
		return "Exec"
	}
	return "Close"
}

// IsBorrower reports whether fn returns a client borrowed from another one.
func IsBorrower(fn *types.Func) bool {
	lib := Of(fn)
	return lib != nil && slices.Contains(lib.Borrowers, fn.Name())
}

// IsCallbackField reports whether f is a field of a library's options
// struct that holds a callback the library calls with a value it lends.
func IsCallbackField(f *types.Var) bool {
	lib := Of(f)
	return lib != nil && slices.Contains(lib.CallbackFields, f.Name())
}

// IsNodeCallback reports whether fn runs a callback on each node client
// of a cluster or ring (ForEachShard).
func IsNodeCallback(fn *types.Func) bool {
	lib := Of(fn)
	return lib != nil && slices.Contains(lib.NodeCallbacks, fn.Name())
}

// IsPipelineCallback reports whether fn runs a callback over a pipeline that
// the library executes itself (Pipelined, TxPipelined).
func IsPipelineCallback(fn *types.Func) bool {
	lib := Of(fn)
	return lib != nil && slices.Contains(lib.PipelineCallbacks, fn.Name())
}

// Queues reports whether calling the method named name on a pipeline queues
// a command.
func Queues(name string) bool {
	for _, lib := range Libraries {
		if slices.Contains(lib.NotQueueing, name) {
			return false
		}
	}
	return true
}

// OptionsOf returns the library whose options struct t is (or points to),
// or nil.
func OptionsOf(t types.Type) *Library {
	path, name := typePathName(t)
	lib := ByPath(path)
	if lib == nil || !slices.Contains(lib.Options, name) {
		return nil
	}
	return lib
}

// IsWatch reports whether fn is a library's Watch method that runs a
// function in a transaction (not the WATCH command of a Tx).
func IsWatch(fn *types.Func) bool {
	lib := Of(fn)
	sig := fn.Signature()
	if lib == nil || lib.Watch == "" || fn.Name() != lib.Watch || sig.Recv() == nil || sig.Params().Len() < 2 {
		return false
	}
	_, isFunc := sig.Params().At(1).Type().Underlying().(*types.Signature)
	return isFunc
}

// IsCommand reports whether the method fn sends a command: its name is a
// method of one of its library's command interfaces (Cmdable,
// StatefulCmdable), looked up in the library's own package so that new
// commands are covered.
func IsCommand(fn *types.Func) bool {
	lib := Of(fn)
	if lib == nil || fn.Signature().Recv() == nil {
		return false
	}
	for _, name := range lib.CommandInterfaces {
		tn, ok := fn.Pkg().Scope().Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
			for m := range iface.Methods() {
				if m.Name() == fn.Name() {
					return true
				}
			}
		}
	}
	return false
}

// IsTx reports whether t is the library's transaction type (or a pointer
// to it).
func IsTx(t types.Type) bool {
	path, name := typePathName(t)
	lib := ByPath(path)
	return lib != nil && lib.TxType != "" && name == lib.TxType
}

// TxPipeline returns the method of a Tx to call instead of fn, when fn
// pipelines without wrapping the commands in MULTI/EXEC ("TxPipelined"
// for Pipelined), or "".
func TxPipeline(fn *types.Func) string {
	lib := Of(fn)
	if lib == nil {
		return ""
	}
	return lib.TxPipelines[fn.Name()]
}
