// Package sharedcallers closes clients through helpers of another package:
// the helper's summary says it releases what it is given.
package sharedcallers

import (
	"net/http"

	"github.com/redis/go-redis/v9"

	"example.com/redismod/crosspkg/closers"
)

type API struct{ rdb *redis.Client }

// handle closes the shared client through a helper.
func (a *API) handle(w http.ResponseWriter, r *http.Request) {
	_ = a.rdb.Ping(r.Context()).Err()
	closers.CloseQuietly(a.rdb) // want `this HTTP handler closes a.rdb, a field it does not own`
}

// handleMaybe may not close it: nothing is known, nothing reported.
func (a *API) handleMaybe(w http.ResponseWriter, r *http.Request) {
	closers.MaybeClose(a.rdb, r.URL.Query().Has("close"))
}

// Stop closes the client at shutdown.
func (a *API) Stop() {
	closers.CloseLogged("redis", a.rdb)
}

// perRequest closes the client its request built.
func perRequest(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{})
	defer closers.CloseQuietly(rdb)
	_ = rdb.Ping(r.Context()).Err()
}
