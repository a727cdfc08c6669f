// Package rueidischeck is leakcheck for rueidis (github.com/redis/rueidis):
// [Options] fails a test that leaves a rueidis client open, or a
// connection from Dedicate whose cancel function was not called, or a
// goroutine it started running in rueidis. It imports rueidis and no other
// Redis library; for go-redis v9, see
// [github.com/redisvet/redisvet/leakcheck], which documents how the checks
// work.
//
// A built rueidis client has no hook to see its connections through, so
// the check wraps the options the client is built from, through their
// DialCtxFn:
//
//	func TestTransfer(t *testing.T) {
//		client, err := rueidis.NewClient(rueidischeck.Options(t, rueidis.ClientOption{InitAddress: []string{addr}}))
//		if err != nil {
//			t.Fatal(err)
//		}
//		defer client.Close()
//		...
//	}
//
// Only the goroutines on the checked client's connections, and their
// children, count: a client shared by tests starts its pipelines'
// goroutines from whichever test uses it. Nor does the check count
// goroutines whose creator has exited, and rueidis dials its first
// connection from such a goroutine. While the client is open, its idle
// connections and those still lent look alike: the check then reports the
// client open.
package rueidischeck
