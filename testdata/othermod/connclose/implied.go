package connclose

import (
	"errors"

	"github.com/gomodule/redigo/redis"
)

// A condition that held on the way to the creation decides a later branch
// on the same condition: that branch never runs after it.

var errNoNode = errors.New("no node for slot")

type router struct{ pools map[int]*redis.Pool }

func (r *router) bySlot(slot int) (redis.Conn, error) {
	p, ok := r.pools[slot]
	if !ok {
		return nil, errNoNode
	}
	return p.Get(), nil
}

func (r *router) random() (redis.Conn, error) {
	for _, p := range r.pools {
		return p.Get(), nil
	}
	return nil, errNoNode
}

// Silent: random() runs only when bySlot was not called or failed.
func (r *router) conn(slot int) (c redis.Conn, err error) {
	if slot >= 0 {
		c, err = r.bySlot(slot)
	}
	if slot < 0 || err != nil {
		c, err = r.random()
	}
	return c, err
}

// Silent: the same flag decides both branches.
func (r *router) pick(preferSlot bool, slot int) (redis.Conn, error) {
	var c redis.Conn
	var err error
	if preferSlot {
		c, err = r.bySlot(slot)
		if err != nil {
			return nil, err
		}
	}
	if !preferSlot {
		c, err = r.random()
	}
	return c, err
}

// Reported: the second branch does not depend on the first.
func (r *router) twice(slot int, retry bool) (redis.Conn, error) {
	c, err := r.bySlot(slot) // want `the redis.Conn from bySlot is overwritten by the value from line \d+ before it is closed`
	if err != nil {
		return nil, err
	}
	if retry {
		c, err = r.random()
	}
	return c, err
}

// Reported: a loop computes the condition again, and each iteration
// drops the conn of the one before.
func (r *router) loop(slots []int) (redis.Conn, error) {
	var c redis.Conn
	var err error
	for _, slot := range slots {
		if slot >= 0 {
			c, err = r.bySlot(slot) // want `the redis.Conn from bySlot is created in a loop and not closed before the next iteration creates another`
			if err != nil {
				return nil, err
			}
		}
		if slot < 0 {
			c, err = r.random() // want `the redis.Conn from random is created in a loop and not closed before the next iteration creates another`
		}
	}
	return c, err
}
