package redistest_test

import (
	"errors"
	"os"
	"testing"

	"github.com/redisvet/redisvet/internal/redistest"
)

var server *redistest.Server

func TestMain(m *testing.M) { os.Exit(redistest.Main(m, &server)) }

// The server answers commands and counts the connections its clients hold.
func TestServer(t *testing.T) {
	if got, err := server.Do("SET", "k", "v"); err != nil || got != "OK" {
		t.Fatalf("SET: %q, %v", got, err)
	}
	if got, err := server.Do("GET", "k"); err != nil || got != "v" {
		t.Fatalf("GET: %q, %v", got, err)
	}
	n, err := server.ConnectedClients()
	if err != nil || n != 0 {
		t.Fatalf("ConnectedClients = %d, %v; want 0", n, err)
	}
}

// Without redis-server on PATH the error names the package to install.
func TestNotInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := redistest.Start(); !errors.Is(err, redistest.ErrNotInstalled) {
		t.Fatalf("Start() = %v, want ErrNotInstalled", err)
	}
}
