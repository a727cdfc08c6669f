// Package constructors uses a constructor named by the constructors flag.
package constructors

import (
	"context"

	"example.com/redismod/constructors/lib"
)

func leaks(ctx context.Context) error {
	rdb, err := lib.Open("localhost:6379") // want `the \*redis.Client from lib.Open is not closed when this function returns at line 15: .*; add defer rdb.Close\(\) once the error is checked`
	if err != nil {
		return err
	}
	return rdb.Ping(ctx).Err()
}

func closes(ctx context.Context) error {
	rdb, err := lib.Open("localhost:6379")
	if err != nil {
		return err
	}
	defer rdb.Close()
	return rdb.Ping(ctx).Err()
}
