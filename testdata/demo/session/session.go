// Package session stores chat sessions in Redis. Commands that rely on
// per-connection state (CLIENT SETNAME, SELECT) run on a dedicated
// *redis.Conn taken from the client's pool.
package session

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// TTL is how long an idle session is kept.
const TTL = 30 * time.Minute

func key(id string) string { return "session:" + id }

// Touch renews a session on a named connection, so that CLIENT LIST shows
// which instance keeps it alive.
//
// Bug: when CLIENT SETNAME fails, Touch returns without closing cn, and
// the pooled connection is never given back.
func Touch(ctx context.Context, rdb *redis.Client, id, instance string) error {
	cn := rdb.Conn()
	if err := cn.ClientSetName(ctx, "chat-"+instance).Err(); err != nil {
		return fmt.Errorf("session: name connection: %w", err)
	}
	err := cn.Expire(ctx, key(id), TTL).Err()
	if cerr := cn.Close(); err == nil {
		err = cerr
	}
	return err
}

// Load returns the fields of a session, reading from a logical database on
// a dedicated connection. The Conn is closed by a defer: correct.
func Load(ctx context.Context, rdb *redis.Client, db int, id string) (map[string]string, error) {
	cn := rdb.Conn()
	defer cn.Close()
	if err := cn.Select(ctx, db).Err(); err != nil {
		return nil, err
	}
	return cn.HGetAll(ctx, key(id)).Result()
}

// Save writes a session and sets its expiry in one MULTI/EXEC transaction.
// TxPipelined executes the pipeline itself: correct.
func Save(ctx context.Context, rdb *redis.Client, id string, fields map[string]string) error {
	_, err := rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.HSet(ctx, key(id), fields)
		pipe.Expire(ctx, key(id), TTL)
		return nil
	})
	return err
}

// CheckDatabases verifies that every logical database the service uses
// answers on a dedicated connection.
//
// Bug: defer runs when CheckDatabases returns, not at the end of each
// iteration: every Conn holds a pooled connection until then.
func CheckDatabases(ctx context.Context, rdb *redis.Client, dbs []int) error {
	for _, db := range dbs {
		cn := rdb.Conn()
		defer cn.Close()
		if err := cn.Select(ctx, db).Err(); err != nil {
			return fmt.Errorf("session: database %d: %w", db, err)
		}
		if err := cn.Ping(ctx).Err(); err != nil {
			return fmt.Errorf("session: database %d: %w", db, err)
		}
	}
	return nil
}
