package leakcheck

import (
	"reflect"
	"testing"
)

func TestParseGoroutines(t *testing.T) {
	dump := `goroutine 7 [running]:
main.main()
	/src/main.go:8 +0x25

goroutine 35 [IO wait, 2 minutes]:
internal/poll.runtime_pollWait(0x7f, 0x72)
	/usr/local/go/src/runtime/netpoll.go:351 +0x85
github.com/redis/go-redis/v9/internal/proto.(*Reader).PeekReplyType(0xc000123400)
	/mod/github.com/redis/go-redis/v9@v9.23.0/internal/proto/reader.go:95 +0x2e
...additional frames elided...
created by github.com/redis/go-redis/v9.(*channel).initMsgChan in goroutine 34
	/mod/github.com/redis/go-redis/v9@v9.23.0/pubsub.go:753 +0x1a5
`
	got := parseGoroutines(dump)
	want := []goroutine{
		{id: 7, state: "running", frames: []stackFrame{{fn: "main.main", site: "main.go:8"}}},
		{id: 35, parent: 34, state: "IO wait, 2 minutes",
			frames: []stackFrame{
				{fn: "internal/poll.runtime_pollWait", site: "netpoll.go:351"},
				{fn: "github.com/redis/go-redis/v9/internal/proto.(*Reader).PeekReplyType", site: "reader.go:95"},
				{fn: "...additional frames elided..."},
			},
			createdBy: stackFrame{fn: "github.com/redis/go-redis/v9.(*channel).initMsgChan", site: "pubsub.go:753"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseGoroutines:\n got %+v\nwant %+v", got, want)
	}
	if !got[1].runsIn(pathV9) || got[0].runsIn(pathV9) {
		t.Errorf("runsIn(%s) is wrong", pathV9)
	}
	if d := got[1].describe(pathV9); d != "goroutine 35 [IO wait, 2 minutes] in proto.(*Reader).PeekReplyType (reader.go:95), started by v9.(*channel).initMsgChan at pubsub.go:753" {
		t.Errorf("describe = %q", d)
	}
}

func TestNotUser(t *testing.T) {
	for fn, want := range map[string]bool{
		"runtime.gopark":         true,
		"net/http.(*conn).serve": true,
		"testing.tRunner":        true,
		"github.com/redis/go-redis/v9.(*Client).Subscribe":    true,
		"github.com/redis/go-redis/extra/redisotel/v9.dial":   true,
		"github.com/redis/rueidis.(*pipe).Do":                 true,
		"github.com/gomodule/redigo/redis.(*Pool).Get":        true,
		"github.com/redisvet/redisvet/leakcheck.Client":       true,
		"github.com/redisvet/redisvet/leakcheck_test.TestX":   false,
		"github.com/redis/rueidisx.F":                         false,
		"main.main":                                           false,
		"example.com/app/cache.(*Cache).Get":                  false,
		"github.com/go-redis/redis/v8/internal/pool.(*P).Get": true,
	} {
		if got := notUser(fn); got != want {
			t.Errorf("notUser(%q) = %v, want %v", fn, got, want)
		}
	}
}
