/*
Package sharedclose defines an Analyzer that reports Close calls on
go-redis clients that the function does not own.

# Analyzer sharedclose

sharedclose: report closing a client the function does not own

A go-redis client is a connection pool shared by everything that uses it.
Closing it is its owner's job, once, at shutdown; after Close every
command on it fails with "redis: client is closed". The check reports a
Close call (direct or deferred):

  - on a borrowed client: a WithTimeout clone (it shares its parent's
    pool, so closing it closes the parent), the node client a
    ForEachShard, ForEachMaster or ForEachSlave callback receives, a
    client from MasterForKey, SlaveForKey or (*Ring).GetShardClients;
  - on a client the function also returns or stores for later on the
    same path: defer rdb.Close() in a setup function that hands rdb
    back. Closing it on the paths that return an error, and handing it
    over on the others, is correct and not reported;
  - on a client that is used again after the Close on some path, also on
    the next iteration of a loop that closes the client it uses;
  - inside a request handler (net/http, gin, echo, fiber, gRPC, and the
    types -sharedclose.handlers names), on a client the handler does not
    create: a parameter, a package-level variable, a field or a variable
    of the enclosing function. The first request closes the pool that
    every other request shares.

Functions whose name says their job is shutdown (Close, Shutdown, Stop,
closeAll, ...), helpers that close the client they are given, and
functions that replace the client they close (a reconnect) are not
reported by the handler rule.

Bad:

	func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
		defer s.rdb.Close()
		v, err := s.rdb.Get(r.Context(), r.URL.Path).Result()
		...
	}

	func connect(ctx context.Context, addr string) (*redis.Client, error) {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		defer rdb.Close()
		return rdb, rdb.Ping(ctx).Err()
	}

Good:

	func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
		v, err := s.rdb.Get(r.Context(), r.URL.Path).Result()
		...
	}

	func connect(ctx context.Context, addr string) (*redis.Client, error) {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		if err := rdb.Ping(ctx).Err(); err != nil {
			_ = rdb.Close()
			return nil, err
		}
		return rdb, nil
	}

For the borrowed and handler rules, the suggested fix removes the Close
statement.

# Other libraries

The same rules cover redigo pools and conns (a conn used after Close, or
closed by a defer in a function that returns it; a pool closed in a
handler; the conn that a Pool lends to TestOnBorrow, which the pool closes
itself when the test fails), and rueidis and valkey-go clients (the
clients that Nodes() returns share their parent's connections, and a
Locker's Client() is the locker's own).

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore sharedclose the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package sharedclose
