// Package lookalike declares types and functions that look like
// go-redis's but are not: timeunit leaves them alone. Its constants are
// invisible to the packages that use them.
package lookalike

import (
	"context"
	"time"
)

// Options has go-redis's field names.
type Options struct {
	ReadTimeout time.Duration
	DialTimeout time.Duration
}

// Client has go-redis's method names.
type Client struct{ opt *Options }

// NewClient mimics redis.NewClient.
func NewClient(opt *Options) *Client { return &Client{opt} }

// Set mimics cmdable.Set.
func (c *Client) Set(ctx context.Context, key string, value any, expiration time.Duration) error {
	return nil
}

// TTL is defined without a unit, but where it is used its definition is
// not seen: it counts as having one.
const TTL = 3600
