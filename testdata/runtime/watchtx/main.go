// Command watchtx increments one counter from concurrent writers in a
// WATCH transaction whose MULTI/EXEC goes through the watched client
// instead of the transaction (watchtx): it runs on another connection,
// which watches nothing, so writers overwrite each other's increments.
package main

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/runtime/internal/probe"
)

const (
	writers    = 4
	increments = 25
	// retries bounds the attempts of one increment that conflicts.
	retries = 1000
)

// increment adds one to key in an optimistic transaction.
func increment(ctx context.Context, rdb *redis.Client, key string) error {
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		n, err := tx.Get(ctx, key).Int()
		if err != nil && err != redis.Nil {
			return err
		}
		// The work between the read and the write: it widens the window
		// in which another writer can change the key, so that a run of
		// 100 increments shows what any run risks.
		time.Sleep(time.Millisecond)
		_, err = rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, key, n+1, 0)
			return nil
		})
		return err
	}, key)
}

func main() {
	addr := probe.Start(30 * time.Second)
	rdb := redis.NewClient(&redis.Options{Addr: addr, PoolSize: 2 * writers})
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	key := "watchtx:" + strconv.FormatInt(time.Now().UnixNano(), 10)
	r := probe.Report{Ops: writers * increments, Want: writers * increments}
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := range writers {
		wg.Go(func() {
			for i := range increments {
				var err error = redis.TxFailedErr
				for attempt := 0; attempt < retries && errors.Is(err, redis.TxFailedErr); attempt++ {
					if attempt > 0 {
						mu.Lock()
						r.Retries++
						mu.Unlock()
					}
					err = increment(ctx, rdb, key)
				}
				if err != nil {
					mu.Lock()
					r.Fail(w*increments+i+1, err, 0)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	n, err := rdb.Get(ctx, key).Int()
	if err != nil {
		r.Fail(0, err, 0)
	}
	r.Written = n
	probe.Print(r)
}
