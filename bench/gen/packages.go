package main

import (
	"strconv"
	"strings"
)

// bizPackage writes a package of plain business logic: no Redis at all.
// Every one exports Record, Normalize, Score and Validate, which callers
// and later business packages use.
func (p *pkgGen) bizPackage() {
	p.names.reserve("Record", "Normalize", "Score", "Validate", "errEmpty")
	flavor := strings.TrimRight(p.info.name, "0123456789")
	var deps []*pkgInfo
	if len(p.g.bizs) > 0 {
		for range p.r.between(0, 2) {
			d := p.g.bizs[p.r.r.IntN(len(p.g.bizs))]
			if !containsPkg(deps, d) {
				deps = append(deps, d)
				p.use(d)
			}
		}
	}
	f := p.newFile("api")
	f.doc = "Package " + p.info.name + " holds the " + p.info.domain + " " + flavor + " logic."
	maxLen := p.num(24, 96)
	normDep, scoreDep, validDep := "", "", ""
	if len(deps) > 0 {
		normDep = "\ts = " + deps[0].name + ".Normalize(s)\n"
		scoreDep = "\tif len(vals) > 1 {\n\t\ttotal += " + deps[len(deps)-1].name + ".Score(vals[:len(vals)/2])\n\t}\n"
		if p.r.chance(0.5) {
			validDep = "\tif err := " + deps[0].name + ".Validate(s); err != nil {\n\t\treturn fmt.Errorf(\"@name@: %w\", err)\n\t}\n"
		}
	}
	f.t(`
// Record is one @dom@ entry.
type Record struct {
	ID    string
	Name  string
	Score int
	Tags  []string
}

// Key returns the record's key.
func (r Record) Key() string { return "@dom@/" + r.ID }

// Normalize trims s, lower-cases it and collapses runs of spaces into one '@sep@'.
func Normalize(s string) string {
@normdep@	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte('@sep@')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Score sums vals, weighting every @k@th one by @w@.
func Score(vals []int) int {
	total := 0
	for i, v := range vals {
		if i%@k@ == 0 {
			total += v * @w@
		} else {
			total += v
		}
	}
@scoredep@	return total
}

var errEmpty = errors.New("@name@: empty identifier")

// Validate reports whether s is a valid @dom@ identifier.
func Validate(s string) error {
	if s == "" {
		return errEmpty
	}
	if len(s) > @max@ {
		return fmt.Errorf("@name@: %q is longer than @max@ bytes", s)
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return fmt.Errorf("@name@: invalid character %q in %q", r, s)
		}
	}
@validdep@	return nil
}
`, "normdep", normDep, "scoredep", scoreDep, "validdep", validDep,
		"dom", p.info.domain, "name", p.info.name, "sep", p.r.pick([]string{"-", "_", "."}),
		"k", p.num(2, 5), "w", p.num(2, 9), "max", maxLen)
	p.writeUnits(bizUnits, p.r.between(3, 9))
	if len(deps) > 0 && p.r.chance(0.6) {
		// Some code that combines the dependencies' records.
		d := deps[p.r.r.IntN(len(deps))].name
		f := p.newFile("convert")
		f.t(`
// From@D@ converts a record of package @d@.
func From@D@(r @d@.Record) Record {
	return Record{ID: r.ID, Name: Normalize(r.Name), Score: r.Score, Tags: append([]string(nil), r.Tags...)}
}

// From@D@All converts records, dropping the invalid ones.
func From@D@All(rs []@d@.Record) []Record {
	out := make([]Record, 0, len(rs))
	for _, r := range rs {
		if Validate(r.ID) != nil {
			continue
		}
		out = append(out, From@D@(r))
	}
	return out
}
`, "d", d, "D", title(d))
	}
}

