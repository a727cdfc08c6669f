// Command redigoget takes a redigo conn per call and never closes it
// (connclose): the pool never gets the conn back, not even after garbage
// collection. Without MaxActive the open connections grow with the calls;
// with MaxActive, Get fails once that many leaked, or with Wait blocks
// for good.
package main

import (
	"runtime"
	"time"

	"github.com/gomodule/redigo/redis"

	"example.com/runtime/internal/probe"
)

const (
	calls     = 7
	maxActive = 5
)

// ping checks the server on a conn of the pool.
func ping(pool *redis.Pool) error {
	c := pool.Get()
	_, err := c.Do("PING")
	return err
}

func newPool(addr string, limit int, wait bool) *redis.Pool {
	return &redis.Pool{
		MaxIdle:   2,
		MaxActive: limit,
		Wait:      wait,
		Dial: func() (redis.Conn, error) {
			return redis.Dial("tcp", addr,
				redis.DialConnectTimeout(time.Second),
				redis.DialReadTimeout(time.Second),
				redis.DialWriteTimeout(time.Second))
		},
	}
}

// Result is the program's output: what each pool measured.
type Result struct {
	Unlimited Pool `json:"unlimited"` // MaxActive 0
	Capped    Pool `json:"capped"`    // MaxActive 5
	Waiting   Pool `json:"waiting"`   // MaxActive 5, Wait
}

// Pool is what one pool measured once the calls returned, and again after
// three garbage collections.
type Pool struct {
	Returned probe.Report `json:"returned"`
	AfterGC  probe.Report `json:"after_gc"`
}

func main() {
	addr := probe.Start(30 * time.Second)
	var res Result

	unlimited := newPool(addr, 0, false)
	defer unlimited.Close()
	res.Unlimited = run(addr, unlimited)

	capped := newPool(addr, maxActive, false)
	defer capped.Close()
	res.Capped = run(addr, capped)

	waiting := newPool(addr, maxActive, true)
	defer waiting.Close()
	res.Waiting = run(addr, waiting)

	probe.PrintJSON(res)
}

// run calls ping calls times on pool, each bounded by half a second:
// with Wait, Get has no timeout of its own.
func run(addr string, pool *redis.Pool) Pool {
	srv := probe.Watch(addr)
	res := Pool{Returned: probe.Report{Ops: calls}}
	r := &res.Returned
	for i := range calls {
		start := time.Now()
		done := make(chan error, 1)
		go func() { done <- ping(pool) }()
		select {
		case err := <-done:
			if err != nil {
				r.Fail(i+1, err, time.Since(start))
			}
		case <-time.After(500 * time.Millisecond):
			r.Blocked++
		}
	}
	srv.Fill(r)
	r.CheckedOut = checkedOut(pool)
	// A dropped conn has no finalizer that gives it back to the pool; the
	// garbage collector may close its socket, not change the pool's count.
	for range 3 {
		runtime.GC()
	}
	srv.Fill(&res.AfterGC)
	res.AfterGC.CheckedOut = checkedOut(pool)
	return res
}

// checkedOut is the number of conns the pool counts as in use: its
// ActiveCount counts the idle ones too.
func checkedOut(pool *redis.Pool) int {
	return pool.ActiveCount() - pool.IdleCount()
}
