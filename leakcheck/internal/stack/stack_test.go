package stack

import "testing"

func TestNotUser(t *testing.T) {
	for fn, want := range map[string]bool{
		"runtime.gopark":         true,
		"net/http.(*conn).serve": true,
		"testing.tRunner":        true,
		"github.com/redis/go-redis/v9.(*Client).Subscribe":                       true,
		"github.com/redis/go-redis/extra/redisotel/v9.dial":                      true,
		"github.com/redis/rueidis.(*pipe).Do":                                    true,
		"github.com/gomodule/redigo/redis.(*Pool).Get":                           true,
		"github.com/redisvet/redisvet/leakcheck.Client":                          true,
		"github.com/redisvet/redisvet/leakcheck/goredisv8check.Client":           true,
		"github.com/redisvet/redisvet/leakcheck/rueidischeck.Options.func1":      true,
		"github.com/redisvet/redisvet/leakcheck/internal/conns.(*netConn).Write": true,
		"github.com/redisvet/redisvet/leakcheck/internal/faketb.Must":            true,
		"github.com/redisvet/redisvet/leakcheck_test.TestX":                      false,
		"github.com/redisvet/redisvet/leakcheck/redigocheck_test.TestPool.func1": false,
		"github.com/redisvet/redisvet/leakcheck/rueidischeck_test.newRueidis":    false,
		"github.com/redisvet/redisvet/leakcheckx.F":                              false,
		"github.com/redis/rueidisx.F":                                            false,
		"main.main":                                                              false,
		"example.com/app/cache.(*Cache).Get":                                     false,
		"github.com/go-redis/redis/v8/internal/pool.(*P).Get":                    true,
	} {
		if got := notUser(fn); got != want {
			t.Errorf("notUser(%q) = %v, want %v", fn, got, want)
		}
	}
}
