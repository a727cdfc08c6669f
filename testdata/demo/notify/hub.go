package notify

import (
	"context"
	"sync"

	"github.com/redis/go-redis/v9"
)

// Hub keeps one subscription per connected user. The PubSub handles are
// stored in the hub, which owns them and closes them in Leave and Close:
// nothing to report here.
type Hub struct {
	rdb  *redis.Client
	mu   sync.Mutex
	subs map[string]*redis.PubSub
}

// NewHub returns an empty hub on rdb.
func NewHub(rdb *redis.Client) *Hub {
	return &Hub{rdb: rdb, subs: make(map[string]*redis.PubSub)}
}

// Join subscribes to a user's channel and returns the Go channel of its
// messages.
func (h *Hub) Join(ctx context.Context, user string) <-chan *redis.Message {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ps, ok := h.subs[user]; ok {
		return ps.Channel()
	}
	ps := h.rdb.Subscribe(ctx, channel(user))
	h.subs[user] = ps
	return ps.Channel()
}

// Leave closes a user's subscription.
func (h *Hub) Leave(user string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	ps, ok := h.subs[user]
	if !ok {
		return nil
	}
	delete(h.subs, user)
	return ps.Close()
}

// Close closes every subscription.
func (h *Hub) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	var first error
	for user, ps := range h.subs {
		if err := ps.Close(); err != nil && first == nil {
			first = err
		}
		delete(h.subs, user)
	}
	return first
}
