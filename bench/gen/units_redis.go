package main

// The Redis units. Each writes one function (or a type and its methods)
// in its correct form or, when plant says so, with the bug one check
// reports. The bug forms are the mistakes of the catalogue: a PubSub or
// Conn leaked on an early return or deferred in a loop, a pipeline never
// executed, a client built per loop iteration or per request, a client
// never closed.

// common returns the placeholders every template may use.
func (p *pkgGen) common(fn string, kv ...string) []string {
	stq := p.st.name + "."
	if p.st == p.info {
		stq = ""
	}
	out := []string{
		"fn", fn,
		"dom", p.info.domain,
		"name", p.info.name,
		"stq", stq,
		"bz", p.bzName(),
		"noun", p.r.pick(nouns),
		"n", p.num(2, 50),
	}
	return append(out, kv...)
}

// either returns ok, or bad when bug is set.
func either(bug bool, ok, bad string) string {
	if bug {
		return bad
	}
	return ok
}

// freeUnits are functions on a client parameter, for every package that
// uses Redis.
var freeUnits = []unit{
	{8, true, uListen},
	{6, true, uListenWrapped},
	{4, true, uListenChecked},
	{8, true, uConn},
	{6, true, uConnWrapped},
	{8, true, uPipe},
	{5, true, uTxPipe},
	{6, true, uPipeWrapped},
	{8, true, uPipelined},
	{5, true, uChurnLoop},
	{5, true, uChurnPerCall},
	{6, true, uClientLeak},
	{4, true, uClientLeakWrapped},
	{4, true, uConnDeferLoop},
	{3, true, uPubSubDeferLoop},
	{6, true, uWatch},
	{8, true, uKV},
	{6, true, uHashSave},
	{6, true, uHashLoad},
	{5, true, uFanout},
	{5, true, uScan},
	{4, true, uGoSub},
	{10, false, uLocalHelper},
}

// listenUnits are the PubSub-heavy units of listener packages.
var listenUnits = []unit{
	{8, true, uListen},
	{6, true, uListenWrapped},
	{4, true, uListenChecked},
	{4, true, uPubSubDeferLoop},
	{6, true, uGoSub},
}

func uListen(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cPubSub)
	f.t(`
// @fn@ forwards the messages of a @dom@ topic to out until ctx ends.
func @fn@(ctx context.Context, rdb *redis.Client, topic string, out chan<- string) error {
	@ign@ps := rdb.Subscribe(ctx, "@dom@:"+topic)
@okdefer@	if _, err := ps.Receive(ctx); err != nil {
		return fmt.Errorf("@name@: subscribe %s: %w", topic, err)
	}
@bugdefer@	ch := ps.Channel()
	for {
		select {
		case <-ctx.Done():
			return nil
		case msg, ok := <-ch:
			if !ok {
				return nil
			}
			out <- @bz@.Normalize(msg.Payload)
		}
	}
}
`, p.common(p.fn(false), "ign", ign,
		"okdefer", either(bug, "\tdefer ps.Close()\n", ""),
		"bugdefer", either(bug, "", "\tdefer ps.Close()\n"))...)
}

func uListenWrapped(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cPubSub)
	f.t(`
// @fn@ counts the valid messages on topic, up to limit.
func @fn@(ctx context.Context, rdb *redis.Client, topic string, limit int) (int, error) {
	@ign@ps := @stq@Subscribe(ctx, rdb, topic)
@okdefer@	n := 0
	for n < limit {
		msg, err := ps.ReceiveMessage(ctx)
		if err != nil {
			return n, err
		}
		if @bz@.Validate(msg.Payload) != nil {
			continue
		}
		n++
	}
@bugclose@	return n, nil
}
`, p.common(p.fn(false), "ign", ign,
		"okdefer", either(bug, "\tdefer @stq@Stop(ps)\n", ""),
		"bugclose", either(bug, "", "\t@stq@Stop(ps)\n"))...)
}

