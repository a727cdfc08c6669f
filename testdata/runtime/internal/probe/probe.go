// Package probe is what the run-time programs share: the -addr flag, a
// watchdog that bounds every run, the server's own view of its clients
// (read over a raw connection, so that the probe is no client of the
// library under test) and the one JSON line each program prints.
package probe

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Report is what a program measured. Fields a program does not measure
// stay zero; the test reads the ones its claim needs.
type Report struct {
	Ops         int     `json:"ops"`          // operations tried
	Errors      int     `json:"errors"`       // operations that failed
	FirstError  string  `json:"first_error"`  // the first failure's error text
	FirstFailed int     `json:"first_failed"` // which operation failed first (1-based)
	WaitedMs    int64   `json:"waited_ms"`    // how long that operation waited before failing
	Blocked     int     `json:"blocked"`      // operations still blocked when their timeout ran out
	CheckedOut  int     `json:"checked_out"`  // pool connections in use at the end
	ServerConns int     `json:"server_conns"` // connections the server holds for the program at the end
	Dials       int     `json:"dials"`        // connections the server accepted during the run
	Goroutines  int     `json:"goroutines"`   // goroutines added by the run, still running at the end
	PerOpUs     float64 `json:"per_op_us"`    // wall time per operation, microseconds
	Written     int     `json:"written"`      // values the server holds at the end
	Want        int     `json:"want"`         // values it should hold
	Empty       int     `json:"empty"`        // results left empty
	Retries     int     `json:"retries"`      // transactions retried after a conflict
}

// Start parses -addr and arms a watchdog: no run outlives limit, even if
// the library blocks forever.
func Start(limit time.Duration) string {
	addr := flag.String("addr", "", "redis-server address (host:port)")
	flag.Parse()
	if *addr == "" {
		fmt.Fprintln(os.Stderr, "usage: -addr host:port")
		os.Exit(2)
	}
	time.AfterFunc(limit, func() {
		fmt.Fprintf(os.Stderr, "watchdog: the run took more than %v\n", limit)
		os.Exit(3)
	})
	return *addr
}

// Print writes r as one JSON line.
func Print(r Report) {
	b, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
}

// Fail records one failed operation; the first one is kept.
func (r *Report) Fail(op int, err error, waited time.Duration) {
	r.Errors++
	if r.FirstError == "" {
		r.FirstError, r.FirstFailed, r.WaitedMs = err.Error(), op, waited.Milliseconds()
	}
}

// Server is the server's view of the program, taken before the run so
// that the counts after it are the run's own.
type Server struct {
	addr       string
	clients    int
	dials      int
	goroutines int
	samples    int // connections the probe made since Watch's
}

// Watch records the server's client counts and the goroutine count now.
func Watch(addr string) *Server {
	s := &Server{addr: addr, goroutines: runtime.NumGoroutine()}
	s.clients, s.dials = s.counts()
	s.samples = 0
	return s
}

// Fill stores what changed since Watch in r, once connections being
// closed and goroutines exiting are done: when the counts have held still
// for three samples 50ms apart (at most two seconds).
func (s *Server) Fill(r *Report) {
	clients, dials := s.counts()
	goroutines := runtime.NumGoroutine()
	for still, deadline := 0, time.Now().Add(2*time.Second); still < 3 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		c, d := s.counts()
		g := runtime.NumGoroutine()
		if c == clients && g == goroutines {
			still++
		} else {
			still = 0
		}
		clients, dials, goroutines = c, d, g
	}
	r.ServerConns = clients - s.clients
	r.Goroutines = goroutines - s.goroutines
	// Leave out the probe's own connections: the one of each sample.
	r.Dials = dials - s.dials - s.samples
}

func (s *Server) counts() (clients, dials int) {
	s.samples++
	info, err := Command(s.addr, "INFO", "everything")
	if err != nil {
		fmt.Fprintln(os.Stderr, "probe:", err)
		os.Exit(2)
	}
	// The probe's own connection is counted too: leave it out.
	return field(info, "connected_clients") - 1, field(info, "total_connections_received")
}

func field(info, name string) int {
	for line := range strings.SplitSeq(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, name+":"); ok {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
}

// Command sends one command on a connection of its own and returns a bulk,
// simple-string or integer reply as text.
func Command(addr string, args ...string) (string, error) {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := io.WriteString(c, b.String()); err != nil {
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
		return "", fmt.Errorf("empty reply")
	case line[0] == '+' || line[0] == ':':
		return line[1:], nil
	case line[0] == '-':
		return "", fmt.Errorf("%s", line[1:])
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

// PrintJSON writes v, a struct of reports, as one JSON line.
func PrintJSON(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
}
