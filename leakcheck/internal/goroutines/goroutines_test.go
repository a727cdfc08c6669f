package goroutines

import (
	"reflect"
	"testing"

	"github.com/redisvet/redisvet/leakcheck/internal/stack"
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
	got := parse(dump)
	want := []Goroutine{
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
		t.Errorf("parse:\n got %+v\nwant %+v", got, want)
	}
	if !got[1].runsIn(stack.PathV9) || got[0].runsIn(stack.PathV9) {
		t.Errorf("runsIn(%s) is wrong", stack.PathV9)
	}
	if d := got[1].Describe(stack.PathV9); d != "goroutine 35 [IO wait, 2 minutes] in proto.(*Reader).PeekReplyType (reader.go:95), started by v9.(*channel).initMsgChan at pubsub.go:753" {
		t.Errorf("Describe = %q", d)
	}
}