func uListenChecked(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cPubSub)
	f.t(`
// @fn@ waits up to wait for one message on topic.
func @fn@(ctx context.Context, rdb *redis.Client, topic string, wait time.Duration) (string, error) {
	@ign@ps, err := @stq@SubscribeChecked(ctx, rdb, topic)
	if err != nil {
		return "", err
	}
@okdefer@	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	msg, err := ps.ReceiveMessage(ctx)
	if err != nil {
		return "", fmt.Errorf("@name@: wait for %s: %w", topic, err)
	}
@bugclose@	return msg.Payload, nil
}
`, p.common(p.fn(false), "ign", ign,
		"okdefer", either(bug, "\tdefer ps.Close()\n", ""),
		"bugclose", either(bug, "", "\tps.Close()\n"))...)
}

func uConn(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cConn)
	f.t(`
// @fn@ names a dedicated connection and bumps the @noun@ counter of id in database db.
func @fn@(ctx context.Context, rdb *redis.Client, id string, db int) (int64, error) {
	@ign@cn := rdb.Conn()
@okdefer@	if err := cn.ClientSetName(ctx, "@name@-"+id).Err(); err != nil {
		return 0, fmt.Errorf("@name@: name connection: %w", err)
	}
	if err := cn.Select(ctx, db).Err(); err != nil {
		return 0, err
	}
	n, err := cn.IncrBy(ctx, @stq@Key(id), @n@).Result()
@bugclose@	return n, err
}
`, p.common(p.fn(false), "ign", ign,
		"okdefer", either(bug, "\tdefer cn.Close()\n", ""),
		"bugclose", either(bug, "", "\tif cerr := cn.Close(); err == nil {\n\t\terr = cerr\n\t}\n"))...)
}

func uConnWrapped(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cConn)
	f.t(`
// @fn@ renews the expiry of ids on one dedicated connection.
func @fn@(ctx context.Context, rdb *redis.Client, ids []string) error {
	@ign@cn, err := @stq@Session(ctx, rdb)
	if err != nil {
		return err
	}
@okdefer@	for _, id := range ids {
		if err := cn.Expire(ctx, @stq@Key(id), @n@*time.Minute).Err(); err != nil {
			return fmt.Errorf("@name@: expire %s: %w", id, err)
		}
	}
	@tail@
}
`, p.common(p.fn(false), "ign", ign,
		"okdefer", either(bug, "\tdefer @stq@Release(cn)\n", ""),
		"tail", either(bug, "return nil", "return @stq@Release(cn)"))...)
}

func uPipe(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cPipe)
	f.t(`
// @fn@ returns the sizes of the @noun@ hashes of ids, in one round trip.
func @fn@(ctx context.Context, rdb redis.Cmdable, ids []string) (map[string]int64, error) {
	@ign@pipe := rdb.Pipeline()
	cmds := make(map[string]*redis.IntCmd, len(ids))
	for _, id := range ids {
		cmds[id] = pipe.HLen(ctx, @stq@Key(id))
	}
@exec@	out := make(map[string]int64, len(cmds))
	for id, cmd := range cmds {
		out[id] = cmd.Val()
	}
	return out, nil
}
`, p.common(p.fn(false), "ign", ign,
		"exec", either(bug, "\tif _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {\n\t\treturn nil, err\n\t}\n", ""))...)
}

func uTxPipe(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cPipe)
	f.t(`
// @fn@ writes the fields of id and its expiry atomically.
func @fn@(ctx context.Context, rdb *redis.Client, id string, fields map[string]string) error {
	@ign@tx := rdb.TxPipeline()
	tx.HSet(ctx, @stq@Key(id), fields)
	tx.Expire(ctx, @stq@Key(id), @n@*time.Hour)
	@tail@
}
`, p.common(p.fn(false), "ign", ign,
		"tail", either(bug, "_, err := tx.Exec(ctx)\n\treturn err", "return nil"))...)
}