func containsPkg(list []*pkgInfo, x *pkgInfo) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// storePackage writes a package that wraps go-redis for its callers:
// functions that return new clients, PubSubs, Conns and pipelines, and
// helpers that release them, which the analysis sees through facts.
func (p *pkgGen) storePackage() {
	p.names.reserve("Prefix", "ErrNotFound", "Key", "NewClient", "Subscribe", "SubscribeChecked",
		"Session", "Batch", "Flush", "Stop", "Release", "Ping", "Repo", "NewRepo", "Cache", "NewCache")
	p.bz = []*pkgInfo{p.g.bizs[p.r.r.IntN(len(p.g.bizs))]}
	p.use(p.bz[0])
	p.st = p.info // units of a store package use its own API
	f := p.newFile("store")
	f.doc = "Package " + p.info.name + " keeps " + p.info.domain + " data in Redis. Its functions\nreturn clients, PubSubs, connections and pipelines that the caller owns."
	f.t(`
// Prefix is the prefix of every @dom@ key.
const Prefix = "@dom@:"

// ErrNotFound is returned for a key that does not exist.
var ErrNotFound = errors.New("@name@: not found")

// Key returns the Redis key of id.
func Key(id string) string { return Prefix + id }

// NewClient returns a client for addr; the caller closes it.
func NewClient(addr string) *redis.Client {
	return redis.NewClient(&redis.Options{
		Addr:        addr,
		DialTimeout: @dial@ * time.Second,
		ReadTimeout: @read@ * time.Second,
		PoolSize:    @pool@,
	})
}

// Subscribe subscribes to topic; the caller closes the PubSub.
func Subscribe(ctx context.Context, rdb redis.UniversalClient, topic string) *redis.PubSub {
	return rdb.Subscribe(ctx, Prefix+topic)
}

// SubscribeChecked subscribes to topic and waits for the confirmation.
func SubscribeChecked(ctx context.Context, rdb *redis.Client, topic string) (*redis.PubSub, error) {
	ps := rdb.Subscribe(ctx, Prefix+topic)
	if _, err := ps.Receive(ctx); err != nil {
		ps.Close()
		return nil, fmt.Errorf("@name@: subscribe %s: %w", topic, err)
	}
	return ps, nil
}

// Session takes a dedicated connection out of the pool; the caller
// gives it back with Release.
func Session(ctx context.Context, rdb *redis.Client) (*redis.Conn, error) {
	cn := rdb.Conn()
	if err := cn.Ping(ctx).Err(); err != nil {
		cn.Close()
		return nil, err
	}
	return cn, nil
}

// Batch returns a new pipeline; the caller executes it with Flush.
func Batch(rdb redis.Cmdable) redis.Pipeliner {
	return rdb.Pipeline()
}

// Flush executes a pipeline.
func Flush(ctx context.Context, pipe redis.Pipeliner) error {
	_, err := pipe.Exec(ctx)
	if errors.Is(err, redis.Nil) {
		return nil
	}
	return err
}

// Stop closes a PubSub.
func Stop(ps *redis.PubSub) {
	if err := ps.Close(); err != nil {
		log.Printf("@name@: close subscription: %v", err)
	}
}

// Release gives a dedicated connection back to its pool.
func Release(cn *redis.Conn) error {
	return cn.Close()
}

// Ping checks that addr answers, with a client of its own.
func Ping(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer rdb.Close()
	return rdb.Ping(ctx).Err()
}
`, "dom", p.info.domain, "name", p.info.name, "dial", p.num(1, 5), "read", p.num(1, 5), "pool", p.num(8, 64))

	f = p.newFile("repo")
	f.t(`
// Repo reads and writes @dom@ values on a client it borrows.
type Repo struct {
	rdb redis.Cmdable
	ns  string
	ttl time.Duration
}

// NewRepo returns a repository in namespace ns.
func NewRepo(rdb redis.Cmdable, ns string) *Repo {
	return &Repo{rdb: rdb, ns: ns, ttl: @ttl@ * time.Minute}
}

func (r *Repo) key(id string) string { return Prefix + r.ns + ":" + id }

// Get returns the value of id, or ErrNotFound.
func (r *Repo) Get(ctx context.Context, id string) (string, error) {
	v, err := r.rdb.Get(ctx, r.key(id)).Result()
	if errors.Is(err, redis.Nil) {
		return "", ErrNotFound
	}
	return v, err
}

// Put stores value under id.
func (r *Repo) Put(ctx context.Context, id, value string) error {
	return r.rdb.Set(ctx, r.key(id), value, r.ttl).Err()
}

// Recent returns the last n entries of the lists of ids, in one round trip.
func (r *Repo) Recent(ctx context.Context, ids []string, n int64) (map[string][]string, error) {
	pipe := r.rdb.Pipeline()
	cmds := make(map[string]*redis.StringSliceCmd, len(ids))
	for _, id := range ids {
		cmds[id] = pipe.LRange(ctx, r.key(id), -n, -1)
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, err
	}
	out := make(map[string][]string, len(cmds))
	for id, cmd := range cmds {
		out[id] = cmd.Val()
	}
	return out, nil
}

// Lock takes a lease on id for ttl.
func (r *Repo) Lock(ctx context.Context, id, owner string, ttl time.Duration) (bool, error) {
	return r.rdb.SetNX(ctx, r.key(id)+":lock", owner, ttl).Result()
}
`, "dom", p.info.domain, "ttl", p.num(5, 120))

	if p.r.chance(0.6) {
		// A type that owns a client of its own; the bug form has no Close.
		bug, ign := p.plant(cClose)
		p.g.stats.Units++
		closeMethod := "\n// Close closes the cache's client.\nfunc (c *Cache) Close() error {\n\treturn c.rdb.Close()\n}\n"
		if bug {
			closeMethod = ""
		}
		f = p.newFile("cache")
		f.t(`
// Cache is a read-through cache with a client of its own.
type Cache struct {
	rdb *redis.Client
	ttl time.Duration
}

// NewCache dials addr.
func NewCache(addr string, ttl time.Duration) *Cache {
	@ign@return &Cache{rdb: redis.NewClient(&redis.Options{Addr: addr}), ttl: ttl}
}

// Fetch returns the cached value of id, loading and caching it on a miss.
func (c *Cache) Fetch(ctx context.Context, id string, load func() (string, error)) (string, error) {
	v, err := c.rdb.Get(ctx, Key(id)).Result()
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, redis.Nil) {
		return "", err
	}
	v, err = load()
	if err != nil {
		return "", err
	}
	return v, c.rdb.Set(ctx, Key(id), v, c.ttl).Err()
}
@close@`, "ign", ign, "close", closeMethod)
	}
	p.writeUnits(freeUnits, p.r.between(0, 4))
}

