package main

import (
	"strconv"
	"strings"
)

// bizUnits are plain business logic: types, string and number
// processing, encoding, errors. No Redis.
var bizUnits = []unit{
	{8, false, bStruct},
	{6, false, bSlug},
	{6, false, bStats},
	{6, false, bState},
	{6, false, bJSON},
	{6, false, bGroup},
	{5, false, bErrors},
	{5, false, bConfig},
	{5, false, bIface},
	{4, false, bGeneric},
	{5, false, bCache},
	{4, false, bWindow},
	{4, false, bFingerprint},
	{5, false, bTable},
}

func (p *pkgGen) bizKV(kv ...string) []string {
	out := []string{
		"dom", p.info.domain,
		"name", p.info.name,
		"noun", p.r.pick(nouns),
		"max", p.num(16, 128),
		"n", p.num(2, 60),
	}
	return append(out, kv...)
}

func bStruct(p *pkgGen, f *srcFile) {
	t := p.typeName("")
	fs := p.distinct(fields, 3)
	f.t(`
// @T@ is a @dom@ @noun@.
type @T@ struct {
	ID      string
	@F1@    string
	@F2@    int
	@F3@    float64
	Created time.Time
	Tags    []string
}

// New@T@ returns a @T@ after checking its fields.
func New@T@(id, @f1@ string, @f2@ int) (*@T@, error) {
	if id == "" {
		return nil, errors.New("@name@: empty @noun@ id")
	}
	if @f2@ < 0 || @f2@ > @max@ {
		return nil, fmt.Errorf("@name@: @f2@ %d out of range [0, @max@]", @f2@)
	}
	return &@T@{ID: id, @F1@: strings.TrimSpace(@f1@), @F2@: @f2@, Created: time.Unix(0, 0).UTC()}, nil
}

// String formats the @noun@ for logs.
func (x *@T@) String() string {
	return fmt.Sprintf("@noun@(%s, %s, %d)", x.ID, x.@F1@, x.@F2@)
}

// Tagged reports whether the @noun@ carries tag.
func (x *@T@) Tagged(tag string) bool {
	return slices.Contains(x.Tags, tag)
}

// Rank combines the numeric fields.
func (x *@T@) Rank() float64 {
	return float64(x.@F2@)*@k@ + x.@F3@
}
`, p.bizKV("T", t, "F1", fs[0], "F2", fs[1], "F3", fs[2],
		"f1", "a"+fs[0], "f2", "a"+fs[1], "k", p.num(1, 9)+".5")...)
	p.names.reserve("New" + t)
}

func bSlug(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ turns s into a URL slug of at most @max@ bytes.
func @fn@(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= @max@ {
			break
		}
	}
	return b.String()
}
`, p.bizKV("fn", p.fn(true))...)
}

func bStats(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ returns the mean, the standard deviation and the @pct@th
// percentile of xs.
func @fn@(xs []float64) (mean, stddev, pct float64) {
	if len(xs) == 0 {
		return 0, 0, 0
	}
	sorted := slices.Clone(xs)
	sort.Float64s(sorted)
	var sum float64
	for _, x := range sorted {
		sum += x
	}
	mean = sum / float64(len(sorted))
	var sq float64
	for _, x := range sorted {
		sq += (x - mean) * (x - mean)
	}
	stddev = math.Sqrt(sq / float64(len(sorted)))
	idx := int(math.Ceil(@pct@.0/100*float64(len(sorted)))) - 1
	if idx < 0 {
		idx = 0
	}
	return mean, stddev, sorted[idx]
}
`, p.bizKV("fn", p.fn(true), "pct", p.num(50, 99))...)
}

