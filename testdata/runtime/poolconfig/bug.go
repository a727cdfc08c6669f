//go:build !fixed

package main

import "github.com/redis/go-redis/v9"

func options(addr string) *redis.Options {
	return &redis.Options{Addr: addr, PoolSize: 10, MaxActiveConns: 2}
}
