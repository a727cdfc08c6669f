package conns

import (
	"net"
	"runtime"
	"strings"
	"testing"
	"time"
)

// IsIO knows the wrapper's Read and Write by the names stacks give them:
// a goroutine blocked in each shows its name.
func TestIsIO(t *testing.T) {
	var s Set
	a, b := net.Pipe()
	defer b.Close()
	w := s.Wrap(a, KindPool, "", "")
	defer w.Close()
	go func() { _, _ = w.Read(make([]byte, 1)) }()
	go func() { _, _ = w.Write([]byte("x")) }()
	for _, fn := range []string{readFunc, writeFunc} {
		if !IsIO(fn) {
			t.Errorf("IsIO(%q) = false", fn)
		}
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(dump(), "\n"+fn+"(") {
			if time.Now().After(deadline) {
				t.Fatalf("no goroutine in %s:\n%s", fn, dump())
			}
			time.Sleep(time.Millisecond)
		}
	}
	if IsIO("net.(*pipe).Read") {
		t.Errorf("IsIO(net.(*pipe).Read) = true")
	}
	if c := s.All(); len(c) != 1 || c[0].Kind != KindPool || c[0].IsClosed() {
		t.Errorf("All() = %+v, want one open pool connection", c)
	}
}

func dump() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}
