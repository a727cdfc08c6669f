package pubsubclose

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"sync"
	"testing"

	redisv8 "github.com/go-redis/redis/v8"
	"github.com/redis/go-redis/v9"
)

func deferred(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	defer ps.Close()
	_, _ = ps.Receive(ctx)
}

func deferredLiteral(ctx context.Context, rdb *redis.Client) error {
	ps := rdb.Subscribe(ctx, "a")
	defer func() {
		if err := ps.Close(); err != nil {
			log.Print(err)
		}
	}()
	_, err := ps.Receive(ctx)
	return err
}

func deferBeforeAssign(ctx context.Context, rdb *redis.Client) {
	var ps *redis.PubSub
	defer func() {
		if ps != nil {
			ps.Close()
		}
	}()
	ps = rdb.Subscribe(ctx, "a")
	_, _ = ps.Receive(ctx)
}

func closedEveryPath(ctx context.Context, rdb *redis.Client) error {
	ps := rdb.Subscribe(ctx, "a")
	if _, err := ps.Receive(ctx); err != nil {
		ps.Close()
		return err
	}
	return ps.Close()
}

func returned(ctx context.Context, rdb *redis.Client) *redis.PubSub {
	ps := rdb.Subscribe(ctx, "a")
	return ps
}

func returnedWithError(ctx context.Context, rdb *redis.Client) (*redis.PubSub, error) {
	ps := rdb.Subscribe(ctx, "a")
	if _, err := ps.Receive(ctx); err != nil {
		ps.Close()
		return nil, err
	}
	return ps, nil
}

func namedResult(ctx context.Context, rdb *redis.Client) (ps *redis.PubSub, err error) {
	ps = rdb.Subscribe(ctx, "a")
	_, err = ps.Receive(ctx)
	return
}

type listener struct {
	ps *redis.PubSub
}

func (l *listener) Close() error { return l.ps.Close() }

func storedInField(ctx context.Context, rdb *redis.Client) *listener {
	l := &listener{}
	l.ps = rdb.Subscribe(ctx, "a")
	return l
}

func storedInLiteral(ctx context.Context, rdb *redis.Client) *listener {
	return &listener{ps: rdb.Subscribe(ctx, "a")}
}

var global *redis.PubSub

func storedInGlobal(ctx context.Context, rdb *redis.Client) {
	global = rdb.Subscribe(ctx, "a")
}

func storedInMap(ctx context.Context, rdb *redis.Client, m map[string]*redis.PubSub) {
	m["a"] = rdb.Subscribe(ctx, "a")
}

func appended(ctx context.Context, rdb *redis.Client, channels []string) []*redis.PubSub {
	var all []*redis.PubSub
	for _, ch := range channels {
		all = append(all, rdb.Subscribe(ctx, ch))
	}
	return all
}

func throughPointer(ctx context.Context, rdb *redis.Client, out **redis.PubSub) {
	*out = rdb.Subscribe(ctx, "a")
}

func sent(ctx context.Context, rdb *redis.Client, ch chan<- *redis.PubSub) {
	ch <- rdb.Subscribe(ctx, "a")
}

func sentInSelect(ctx context.Context, rdb *redis.Client, ch chan<- *redis.PubSub) {
	ps := rdb.Subscribe(ctx, "a")
	select {
	case ch <- ps:
	case <-ctx.Done():
		ps.Close()
	}
}

func goroutineCloses(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	go func() {
		defer ps.Close()
		for msg := range ps.Channel() {
			handle(msg)
		}
	}()
}

func goroutineCallsClose(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	go ps.Close()
}

func cleanup(t *testing.T, rdb *redis.Client) {
	ps := rdb.Subscribe(context.Background(), "a")
	t.Cleanup(func() { ps.Close() })
}

func cleanupTB(tb testing.TB, rdb *redis.Client) {
	ps := rdb.Subscribe(context.Background(), "a")
	tb.Cleanup(func() { _ = ps.Close() })
}

func closePubSub(ps *redis.PubSub) {
	if err := ps.Close(); err != nil {
		log.Print(err)
	}
}

func helperCloses(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	defer closePubSub(ps)
}

func closeQuietly(c io.Closer) { _ = c.Close() }

func closerHelper(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	_, _ = ps.Receive(ctx)
	closeQuietly(ps)
}

var registry struct {
	sync.Mutex
	all []io.Closer
}

func keep(c io.Closer) {
	registry.Lock()
	defer registry.Unlock()
	registry.all = append(registry.all, c)
}

func helperKeeps(ctx context.Context, rdb *redis.Client) {
	keep(rdb.Subscribe(ctx, "a"))
}

func unknownCallee(ctx context.Context, rdb *redis.Client, register func(*redis.PubSub)) {
	register(rdb.Subscribe(ctx, "a"))
}

