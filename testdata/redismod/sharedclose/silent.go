package sharedclose

import (
	"context"
	"errors"
	"net/http"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Close is the owner's shutdown method.
func (s *Server) Close() error { return s.rdb.Close() }

// Shutdown closes the pool in a handler whose job is to stop the process.
func (s *Server) handleShutdown(w http.ResponseWriter, r *http.Request) {
	_ = s.rdb.Close()
	os.Exit(0)
}

func shutdownHandler(w http.ResponseWriter, r *http.Request) {
	_ = shared.Close()
}

// perRequest builds and closes its own client (clientchurn's concern).
func perRequest(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{})
	defer rdb.Close()
	_ = rdb.Ping(r.Context()).Err()
}

// perRequestAsync closes, in a goroutine, the client its request built.
func perRequestAsync(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{})
	go func() {
		defer rdb.Close()
		_ = rdb.Ping(context.Background()).Err()
	}()
}

// reload replaces the server's client: closing the old one is right.
func (s *Server) handleReload(w http.ResponseWriter, r *http.Request) {
	old := s.rdb
	s.rdb = redis.NewClient(&redis.Options{})
	_ = old.Close()
}

// closeClient closes what it is given.
func closeClient(rdb *redis.Client) {
	_ = rdb.Close()
}

// connectChecked closes on the error path and hands the client back on
// success.
func connectChecked(ctx context.Context, addr string) (*redis.Client, error) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, err
	}
	return rdb, nil
}

// connectDeferred closes in a defer only when it fails.
func connectDeferred(ctx context.Context, addr string) (rdb *redis.Client, err error) {
	rdb = redis.NewClient(&redis.Options{Addr: addr})
	defer func() {
		if err != nil {
			_ = rdb.Close()
		}
	}()
	err = rdb.Ping(ctx).Err()
	return rdb, err
}

// attachChecked stores the client only when it answers.
func (s *Store) attachChecked(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		return err
	}
	s.rdb = rdb
	return nil
}

// useOwn closes its own client after the last use.
func useOwn(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	return rdb.Ping(ctx).Err()
}

// reconnectLoop closes a broken client and builds another before the next
// iteration uses it.
func reconnectLoop(ctx context.Context, addr string, n int) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	for i := 0; i < n; i++ {
		if err := rdb.Ping(ctx).Err(); err != nil {
			_ = rdb.Close()
			rdb = redis.NewClient(&redis.Options{Addr: addr})
		}
	}
	_ = rdb.Close()
}

// reconnectField does the same through a method that replaces the field.
func (s *Store) reconnectField(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		if err := s.rdb.Ping(ctx).Err(); err != nil {
			_ = s.rdb.Close()
			s.reset()
		}
	}
}

func (s *Store) reset() { s.rdb = redis.NewClient(&redis.Options{}) }

// quitOnMessage closes the client and leaves the loop.
func quitOnMessage(ctx context.Context, rdb *redis.Client, msgs <-chan string) {
	for m := range msgs {
		if m == "quit" {
			_ = rdb.Close()
			return
		}
		rdb.Publish(ctx, "echo", m)
	}
}

// closeAll closes every client of a slice it owns.
func closeAll(clients []*redis.Client) error {
	var errs []error
	for _, c := range clients {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// TestWithClient closes the client the test built.
func TestWithClient(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{})
	t.Cleanup(func() { _ = rdb.Close() })
	rdb.Ping(context.Background())
}

// newTestClient registers the release and returns the client.
func newTestClient(tb testing.TB) *redis.Client {
	rdb := redis.NewClient(&redis.Options{})
	tb.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// closeTwice closes again in a defer: the second Close only returns an
// error.
func closeTwice(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return err
	}
	return rdb.Close()
}

// otherClient closes a clone's parent, which it created.
func otherClient(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	return rdb.WithTimeout(0).Ping(ctx).Err()
}