func uPipeWrapped(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cPipe)
	f.t(`
// @fn@ adds counts to the @noun@ counters, in key order.
func @fn@(ctx context.Context, rdb *redis.Client, counts map[string]int64) (int, error) {
	@ign@pipe := @stq@Batch(rdb)
	keys := slices.Sorted(maps.Keys(counts))
	for _, k := range keys {
		pipe.IncrBy(ctx, @stq@Key(k), counts[k])
	}
	@tail@
}
`, p.common(p.fn(false), "ign", ign,
		"tail", either(bug, "return len(keys), @stq@Flush(ctx, pipe)", "return len(keys), nil"))...)
}

func uPipelined(p *pkgGen, f *srcFile) {
	if p.r.chance(0.5) {
		f.t(`
// @fn@ appends vals to the @noun@ list of id and keeps its last @n@ entries.
func @fn@(ctx context.Context, rdb redis.Cmdable, id string, vals []string) error {
	_, err := rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		for _, v := range vals {
			pipe.RPush(ctx, @stq@Key(id), v)
		}
		pipe.LTrim(ctx, @stq@Key(id), -@n@, -1)
		return nil
	})
	return err
}
`, p.common(p.fn(false))...)
		return
	}
	f.t(`
// @fn@ records a @noun@ event and bumps its counter in one transaction.
func @fn@(ctx context.Context, rdb redis.Cmdable, id, event string) (int64, error) {
	var incr *redis.IntCmd
	_, err := rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.XAdd(ctx, &redis.XAddArgs{Stream: @stq@Key("events"), Values: map[string]any{"id": id, "event": event}})
		incr = pipe.HIncrBy(ctx, @stq@Key(id), event, 1)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return incr.Val(), nil
}
`, p.common(p.fn(false))...)
}

func uChurnLoop(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cChurn)
	if bug {
		f.t(`
// @fn@ publishes msg on the first server, trying three times, and returns
// the number of receivers. The same client is built on every attempt: a
// client per target (one per address) would not be churn.
func @fn@(ctx context.Context, addrs []string, channel, msg string) (int64, error) {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		@ign@rdb := redis.NewClient(&redis.Options{Addr: addrs[0]})
		var n int64
		n, err = rdb.Publish(ctx, channel, msg).Result()
		rdb.Close()
		if err == nil {
			return n, nil
		}
	}
	return 0, err
}
`, p.common(p.fn(false), "ign", ign)...)
		return
	}
	f.t(`
// @fn@ publishes msg on every server and returns the number of receivers.
func @fn@(ctx context.Context, addrs []string, channel, msg string) (int64, error) {
	clients := make([]*redis.Client, 0, len(addrs))
	for _, addr := range addrs {
		clients = append(clients, redis.NewClient(&redis.Options{Addr: addr}))
	}
	defer func() {
		for _, c := range clients {
			c.Close()
		}
	}()
	var total int64
	for _, rdb := range clients {
		n, err := rdb.Publish(ctx, channel, msg).Result()
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}
`, p.common(p.fn(false))...)
}

func uChurnPerCall(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cChurn)
	if bug {
		f.t(`
// @fn@ returns the first address if it answers within three tries: each
// try builds the same client again.
func @fn@(ctx context.Context, addrs []string) []string {
	for attempt := 0; attempt < 3; attempt++ {
		@ign@if err := @stq@Ping(ctx, addrs[0]); err == nil {
			return addrs[:1]
		}
	}
	return nil
}
`, p.common(p.fn(false), "ign", ign)...)
		return
	}
	f.t(`
// @fn@ reports whether addr answers.
func @fn@(ctx context.Context, addr string) bool {
	return @stq@Ping(ctx, addr) == nil
}
`, p.common(p.fn(false))...)
}

func uClientLeak(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cClose)
	f.t(`
// @fn@ returns the version of the server at addr.
func @fn@(ctx context.Context, addr string) (string, error) {
	@ign@rdb := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: @n@ * time.Second})
@okdefer@	info, err := rdb.Info(ctx, "server").Result()
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(line, "redis_version:"); ok {
			return strings.TrimSpace(v), nil
		}
	}
	return "", errors.New("@name@: no redis_version in INFO")
}
`, p.common(p.fn(false), "ign", ign, "okdefer", either(bug, "\tdefer rdb.Close()\n", ""))...)
}

