// Package redistest runs a private redis-server for tests: Debian's
// redis-server binary, on a free loopback port, with no persistence, in a
// temporary directory, stopped when the tests end. Tests never talk to a
// fixed port or to any other host.
package redistest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Server is a running redis-server.
type Server struct {
	Addr   string // host:port on 127.0.0.1
	cmd    *exec.Cmd
	exited chan error
	dir    string
}

// ErrNotInstalled says which package provides the server.
var ErrNotInstalled = errors.New("redis-server is not installed: install the Debian package redis-server (apt-get install redis-server)")

// Start starts a server and waits until it answers PING.
func Start() (*Server, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, ErrNotInstalled
	}
	var lastErr error
	// A free port can be taken between choosing it and the server binding
	// it: try a few.
	for range 3 {
		s, err := start(bin)
		if err == nil {
			return s, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func start(bin string) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "redistest")
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin,
		"--bind", "127.0.0.1", "--port", strconv.Itoa(port),
		"--save", "", "--appendonly", "no", "--dir", dir,
		"--daemonize", "no", "--protected-mode", "yes",
		"--maxclients", "10000", "--loglevel", "warning")
	out, err := os.Create(dir + "/server.log")
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		out.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	out.Close()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	s := &Server{Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), cmd: cmd, exited: exited, dir: dir}
	deadline := time.After(10 * time.Second)
	for {
		if _, err := s.Do("PING"); err == nil {
			return s, nil
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(dir + "/server.log")
			os.RemoveAll(dir)
			return nil, fmt.Errorf("redis-server on port %d exited (%v): %s", port, err, strings.TrimSpace(string(log)))
		case <-deadline:
			s.Stop()
			return nil, fmt.Errorf("redis-server on port %d did not answer PING within 10s", port)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Stop kills the server, waits for it to exit and removes its directory.
func (s *Server) Stop() {
	_ = s.cmd.Process.Kill()
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
	}
	_ = os.RemoveAll(s.dir)
}

// Do sends one command on a connection of its own and returns the reply
// as text (a bulk or simple string, or an integer), so that the tests can
// watch the server without a client library.
func (s *Server) Do(args ...string) (string, error) {
	c, err := net.DialTimeout("tcp", s.Addr, time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := c.Write([]byte(b.String())); err != nil {
		return "", err
	}
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimSuffix(line, "\r\n")
	switch {
	case line == "":
		return "", errors.New("empty reply")
	case line[0] == '+', line[0] == ':':
		return line[1:], nil
	case line[0] == '-':
		return "", errors.New(line[1:])
	case line[0] == '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return "", err
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", err
		}
		return string(buf[:n]), nil
	}
	return "", fmt.Errorf("unexpected reply %q", line)
}

// Info returns one field of INFO, such as "connected_clients".
func (s *Server) Info(field string) (string, error) {
	out, err := s.Do("INFO", "everything")
	if err != nil {
		return "", err
	}
	for line := range strings.SplitSeq(out, "\r\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			return v, nil
		}
	}
	return "", fmt.Errorf("INFO has no field %s", field)
}

// ConnectedClients is the number of client connections the server holds,
// not counting the one that asks.
func (s *Server) ConnectedClients() (int, error) {
	v, err := s.Info("connected_clients")
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	return n - 1, err
}

// Main starts a server for a test package, stores it in *srv, runs the
// tests and stops it: call it from TestMain. Without redis-server the
// package fails with one line naming the package to install.
func Main(m *testing.M, srv **Server) int {
	s, err := Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, "redistest:", err)
		return 1
	}
	*srv = s
	defer s.Stop()
	return m.Run()
}