func fatalPath(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	if _, err := ps.Receive(ctx); err != nil {
		log.Fatalf("subscribe: %v", err)
	}
	defer ps.Close()
}

func exitPath(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	if _, err := ps.Receive(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer ps.Close()
}

func panicPath(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	if _, err := ps.Receive(ctx); err != nil {
		panic(err)
	}
	ps.Close()
}

func die(err error) {
	log.Print(err)
	os.Exit(2)
}

func localNoReturnHelper(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	if _, err := ps.Receive(ctx); err != nil {
		die(err)
	}
	ps.Close()
}

func testFatal(t *testing.T, rdb *redis.Client) {
	ps := rdb.Subscribe(context.Background(), "a")
	if _, err := ps.Receive(context.Background()); err != nil {
		t.Fatal(err)
	}
	ps.Close()
}

func loopClosesEachIteration(ctx context.Context, rdb *redis.Client, channels []string) {
	for _, ch := range channels {
		ps := rdb.Subscribe(ctx, ch)
		_, _ = ps.Receive(ctx)
		ps.Close()
	}
}

func loopBodyFunction(ctx context.Context, rdb *redis.Client, channels []string) {
	for _, ch := range channels {
		func() {
			ps := rdb.Subscribe(ctx, ch)
			defer ps.Close()
			_, _ = ps.Receive(ctx)
		}()
	}
}

func rangeOverInt(ctx context.Context, rdb *redis.Client) {
	for i := range 3 {
		ps := rdb.Subscribe(ctx, fmt.Sprint(i))
		ps.Close()
	}
}

func foreverListener(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	for {
		msg, err := ps.ReceiveMessage(ctx)
		if err != nil {
			continue
		}
		handle(msg)
	}
}

func switchAllClose(ctx context.Context, rdb *redis.Client, mode int) {
	ps := rdb.Subscribe(ctx, "a")
	switch mode {
	case 0:
		ps.Close()
	default:
		defer ps.Close()
	}
}

func v8Deferred(ctx context.Context, rdb *redisv8.Client) {
	ps := rdb.Subscribe(ctx, "a")
	defer ps.Close()
}

func asCloser(ctx context.Context, rdb *redis.Client) {
	var c io.Closer = rdb.Subscribe(ctx, "a")
	defer c.Close()
}

func generic[T io.Closer](x T) T { return x }

func throughGeneric(ctx context.Context, rdb *redis.Client) {
	ps := generic(rdb.Subscribe(ctx, "a"))
	defer ps.Close()
}

func closeAll[T io.Closer](xs ...T) {
	for _, x := range xs {
		x.Close()
	}
}

func genericCloser(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	closeAll(ps)
}

type lookalike struct{}

func (lookalike) Subscribe(ctx context.Context, channels ...string) *lookalike { return nil }
func (*lookalike) Close() error                                                { return nil }

func lookalikeNotReported(ctx context.Context) {
	var l lookalike
	l.Subscribe(ctx, "a")
}

// A PubSub method with the same name creates nothing.
func pubsubResubscribe(ctx context.Context, ps *redis.PubSub) error {
	return ps.Subscribe(ctx, "more")
}

func closeInGoroutineOnShutdown(ctx context.Context, rdb *redis.Client, stop <-chan struct{}) {
	ps := rdb.Subscribe(ctx, "a")
	go func() {
		<-stop
		ps.Close()
	}()
	for msg := range ps.Channel() {
		handle(msg)
	}
}

func immediateLiteral(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	func() { ps.Close() }()
}

func returnedThroughInterface(ctx context.Context, rdb *redis.Client) io.Closer {
	return rdb.Subscribe(ctx, "a")
}

func wrapperReturns(ctx context.Context, rdb *redis.Client) *redis.PubSub {
	return returned(ctx, rdb)
}

func wrapperClosed(ctx context.Context, rdb *redis.Client) {
	ps := returned(ctx, rdb)
	defer ps.Close()
}

func nilCheckedClose(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	_, _ = ps.Receive(ctx)
	if ps != nil {
		ps.Close()
	}
}

func lazyInLoop(ctx context.Context, rdb *redis.Client, stop <-chan struct{}) {
	var ps *redis.PubSub
	for {
		select {
		case <-stop:
			if ps != nil {
				ps.Close()
			}
			return
		default:
		}
		if ps == nil {
			ps = rdb.Subscribe(ctx, "a")
		}
		if _, err := ps.ReceiveMessage(ctx); err != nil {
			ps.Close()
			ps = nil
		}
	}
}

func closeIfOpen(ps *redis.PubSub) {
	if ps != nil {
		ps.Close()
	}
}

func nilSafeHelper(ctx context.Context, rdb *redis.Client) {
	ps := rdb.Subscribe(ctx, "a")
	_, _ = ps.Receive(ctx)
	closeIfOpen(ps)
}
