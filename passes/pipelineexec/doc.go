/*
Package pipelineexec defines an Analyzer that reports go-redis pipelines
whose queued commands are never executed.

# Analyzer pipelineexec

pipelineexec: report pipelines with queued commands that are never executed

Pipeline() and TxPipeline() (on a client, a Conn or a Tx) return a
Pipeliner that only buffers commands: nothing reaches Redis until Exec.
Commands queued on a pipeline that is never executed are silently dropped,
and the results read from them are empty.

The check reports, at the Pipeline() or TxPipeline() call, a pipeline on
which at least one command is queued and that is executed (Exec),
discarded on purpose (Discard, and v8's Close) or handed off (returned,
stored, sent, passed to a function that keeps or executes it) on no path
after the queueing. A deferred Exec counts wherever it is written: it runs
at function exit, after the commands are queued. A pipeline with nothing
queued is not reported, and pipelines inside Pipelined / TxPipelined
callbacks never are: the library executes those.

The rule is deliberately "on no path": a function that returns early on
an error between queueing and Exec drops its commands on purpose. One
shape is reported although Exec runs: a pipeline queued in a loop body
and executed only inside that loop, conditionally (every N commands),
with no Exec, Discard or hand-off after the loop: the commands queued
after the last Exec, the last partial batch, are silently dropped.

Bad:

	func warm(ctx context.Context, rdb *redis.Client, keys []string) {
		pipe := rdb.Pipeline()
		for _, k := range keys {
			pipe.Get(ctx, k)
		}
		// forgot pipe.Exec(ctx): no command is ever sent
	}

Good:

	func warm(ctx context.Context, rdb *redis.Client, keys []string) error {
		pipe := rdb.Pipeline()
		for _, k := range keys {
			pipe.Get(ctx, k)
		}
		_, err := pipe.Exec(ctx)
		return err
	}

Or let the library execute it: rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error { ... }).

There is no suggested fix: only the author knows where the queued commands
should run. Add pipe.Exec(ctx) after the last command is queued, or move
the commands into a Pipelined callback.

# Suppressing a finding

Fix the code where you can. Where a finding does not apply, say why in a
directive on the reported line or the line above:

	//redisvet:ignore pipelineexec the reason it does not apply here

A directive without a reason, and one that suppresses nothing, are
reported. Under golangci-lint, //nolint:redisvet works as usual.
*/
package pipelineexec