func bState(p *pkgGen, f *srcFile) {
	t := p.typeName("State")
	st := p.distinct(adjectives, 4)
	ev := p.distinct(verbs, 3)
	kv := p.bizKV("T", t, "e1", ev[0], "e2", ev[1], "e3", ev[2])
	for i, s := range st {
		kv = append(kv, "S"+strconv.Itoa(i), title(s), "s"+strconv.Itoa(i), s)
	}
	f.t(`
// @T@ is the state of a @noun@.
type @T@ int

// The states of a @noun@.
const (
	@T@@S0@ @T@ = iota
	@T@@S1@
	@T@@S2@
	@T@@S3@
)

func (s @T@) String() string {
	switch s {
	case @T@@S0@:
		return "@s0@"
	case @T@@S1@:
		return "@s1@"
	case @T@@S2@:
		return "@s2@"
	case @T@@S3@:
		return "@s3@"
	}
	return "@T@(" + strconv.Itoa(int(s)) + ")"
}

// Next returns the state after event, or an error if s does not accept it.
func (s @T@) Next(event string) (@T@, error) {
	switch {
	case s == @T@@S0@ && event == "@e1@":
		return @T@@S1@, nil
	case s == @T@@S1@ && event == "@e2@":
		return @T@@S2@, nil
	case s == @T@@S1@ && event == "@e3@", s == @T@@S2@ && event == "@e3@":
		return @T@@S3@, nil
	}
	return s, fmt.Errorf("@name@: %s does not accept %q", s, event)
}
`, kv...)
}

func bJSON(p *pkgGen, f *srcFile) {
	t := p.typeName("Doc")
	fs := p.distinct(fields, 2)
	f.t(`
// @T@ is the wire form of a @noun@.
type @T@ struct {
	ID    string            @bt@json:"id"@bt@
	@F1@  string            @bt@json:"@f1@,omitempty"@bt@
	@F2@  int               @bt@json:"@f2@"@bt@
	Attrs map[string]string @bt@json:"attrs,omitempty"@bt@
}

// Decode@T@ parses a @noun@ and checks its fields.
func Decode@T@(data []byte) (@T@, error) {
	var v @T@
	if err := json.Unmarshal(data, &v); err != nil {
		return @T@{}, fmt.Errorf("@name@: decode @noun@: %w", err)
	}
	if v.ID == "" {
		return @T@{}, errors.New("@name@: @noun@ without id")
	}
	if v.@F2@ < 0 {
		return @T@{}, fmt.Errorf("@name@: @noun@ %s: negative @f2@ %d", v.ID, v.@F2@)
	}
	return v, nil
}

// Encode returns the JSON form of v.
func (v @T@) Encode() ([]byte, error) { return json.Marshal(v) }
`, p.bizKV("T", t, "F1", fs[0], "F2", fs[1], "f1", strings.ToLower(fs[0]), "f2", strings.ToLower(fs[1]), "bt", "`")...)
	p.names.reserve("Decode" + t)
}

func bGroup(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ groups records by their first tag, best score first, and returns
// the tags in order.
func @fn@(recs []Record) ([]string, map[string][]Record) {
	groups := make(map[string][]Record)
	for _, r := range recs {
		k := "untagged"
		if len(r.Tags) > 0 {
			k = r.Tags[0]
		}
		groups[k] = append(groups[k], r)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g := groups[k]
		sort.Slice(g, func(i, j int) bool { return g[i].Score > g[j].Score })
	}
	return keys, groups
}
`, p.bizKV("fn", p.fn(true))...)
}

func bErrors(p *pkgGen, f *srcFile) {
	t := p.typeName("")
	f.t(`
// @T@Error is returned when a @noun@ fails a check.
type @T@Error struct {
	ID     string
	Reason string
}

func (e *@T@Error) Error() string { return "@name@: " + e.ID + ": " + e.Reason }

// Is@T@Error reports whether err wraps a *@T@Error.
func Is@T@Error(err error) bool {
	var target *@T@Error
	return errors.As(err, &target)
}

// Check@T@ checks ids in order and returns the first failure.
func Check@T@(ids []string) error {
	for i, id := range ids {
		if strings.TrimSpace(id) != id {
			return fmt.Errorf("position %d: %w", i, &@T@Error{ID: id, Reason: "surrounding space"})
		}
		if len(id) > @max@ {
			return fmt.Errorf("position %d: %w", i, &@T@Error{ID: id, Reason: "longer than @max@ bytes"})
		}
	}
	return nil
}
`, p.bizKV("T", t)...)
	p.names.reserve(t+"Error", "Is"+t+"Error", "Check"+t)
}

func bConfig(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ parses "key = value" lines of integers; blank lines and # comments
// are skipped.
func @fn@(text string) (map[string]int, error) {
	out := make(map[string]int)
	sc := bufio.NewScanner(strings.NewReader(text))
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			return nil, fmt.Errorf("@name@: line %d: missing '='", line)
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("@name@: line %d: %w", line, err)
		}
		out[strings.TrimSpace(k)] = n
	}
	return out, sc.Err()
}
`, p.bizKV("fn", p.fn(true))...)
}