func uClientLeakWrapped(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cClose)
	f.t(`
// @fn@ returns how many of keys exist on the server at addr.
func @fn@(ctx context.Context, addr string, keys []string) (int64, error) {
	@ign@rdb := @stq@NewClient(addr)
@okdefer@	for i, k := range keys {
		keys[i] = @stq@Key(k)
	}
	return rdb.Exists(ctx, keys...).Result()
}
`, p.common(p.fn(false), "ign", ign, "okdefer", either(bug, "\tdefer rdb.Close()\n", ""))...)
}

func uConnDeferLoop(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cConn)
	if bug {
		f.t(`
// @fn@ checks that every logical database answers.
func @fn@(ctx context.Context, rdb *redis.Client, dbs []int) error {
	for _, db := range dbs {
		@ign@cn := rdb.Conn()
		defer cn.Close()
		if err := cn.Select(ctx, db).Err(); err != nil {
			return fmt.Errorf("@name@: database %d: %w", db, err)
		}
		if err := cn.Ping(ctx).Err(); err != nil {
			return err
		}
	}
	return nil
}
`, p.common(p.fn(false), "ign", ign)...)
		return
	}
	f.t(`
// @fn@ checks that every logical database answers.
func @fn@(ctx context.Context, rdb *redis.Client, dbs []int) error {
	for _, db := range dbs {
		cn := rdb.Conn()
		err := cn.Select(ctx, db).Err()
		if err == nil {
			err = cn.Ping(ctx).Err()
		}
		cn.Close()
		if err != nil {
			return fmt.Errorf("@name@: database %d: %w", db, err)
		}
	}
	return nil
}
`, p.common(p.fn(false))...)
}

func uPubSubDeferLoop(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cPubSub)
	if bug {
		f.t(`
// @fn@ waits for the first message of every topic.
func @fn@(ctx context.Context, rdb *redis.Client, topics []string) (map[string]string, error) {
	got := make(map[string]string, len(topics))
	for _, topic := range topics {
		@ign@ps := rdb.Subscribe(ctx, "@dom@:"+topic)
		defer ps.Close()
		msg, err := ps.ReceiveMessage(ctx)
		if err != nil {
			return nil, err
		}
		got[topic] = msg.Payload
	}
	return got, nil
}
`, p.common(p.fn(false), "ign", ign)...)
		return
	}
	f.t(`
// @fn@ waits for the first message of every topic.
func @fn@(ctx context.Context, rdb *redis.Client, topics []string) (map[string]string, error) {
	got := make(map[string]string, len(topics))
	for _, topic := range topics {
		ps := rdb.Subscribe(ctx, "@dom@:"+topic)
		msg, err := ps.ReceiveMessage(ctx)
		ps.Close()
		if err != nil {
			return nil, err
		}
		got[topic] = msg.Payload
	}
	return got, nil
}
`, p.common(p.fn(false))...)
}

func uWatch(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ moves amount from one @noun@ balance to another, optimistically.
func @fn@(ctx context.Context, rdb *redis.Client, from, to string, amount int64) error {
	src, dst := @stq@Key(from), @stq@Key(to)
	for attempt := 0; attempt < @n@; attempt++ {
		err := rdb.Watch(ctx, func(tx *redis.Tx) error {
			bal, err := tx.Get(ctx, src).Int64()
			if err != nil && !errors.Is(err, redis.Nil) {
				return err
			}
			if bal < amount {
				return fmt.Errorf("@name@: balance %d is below %d", bal, amount)
			}
			_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.DecrBy(ctx, src, amount)
				pipe.IncrBy(ctx, dst, amount)
				return nil
			})
			return err
		}, src)
		if !errors.Is(err, redis.TxFailedErr) {
			return err
		}
	}
	return errors.New("@name@: too much contention")
}
`, p.common(p.fn(false))...)
}

func uKV(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ sets the @noun@ value of id for ttl and returns the previous one.
func @fn@(ctx context.Context, rdb redis.Cmdable, id, value string, ttl time.Duration) (string, error) {
	prev, err := rdb.SetArgs(ctx, @stq@Key(id), value, redis.SetArgs{TTL: ttl, Get: true}).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return prev, err
}
`, p.common(p.fn(false))...)
}

