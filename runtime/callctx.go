package runtime

import (
	"context"
	"sync"
	"time"
)

// callCtx is the context.Context of a call on the server. It is part of the
// serverStream, so a call's context costs no allocation; its Done channel is
// made only when someone asks for it. It is cancelled when the call ends for
// any reason (handler returned, client cancelled, deadline, connection lost,
// server closing); the runtime itself waits on the stream, not on Done.
type callCtx struct {
	s           *serverStream
	deadline    time.Time
	hasDeadline bool

	mu    sync.Mutex // guards the fields below
	done  chan struct{}
	err   error
	timer *time.Timer // deadline timer, stopped on cancel
}

var _ context.Context = (*callCtx)(nil)

func (c *callCtx) Deadline() (time.Time, bool) { return c.deadline, c.hasDeadline }

func (c *callCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		c.done = make(chan struct{})
		if c.err != nil {
			close(c.done)
		}
	}
	return c.done
}

func (c *callCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Value returns the call's stream (for SetHeader and friends) and request
// metadata; the call context has no other values.
func (c *callCtx) Value(key any) any {
	switch key.(type) {
	case streamKey:
		return c.s
	case incomingKey:
		return c.s.reqMD
	}
	return nil
}

func (c *callCtx) String() string { return "wsgen call context " + c.s.m.desc.FullName }

// startTimer arms the deadline: when it passes, the context ends with
// context.DeadlineExceeded and expired runs.
func (c *callCtx) startTimer(timeout time.Duration, expired func()) {
	c.deadline, c.hasDeadline = time.Now().Add(timeout), true
	c.mu.Lock()
	c.timer = time.AfterFunc(timeout, func() {
		if c.cancel(context.DeadlineExceeded) {
			expired()
		}
	})
	c.mu.Unlock()
}

// cancel ends the context with err; it reports whether this call did.
func (c *callCtx) cancel(err error) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return false
	}
	c.err = err
	if c.done != nil {
		close(c.done)
	}
	if c.timer != nil {
		c.timer.Stop()
	}
	return true
}
