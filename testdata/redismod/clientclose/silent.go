package clientclose

import (
	"context"
	"io"
	"log"
	"os"
	"os/signal"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"
)

var shared = redis.NewClient(&redis.Options{})

var lazy struct {
	once sync.Once
	rdb  *redis.Client
}

func client() *redis.Client {
	lazy.once.Do(func() {
		lazy.rdb = redis.NewClient(&redis.Options{})
	})
	return lazy.rdb
}

func deferred(ctx context.Context) error {
	rdb := redis.NewClient(&redis.Options{})
	defer rdb.Close()
	return rdb.Ping(ctx).Err()
}

func returned(addr string) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: addr})
}

func returnedAsInterface(addrs []string) redis.UniversalClient {
	return redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs})
}

func returnedAfterPing(ctx context.Context, addr string) (*redis.Client, error) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	if err := rdb.Ping(ctx).Err(); err != nil {
		rdb.Close()
		return nil, err
	}
	return rdb, nil
}

// Server owns its client and closes it.
type Server struct {
	rdb *redis.Client
}

func NewServer(addr string) *Server {
	return &Server{rdb: redis.NewClient(&redis.Options{Addr: addr})}
}

func (s *Server) Close() error { return s.rdb.Close() }

// Worker closes its client through a helper.
type Worker struct {
	rdb redis.UniversalClient
}

func NewWorker(addrs []string) *Worker {
	w := &Worker{}
	w.rdb = redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs})
	return w
}

func (w *Worker) Stop() { shutdown(w) }

func shutdown(w *Worker) {
	if err := w.rdb.Close(); err != nil {
		log.Print(err)
	}
}

// Pool gives its client away: whoever takes it may close it.
type Pool struct{ rdb *redis.Client }

func NewPool() *Pool { return &Pool{rdb: redis.NewClient(&redis.Options{})} }

func (p *Pool) Client() *redis.Client { return p.rdb }

// Exported fields may be closed by other packages.
type Public struct{ RDB *redis.Client }

func NewPublic() *Public { return &Public{RDB: redis.NewClient(&redis.Options{})} }

// Closers closes everything it holds.
type Closers struct {
	rdb *redis.Client
}

func NewClosers() *Closers { return &Closers{rdb: redis.NewClient(&redis.Options{})} }

func (c *Closers) Close() error {
	for _, x := range []io.Closer{c.rdb} {
		x.Close()
	}
	return nil
}

func mainLike() {
	rdb := redis.NewClient(&redis.Options{})
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		<-sig
		rdb.Close()
		os.Exit(0)
	}()
	serve(rdb)
}

func serve(rdb *redis.Client) {
	for {
		rdb.Ping(context.Background())
	}
}

func fatal(ctx context.Context) {
	rdb := redis.NewClient(&redis.Options{})
	if err := rdb.Ping(ctx).Err(); err != nil {
		log.Fatal(err)
	}
	defer rdb.Close()
}

func exits(ctx context.Context) {
	rdb := redis.NewClient(&redis.Options{})
	rdb.Ping(ctx)
	os.Exit(0)
}

func cleanup(t *testing.T) *redis.Client {
	rdb := redis.NewClient(&redis.Options{})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func helperCloses(ctx context.Context) {
	rdb := redis.NewClient(&redis.Options{})
	rdb.Ping(ctx)
	closeClient(rdb)
}

func closeClient(c *redis.Client) { _ = c.Close() }

func borrowed(ctx context.Context, rdb *redis.Client) {
	short := rdb.WithTimeout(0)
	short.Ping(ctx)
}

func nodes(ctx context.Context, rdb *redis.ClusterClient) error {
	return rdb.ForEachShard(ctx, func(ctx context.Context, shard *redis.Client) error {
		return shard.Ping(ctx).Err()
	})
}

func master(ctx context.Context, rdb *redis.ClusterClient) error {
	node, err := rdb.MasterForKey(ctx, "k")
	if err != nil {
		return err
	}
	return node.Ping(ctx).Err()
}

func registered(register func(*redis.Client)) {
	register(redis.NewClient(&redis.Options{}))
}

func perShard(addrs []string) map[string]*redis.Client {
	out := map[string]*redis.Client{}
	for _, a := range addrs {
		out[a] = redis.NewClient(&redis.Options{Addr: a})
	}
	return out
}

func goroutineOwns(ctx context.Context) {
	rdb := redis.NewClient(&redis.Options{})
	go func() {
		defer rdb.Close()
		rdb.Ping(ctx)
	}()
}

func useShared(ctx context.Context) {
	shared.Ping(ctx)
	client().Ping(ctx)
}

// Repo is generic and closes its client.
type Repo[T any] struct {
	rdb   *redis.Client
	codec func(T) string
}

func NewRepo[T any](codec func(T) string) *Repo[T] {
	return &Repo[T]{rdb: redis.NewClient(&redis.Options{}), codec: codec}
}

func (r *Repo[T]) Close() error { return r.rdb.Close() }

// HiddenStore hides its implementation behind an interface and closes the
// client.
type HiddenStore interface {
	Put(ctx context.Context, key, value string) error
	Close() error
}

type redisStore struct{ rdb *redis.Client }

func NewHiddenStore(addr string) HiddenStore {
	return &redisStore{rdb: redis.NewClient(&redis.Options{Addr: addr})}
}

func (s *redisStore) Put(ctx context.Context, key, value string) error {
	return s.rdb.Set(ctx, key, value, 0).Err()
}

func (s *redisStore) Close() error { return s.rdb.Close() }

// namedErr is returned as an error only: not an owner type's interface.
type namedErr struct{ rdb *redis.Client }

func (e *namedErr) Error() string { return "redis error" }

func failWith(addr string) error {
	return &namedErr{rdb: redis.NewClient(&redis.Options{Addr: addr})}
}