func uHashSave(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ saves rec as a hash that expires after @n@ hours.
func @fn@(ctx context.Context, rdb redis.Cmdable, rec @bz@.Record) error {
	key := @stq@Key(rec.ID)
	if err := rdb.HSet(ctx, key, "name", rec.Name, "score", rec.Score, "tags", strings.Join(rec.Tags, ",")).Err(); err != nil {
		return fmt.Errorf("@name@: save %s: %w", rec.ID, err)
	}
	return rdb.Expire(ctx, key, @n@*time.Hour).Err()
}
`, p.common(p.fn(false))...)
}

func uHashLoad(p *pkgGen, f *srcFile) {
	bz := p.bzName()
	f.t(`
// @fn@ loads the record of id.
func @fn@(ctx context.Context, rdb redis.Cmdable, id string) (@b@.Record, error) {
	m, err := rdb.HGetAll(ctx, @stq@Key(id)).Result()
	if err != nil {
		return @b@.Record{}, err
	}
	if len(m) == 0 {
		return @b@.Record{}, fmt.Errorf("@name@: no record %q", id)
	}
	score, err := strconv.Atoi(m["score"])
	if err != nil {
		return @b@.Record{}, fmt.Errorf("@name@: record %q: %w", id, err)
	}
	rec := @b@.Record{ID: id, Name: m["name"], Score: score}
	if t := m["tags"]; t != "" {
		rec.Tags = strings.Split(t, ",")
	}
	return rec, nil
}
`, p.common(p.fn(false), "b", bz)...)
}

func uFanout(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ returns the lengths of the @noun@ lists of ids, read concurrently.
func @fn@(ctx context.Context, rdb *redis.Client, ids []string) map[string]int64 {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		out = make(map[string]int64, len(ids))
	)
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := rdb.LLen(ctx, @stq@Key(id)).Result()
			if err != nil {
				return
			}
			mu.Lock()
			out[id] = n
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}
`, p.common(p.fn(false))...)
}

func uScan(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ lists the ids whose keys match pattern, sorted.
func @fn@(ctx context.Context, rdb *redis.Client, pattern string) ([]string, error) {
	var ids []string
	iter := rdb.Scan(ctx, 0, @stq@Key(pattern), @n@).Iterator()
	for iter.Next(ctx) {
		ids = append(ids, strings.TrimPrefix(iter.Val(), @stq@Key("")))
	}
	if err := iter.Err(); err != nil {
		return nil, err
	}
	sort.Strings(ids)
	return ids, nil
}
`, p.common(p.fn(false))...)
}

func uGoSub(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ hands every message of topic to handle until the returned
// function is called.
func @fn@(ctx context.Context, rdb *redis.Client, topic string, handle func(string)) func() {
	ctx, cancel := context.WithCancel(ctx)
	ps := rdb.Subscribe(ctx, "@dom@:"+topic)
	go func() {
		defer ps.Close()
		ch := ps.Channel()
		for {
			select {
			case <-ctx.Done():
				return
			case msg := <-ch:
				handle(@bz@.Normalize(msg.Payload))
			}
		}
	}()
	return cancel
}
`, p.common(p.fn(false))...)
}