// apiPackage writes an HTTP API package: a Handler on a shared client,
// handler methods, closures given to HandleFunc, and an http.Handler type.
func (p *pkgGen) apiPackage() {
	p.names.reserve("Handler", "New", "Register", "writeJSON")
	p.pickDeps()
	p.routes = nil
	p.writeUnits(apiUnits, p.r.between(3, 8))
	if p.r.chance(0.5) {
		p.writeUnits(freeUnits, p.r.between(1, 3))
	}
	f := p.newFile("api")
	f.doc = "Package " + p.info.name + " serves the " + p.info.domain + " HTTP API."
	f.t(`
// Handler serves the @dom@ API on a shared client.
type Handler struct {
	rdb  *redis.Client
	addr string
	repo *@st@.Repo
}

// New returns a handler on rdb; addr is the address rdb was built for.
func New(rdb *redis.Client, addr string) *Handler {
	return &Handler{rdb: rdb, addr: addr, repo: @st@.NewRepo(rdb, "@name@")}
}

// Register adds the handler's routes to mux.
func (h *Handler) Register(mux *http.ServeMux) {
@routes@}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Printf("@name@: write response: %v", err)
	}
}
`, "dom", p.info.domain, "st", p.st.name, "name", p.info.name, "routes", strings.Join(p.routes, ""))
}

// workerPackage writes a queue worker and its Redis helpers.
func (p *pkgGen) workerPackage() {
	p.names.reserve("Worker", "New", "Run", "Done", "handle")
	p.pickDeps()
	f := p.newFile("worker")
	f.doc = "Package " + p.info.name + " processes the " + p.info.domain + " job queue."
	f.t(`
// Worker pops @dom@ jobs from a Redis list.
type Worker struct {
	rdb   *redis.Client
	queue string
	done  atomic.Int64
}

// New returns a worker on rdb's queue.
func New(rdb *redis.Client, queue string) *Worker {
	return &Worker{rdb: rdb, queue: "@dom@:" + queue}
}

// Run pops jobs until ctx ends.
func (w *Worker) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		res, err := w.rdb.BLPop(ctx, @wait@*time.Second, w.queue).Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("@name@: pop: %w", err)
		}
		if err := w.handle(ctx, res[1]); err != nil {
			log.Printf("@name@: job %s: %v", res[1], err)
			continue
		}
		w.done.Add(1)
	}
	return nil
}

// Done returns the number of jobs done.
func (w *Worker) Done() int64 { return w.done.Load() }

func (w *Worker) handle(ctx context.Context, job string) error {
	id := @bz@.Normalize(job)
	if err := @bz@.Validate(id); err != nil {
		return err
	}
	return w.rdb.HIncrBy(ctx, @st@.Key(id), "done", 1).Err()
}
`, "dom", p.info.domain, "name", p.info.name, "wait", p.num(1, 10), "bz", p.bzName(), "st", p.st.name)
	p.writeUnits(freeUnits, p.r.between(4, 10))
}

