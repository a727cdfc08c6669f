// Package cache keeps the recent messages of chat rooms in Redis lists.
package cache

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// Keep is how many messages a room keeps.
const Keep = 100

func roomKey(room string) string { return "room:" + room + ":recent" }

// Warm preloads the recent messages of rooms into the local cache.
//
// Bug: the LRange commands are queued on the pipeline but pipe.Exec is
// never called: nothing is sent and every result stays empty.
func Warm(ctx context.Context, rdb *redis.Client, rooms []string) map[string][]string {
	pipe := rdb.Pipeline()
	cmds := make(map[string]*redis.StringSliceCmd, len(rooms))
	for _, room := range rooms {
		cmds[room] = pipe.LRange(ctx, roomKey(room), 0, Keep-1)
	}
	out := make(map[string][]string, len(rooms))
	for room, cmd := range cmds {
		out[room] = cmd.Val()
	}
	return out
}

// Recent returns the recent messages of rooms in one round trip: correct.
func Recent(ctx context.Context, rdb *redis.Client, rooms []string) (map[string][]string, error) {
	pipe := rdb.Pipeline()
	cmds := make(map[string]*redis.StringSliceCmd, len(rooms))
	for _, room := range rooms {
		cmds[room] = pipe.LRange(ctx, roomKey(room), 0, Keep-1)
	}
	if _, err := pipe.Exec(ctx); err != nil && err != redis.Nil {
		return nil, fmt.Errorf("cache: recent: %w", err)
	}
	out := make(map[string][]string, len(rooms))
	for room, cmd := range cmds {
		out[room] = cmd.Val()
	}
	return out, nil
}

// Append adds a message to a room and trims the room to Keep messages.
// Pipelined executes the pipeline itself: correct.
func Append(ctx context.Context, rdb *redis.Client, room, msg string) error {
	_, err := rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.LPush(ctx, roomKey(room), msg)
		pipe.LTrim(ctx, roomKey(room), 0, Keep-1)
		return nil
	})
	return err
}

// PinTTL is how long, in seconds, a pinned message stays.
const PinTTL = 3600

// Pin keeps a message of room for an hour.
//
// Bug: PinTTL is a bare number given as a time.Duration: 3600ns, which
// go-redis sends as PX 1: the pin expires after one millisecond.
func Pin(ctx context.Context, rdb *redis.Client, room, msg string) error {
	return rdb.Set(ctx, "room:"+room+":pinned", msg, PinTTL).Err()
}