// uLocalHelper is plain code inside a Redis package.
func uLocalHelper(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ builds the member list of a @noun@ set, without duplicates or blanks.
func @fn@(raw string) []string {
	seen := make(map[string]bool)
	var out []string
	for _, part := range strings.Split(raw, ",") {
		m := @bz@.Normalize(part)
		if m == "" || seen[m] {
			continue
		}
		seen[m] = true
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}
`, p.common(p.fn(false))...)
}

// apiUnits are methods of an API package's Handler, closures given to
// HandleFunc, and http.Handler types. Each adds its route to p.routes.
var apiUnits = []unit{
	{10, true, aGet},
	{6, true, aClosure},
	{5, true, aPing},
	{6, true, aPipe},
	{5, true, aConn},
	{4, true, aStream},
	{6, true, aPut},
	{4, true, aServeHTTP},
}

func (p *pkgGen) route(method, fn string) string {
	return method + " /" + p.info.domain + "/" + p.info.name + "/" + lowerFirst(fn)
}

func aGet(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cChurn)
	fn := p.fn(false)
	p.routes = append(p.routes, expand("\tmux.HandleFunc(\"@r@\", h.@fn@)\n", "r", p.route("GET", fn), "fn", fn))
	f.t(`
// @fn@ returns the value of a @noun@.
func (h *Handler) @fn@(w http.ResponseWriter, r *http.Request) {
	id := @bz@.Normalize(r.URL.Query().Get("id"))
	if err := @bz@.Validate(id); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
@client@	val, err := rdb.Get(r.Context(), @stq@Key(id)).Result()
	switch {
	case errors.Is(err, redis.Nil):
		http.NotFound(w, r)
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
	default:
		writeJSON(w, http.StatusOK, map[string]string{"id": id, "value": val})
	}
}
`, p.common(fn, "client", either(bug, "\trdb := h.rdb\n",
		"\t@ign@rdb := redis.NewClient(&redis.Options{Addr: h.addr})\n\tdefer rdb.Close()\n"), "ign", ign)...)
}

func aClosure(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cChurn)
	fn := "route" + title(p.fn(false))
	p.names.reserve(fn)
	p.routes = append(p.routes, "\th."+fn+"(mux)\n")
	f.t(`
// @fn@ registers the hit counter of @noun@ pages.
func (h *Handler) @fn@(mux *http.ServeMux) {
	mux.HandleFunc("@r@", func(w http.ResponseWriter, r *http.Request) {
		id := @bz@.Normalize(r.FormValue("id"))
@client@		n, err := rdb.Incr(r.Context(), @stq@Key(id)+":hits").Result()
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, http.StatusOK, map[string]int64{"hits": n})
	})
}
`, p.common(fn, "r", p.route("POST", fn), "client", either(bug, "\t\trdb := h.rdb\n",
		"\t\t@ign@rdb := redis.NewClient(&redis.Options{Addr: h.addr})\n\t\tdefer rdb.Close()\n"), "ign", ign)...)
}

func aPing(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cChurn)
	fn := p.fn(false)
	p.routes = append(p.routes, expand("\tmux.HandleFunc(\"@r@\", h.@fn@)\n", "r", p.route("GET", fn), "fn", fn))
	f.t(`
// @fn@ answers the health check.
func (h *Handler) @fn@(w http.ResponseWriter, r *http.Request) {
	@ign@if err := @check@; err != nil {
		http.Error(w, "redis: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
`, p.common(fn, "ign", ign, "check", either(bug, "h.rdb.Ping(r.Context()).Err()", "@stq@Ping(r.Context(), h.addr)"))...)
}

func aPipe(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cPipe)
	fn := p.fn(false)
	p.routes = append(p.routes, expand("\tmux.HandleFunc(\"@r@\", h.@fn@)\n", "r", p.route("GET", fn), "fn", fn))
	f.t(`
// @fn@ returns the values of several @noun@ ids in one round trip.
func (h *Handler) @fn@(w http.ResponseWriter, r *http.Request) {
	ids := strings.Split(r.URL.Query().Get("ids"), ",")
	@ign@pipe := h.rdb.Pipeline()
	cmds := make([]*redis.StringCmd, len(ids))
	for i, id := range ids {
		cmds[i] = pipe.Get(r.Context(), @stq@Key(@bz@.Normalize(id)))
	}
@exec@	out := make(map[string]string, len(ids))
	for i, cmd := range cmds {
		if v, err := cmd.Result(); err == nil {
			out[ids[i]] = v
		}
	}
	writeJSON(w, http.StatusOK, out)
}
`, p.common(fn, "ign", ign, "exec", either(bug,
		"\tif _, err := pipe.Exec(r.Context()); err != nil && !errors.Is(err, redis.Nil) {\n\t\thttp.Error(w, err.Error(), http.StatusBadGateway)\n\t\treturn\n\t}\n", ""))...)
}

func aConn(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cConn)
	fn := p.fn(false)
	p.routes = append(p.routes, expand("\tmux.HandleFunc(\"@r@\", h.@fn@)\n", "r", p.route("GET", fn), "fn", fn))
	f.t(`
// @fn@ returns the number of keys in a logical database.
func (h *Handler) @fn@(w http.ResponseWriter, r *http.Request) {
	db, err := strconv.Atoi(r.URL.Query().Get("db"))
	if err != nil {
		http.Error(w, "bad db", http.StatusBadRequest)
		return
	}
	@ign@cn := h.rdb.Conn()
@okdefer@	if err := cn.Select(r.Context(), db).Err(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	size, err := cn.DBSize(r.Context()).Result()
@bugclose@	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int64{"keys": size})
}
`, p.common(fn, "ign", ign, "okdefer", either(bug, "\tdefer cn.Close()\n", ""),
		"bugclose", either(bug, "", "\tcn.Close()\n"))...)
}

func aStream(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cPubSub)
	fn := p.fn(false)
	p.routes = append(p.routes, expand("\tmux.HandleFunc(\"@r@\", h.@fn@)\n", "r", p.route("GET", fn), "fn", fn))
	f.t(`
// @fn@ streams @noun@ events to the client as server-sent events.
func (h *Handler) @fn@(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	@ign@ps := h.rdb.Subscribe(r.Context(), "@dom@:events")
@okdefer@	if _, err := ps.Receive(r.Context()); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
@bugdefer@	w.Header().Set("Content-Type", "text/event-stream")
	ch := ps.Channel()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg, ok := <-ch:
			if !ok {
				return
			}
			fmt.Fprintf(w, "data: %s\n\n", msg.Payload)
			flusher.Flush()
		}
	}
}
`, p.common(fn, "ign", ign, "okdefer", either(bug, "\tdefer ps.Close()\n", ""),
		"bugdefer", either(bug, "", "\tdefer ps.Close()\n"))...)
}

func aPut(p *pkgGen, f *srcFile) {
	fn := p.fn(false)
	p.routes = append(p.routes, expand("\tmux.HandleFunc(\"@r@\", h.@fn@)\n", "r", p.route("PUT", fn), "fn", fn))
	f.t(`
// @fn@ stores a @noun@ value.
func (h *Handler) @fn@(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ID    string @bt@json:"id"@bt@
		Value string @bt@json:"value"@bt@
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	id := @bz@.Normalize(req.ID)
	if err := @bz@.Validate(id); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := h.repo.Put(r.Context(), id, req.Value); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
`, p.common(fn, "bt", "`")...)
}

func aServeHTTP(p *pkgGen, f *srcFile) {
	bug, ign := p.plant(cChurn)
	typ := lowerFirst(p.typeName("Counter"))
	p.routes = append(p.routes, expand("\tmux.Handle(\"@r@/\", &@t@{rdb: h.rdb, addr: h.addr})\n", "r", p.route("GET", typ), "t", typ))
	f.t(`
// @t@ answers @noun@ set sizes.
type @t@ struct {
	rdb  *redis.Client
	addr string
}

func (s *@t@) ServeHTTP(w http.ResponseWriter, r *http.Request) {
@client@	n, err := rdb.SCard(r.Context(), @stq@Key(r.URL.Path)).Result()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "%d\n", n)
}
`, p.common("", "t", typ, "ign", ign, "client", either(bug, "\trdb := s.rdb\n",
		"\t@ign@rdb := redis.NewClient(&redis.Options{Addr: s.addr})\n\tdefer rdb.Close()\n"))...)
}
