package clientclose

import (
	"context"
	"errors"
	"strings"

	"github.com/redis/go-redis/v9"
)

// A client that was never used on a path holds no connection there: the
// pool dials at the first command.

func fromURL(url string) (*redis.Client, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, err
	}
	return redis.NewClient(opt), nil
}

// validateURL builds a client only to check the configuration.
func validateURL(url string) error {
	if _, err := fromURL(url); err != nil {
		return err
	}
	return nil
}

func unusedOnConfigError(ctx context.Context, addr, prefix string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	if prefix == "" {
		return errors.New("no key prefix")
	}
	defer rdb.Close()
	return rdb.Set(ctx, prefix+"ready", 1, 0).Err()
}

func neverUsed(addr string) {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	_ = rdb
}

// reconnect copies a new client into the live one, which owns it now.
func reconnect(live *redis.Client, opt *redis.Options) {
	*live = *redis.NewClient(opt)
}

func usedThenLeakedOnConfigError(ctx context.Context, addr, prefix string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `the \*redis.Client from redis.NewClient is not closed when this function returns at line \d+`
	if err := rdb.Ping(ctx).Err(); err != nil || prefix == "" {
		return errors.New("not ready")
	}
	defer rdb.Close()
	return rdb.Set(ctx, prefix+"ready", 1, 0).Err()
}

// warmUnused asks for idle connections, which the pool dials at once.
func warmUnused(addr, prefix string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr, MinIdleConns: 2}) // want `the \*redis.Client from redis.NewClient is not closed when this function returns at line \d+`
	if prefix == "" {
		return errors.New("no key prefix")
	}
	return rdb.Close()
}

// droppedOnPingError returns nil in its place when the ping fails, after a
// defer: the join is a drop, reported at the exit.
func droppedOnPingError(ctx context.Context, addr string) (*redis.Client, error) {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `the \*redis.Client from redis.NewClient is not closed when this function returns at line \d+: .*; close it on that path too`
	pingCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := rdb.Ping(pingCtx).Err(); err != nil {
		return nil, nil
	}
	return rdb, nil
}

// fromURLs parses its addresses in a range-over-func loop, whose body may
// return: the loop body sets the results, it does not use the client.
func fromURLs(urls string) (redis.UniversalClient, error) {
	var addrs []string
	for addr := range strings.SplitSeq(urls, ",") {
		if addr == "" {
			return nil, errors.New("empty address")
		}
		addrs = append(addrs, addr)
	}
	return redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs}), nil
}

func validateURLs(urls string) error {
	if _, err := fromURLs(urls); err != nil {
		return err
	}
	return nil
}

func unusedOnPrefixError(ctx context.Context, urls, prefix string) error {
	rdb, err := fromURLs(urls)
	if err != nil {
		return err
	}
	if prefix == "" {
		return errors.New("no key prefix")
	}
	defer rdb.Close()
	return rdb.Ping(ctx).Err()
}

// pingedInRangeFunc uses the client inside the loop body: it holds a
// connection from then on.
func pingedInRangeFunc(ctx context.Context, addr, keys string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `the \*redis.Client from redis.NewClient is not closed when this function returns at line \d+`
	for k := range strings.SplitSeq(keys, ",") {
		if err := rdb.Get(ctx, k).Err(); err != nil {
			return err
		}
	}
	return rdb.Close()
}
