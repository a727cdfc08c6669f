/*
Package watchtx defines an Analyzer that reports misuse of go-redis
optimistic transactions: Watch callbacks that bypass their *redis.Tx.

# Analyzer watchtx

watchtx: report Watch transactions whose commands bypass the transaction

Watch(ctx, fn, keys...) (on a client, a cluster client, a ring or the
UniversalClient interface) watches the keys on one connection and passes
fn a *redis.Tx bound to that connection. Only commands sent through the
Tx see the WATCH, and only tx.TxPipelined wraps the writes in MULTI/EXEC,
which fails when a watched key changed. The check reports:

  - inside fn, a command method (a method of Cmdable or StatefulCmdable,
    Pipelined and TxPipelined included; not PoolStats, Options and the
    like) called on the client Watch was called on, the same variable or
    field path, also when fn is a named function or a method value:
    the command runs on another connection, outside the WATCH (even
    rdb.TxPipelined, whose MULTI/EXEC runs on that other connection), so
    the optimistic lock protects nothing and concurrent writers lose
    updates. Reported at that call; the suggested fix calls it on the
    *redis.Tx parameter, and turns rdb.Pipelined into tx.TxPipelined;
  - inside fn, tx.Pipelined(...) instead of tx.TxPipelined(...): the
    commands are not wrapped in MULTI/EXEC. Reported at the call; the fix
    renames it;
  - Watch called with no keys: nothing is watched. Reported at the Watch
    call.

Bad:

	err := rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, key).Int()
		if err != nil && err != redis.Nil {
			return err
		}
		_, err = rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)

Good:

	err := rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, key).Int()
		if err != nil && err != redis.Nil {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)

Commands on other clients, and keys passed with keys... from a slice, are
not reported.

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore watchtx the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package watchtx