func bIface(p *pkgGen, f *srcFile) {
	t := p.typeName("Fee")
	plans := p.distinct(adjectives, 2)
	f.t(`
// @T@ computes a @noun@ fee.
type @T@ interface {
	Fee(amount int64) int64
}

type flat@T@ struct{ cents int64 }

func (f flat@T@) Fee(int64) int64 { return f.cents }

type percent@T@ struct{ bp int64 }

func (p percent@T@) Fee(amount int64) int64 { return amount * p.bp / 10000 }

// @T@For returns the fee rule of a plan.
func @T@For(plan string) @T@ {
	switch plan {
	case "@a1@":
		return flat@T@{cents: @c@}
	case "@a2@":
		return percent@T@{bp: @b1@}
	default:
		return percent@T@{bp: @b2@}
	}
}

// Total@T@ sums the fees of amounts under rule.
func Total@T@(rule @T@, amounts []int64) int64 {
	var t int64
	for _, a := range amounts {
		t += rule.Fee(a)
	}
	return t
}
`, p.bizKV("T", t, "a1", plans[0], "a2", plans[1], "c", p.num(10, 500), "b1", p.num(10, 300), "b2", p.num(10, 300))...)
	p.names.reserve(t+"For", "Total"+t)
}

func bGeneric(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ maps the elements of xs that keep accepts.
func @fn@[T, U any](xs []T, keep func(T) bool, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		if keep(x) {
			out = append(out, f(x))
		}
	}
	return out
}
`, p.bizKV("fn", p.fn(true))...)
}

func bCache(p *pkgGen, f *srcFile) {
	t := p.typeName("Cache")
	f.t(`
// @T@ keeps the latest @noun@ values, safe for concurrent use.
type @T@ struct {
	mu    sync.Mutex
	limit int
	order []string
	vals  map[string]string
}

// New@T@ returns a cache of at most size entries.
func New@T@(size int) *@T@ {
	return &@T@{limit: size, vals: make(map[string]string, size)}
}

// Get returns the value of k.
func (c *@T@) Get(k string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.vals[k]
	return v, ok
}

// Put sets k, dropping the oldest keys beyond the limit.
func (c *@T@) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.vals[k]; !ok {
		c.order = append(c.order, k)
	}
	c.vals[k] = v
	for len(c.order) > c.limit {
		delete(c.vals, c.order[0])
		c.order = c.order[1:]
	}
}
`, p.bizKV("T", t)...)
	p.names.reserve("New" + t)
}

func bWindow(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ counts timestamps per @n@-minute window, oldest first.
func @fn@(ts []time.Time) []int {
	if len(ts) == 0 {
		return nil
	}
	sorted := slices.Clone(ts)
	slices.SortFunc(sorted, func(a, b time.Time) int { return a.Compare(b) })
	width := @n@ * time.Minute
	start := sorted[0].Truncate(width)
	var counts []int
	for _, t := range sorted {
		i := int(t.Sub(start) / width)
		for len(counts) <= i {
			counts = append(counts, 0)
		}
		counts[i]++
	}
	return counts
}
`, p.bizKV("fn", p.fn(true))...)
}

func bFingerprint(p *pkgGen, f *srcFile) {
	f.t(`
// @fn@ returns a short, stable fingerprint of a record.
func @fn@(r Record) string {
	h := sha256.New()
	h.Write([]byte(r.ID))
	h.Write([]byte{0})
	h.Write([]byte(r.Name))
	for _, t := range r.Tags {
		h.Write([]byte{0})
		h.Write([]byte(t))
	}
	return hex.EncodeToString(h.Sum(nil))[:@len@]
}
`, p.bizKV("fn", p.fn(true), "len", p.num(8, 32))...)
}

func bTable(p *pkgGen, f *srcFile) {
	n := p.r.between(6, 24)
	var cases strings.Builder
	code := 100
	for i := 0; i < n; i++ {
		code += p.r.between(1, 7)
		cases.WriteString("\tcase " + strconv.Itoa(code) + ":\n\t\treturn \"" + p.r.pick(adjectives) + " " + p.r.pick(nouns) + "\"\n")
	}
	f.t(`
// @fn@ returns the label of a @noun@ code.
func @fn@(code int) string {
	switch code {
@cases@	}
	return "unknown @noun@ " + strconv.Itoa(code)
}
`, p.bizKV("fn", p.fn(true), "cases", cases.String())...)
}
