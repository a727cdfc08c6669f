// Command demo runs a tiny chat notification service on Redis.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"time"

	"github.com/redis/go-redis/v9"

	"example.com/demo/cache"
	"example.com/demo/jobs"
	"example.com/demo/notify"
	"example.com/demo/ratelimit"
	"example.com/demo/session"
)

func main() {
	addr := flag.String("addr", "localhost:6379", "Redis address")
	user := flag.String("user", "alice", "user to listen for")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	// Bug: the pool is sized for 8 connections but may open only 4: the
	// fifth concurrent command fails at once instead of waiting.
	rdb := redis.NewClient(&redis.Options{Addr: *addr, PoolSize: 8, MaxActiveConns: 4})
	defer rdb.Close()

	if err := session.Touch(ctx, rdb, *user, "demo-1"); err != nil {
		log.Printf("touch session: %v", err)
	}
	recent, err := cache.Recent(ctx, rdb, []string{"lobby"})
	if err != nil {
		log.Printf("recent: %v", err)
	}
	for _, m := range recent["lobby"] {
		log.Printf("lobby: %s", m)
	}

	// Every delivered notification also queues a job for the mailer.
	queue := jobs.New(*addr, "mail")
	defer queue.Close()

	// At most 20 messages per user and minute reach the lobby.
	limiter := ratelimit.New(*addr, 20, time.Minute)
	err = notify.Listen(ctx, rdb, func(n notify.Notification) error {
		log.Printf("to %s: %s", n.User, n.Text)
		if err := queue.Push(n.User); err != nil {
			log.Printf("queue: %v", err)
		}
		if ok, err := limiter.Allow(ctx, n.User); err != nil || !ok {
			return err
		}
		return cache.Append(ctx, rdb, "lobby", n.Text)
	}, *user)
	if err != nil {
		log.Fatal(err)
	}
}