// listenerPackage writes a PubSub listener that keeps its subscriptions in
// a map (a hand-off: it closes them in Leave and Close), and helpers.
func (p *pkgGen) listenerPackage() {
	p.names.reserve("Listener", "New", "Start", "Join", "Leave", "Close")
	p.pickDeps()
	f := p.newFile("listener")
	f.doc = "Package " + p.info.name + " listens for " + p.info.domain + " events on Redis Pub/Sub."
	topics := p.distinct(nouns, 2)
	f.t(`
// Listener keeps one subscription per topic; it owns them.
type Listener struct {
	rdb  *redis.Client
	mu   sync.Mutex
	subs map[string]*redis.PubSub
}

// New returns a listener on rdb.
func New(rdb *redis.Client) *Listener {
	return &Listener{rdb: rdb, subs: make(map[string]*redis.PubSub)}
}

// Start subscribes to the default topics.
func (l *Listener) Start(ctx context.Context) error {
	for _, t := range []string{"@t1@", "@t2@"} {
		if _, err := l.Join(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// Join subscribes to topic and returns the Go channel of its messages.
func (l *Listener) Join(ctx context.Context, topic string) (<-chan *redis.Message, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if ps, ok := l.subs[topic]; ok {
		return ps.Channel(), nil
	}
	ps := l.rdb.Subscribe(ctx, "@dom@:"+topic)
	if _, err := ps.Receive(ctx); err != nil {
		ps.Close()
		return nil, fmt.Errorf("@name@: join %s: %w", topic, err)
	}
	l.subs[topic] = ps
	return ps.Channel(), nil
}

// Leave closes the subscription to topic.
func (l *Listener) Leave(topic string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	ps, ok := l.subs[topic]
	if !ok {
		return nil
	}
	delete(l.subs, topic)
	return ps.Close()
}

// Close closes every subscription.
func (l *Listener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var first error
	for topic, ps := range l.subs {
		if err := ps.Close(); err != nil && first == nil {
			first = err
		}
		delete(l.subs, topic)
	}
	return first
}
`, "dom", p.info.domain, "name", p.info.name, "t1", topics[0], "t2", topics[1])
	p.writeUnits(listenUnits, p.r.between(2, 5))
	p.writeUnits(freeUnits, p.r.between(1, 4))
}

// cmdPackage writes a command that wires the given packages on one
// client, closed when main returns.
func (p *pkgGen) cmdPackage(wire []*pkgInfo) {
	var b strings.Builder
	for i, w := range wire {
		name := p.use(w)
		switch w.kind {
		case kindAPI:
			b.WriteString(expand("\t@p@.New(rdb, *addr).Register(mux)\n", "p", name))
		case kindWorker:
			b.WriteString(expand(`	go func() {
		if err := @p@.New(rdb, "@q@").Run(ctx); err != nil {
			log.Printf("@p@: %v", err)
		}
	}()
`, "p", name, "q", p.r.pick(nouns)))
		case kindListener:
			b.WriteString(expand(`	l@i@ := @p@.New(rdb)
	if err := l@i@.Start(ctx); err != nil {
		log.Printf("@p@: %v", err)
	}
	defer l@i@.Close()
`, "p", name, "i", strconv.Itoa(i)))
		}
	}
	f := p.newFile("main")
	f.doc = "Command " + p.info.domain + "d" + p.info.dir[len(p.info.dir)-3:] + " serves " + p.info.domain + " APIs and runs their workers on one Redis client."
	f.t(`
func main() {
	addr := flag.String("redis", "localhost:6379", "Redis address")
	listen := flag.String("listen", ":8080", "HTTP listen address")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	rdb := redis.NewClient(&redis.Options{Addr: *addr})
	defer rdb.Close()

	mux := http.NewServeMux()
@wire@
	srv := &http.Server{Addr: *listen, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			log.Printf("shutdown: %v", err)
		}
	}()
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Print(err)
	}
}
`, "wire", b.String())
}
