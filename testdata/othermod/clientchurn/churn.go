// Package clientchurn holds rueidis clients and redigo pools built per
// iteration or per request.
package clientchurn

import (
	"context"
	"net/http"

	"github.com/gomodule/redigo/redis"
	"github.com/redis/rueidis"
)

var option = rueidis.ClientOption{InitAddress: []string{"127.0.0.1:6379"}}

// Reported.

func perKey(ctx context.Context, keys []string) error {
	for _, k := range keys {
		client, err := rueidis.NewClient(option) // want `the rueidis.Client from rueidis.NewClient is built on every iteration of the loop at line \d+: each one dials its connections at once and starts background goroutines; build one client before the loop and reuse it`
		if err != nil {
			return err
		}
		err = client.Do(ctx, client.B().Del().Key(k).Build()).Error()
		client.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func perRequest(w http.ResponseWriter, r *http.Request) {
	pool := redis.NewPool(func() (redis.Conn, error) { return redis.Dial("tcp", ":6379") }, 1) // want `the \*redis.Pool from redis.NewPool is built on every request by this HTTP handler: each one dials its own connections and reuses none of the others'`
	defer pool.Close()
	c := pool.Get()
	defer c.Close()
	c.Do("PING")
}

// Silent.

func hoisted(ctx context.Context, keys []string) error {
	client, err := rueidis.NewClient(option)
	if err != nil {
		return err
	}
	defer client.Close()
	for _, k := range keys {
		if err := client.Do(ctx, client.B().Del().Key(k).Build()).Error(); err != nil {
			return err
		}
	}
	return nil
}

// perNode builds one client per address: it cannot be hoisted.
func perNode(ctx context.Context, addrs []string) error {
	for _, addr := range addrs {
		client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{addr}})
		if err != nil {
			return err
		}
		err = client.Do(ctx, client.B().Ping().Build()).Error()
		client.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

type server struct{ pool *redis.Pool }

func (s *server) handle(w http.ResponseWriter, r *http.Request) {
	c := s.pool.Get()
	defer c.Close()
	c.Do("PING")
}
