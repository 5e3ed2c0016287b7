package runtime

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// serverConn is the server's side of one connection: it opens a stream per
// OPEN frame and runs its handler on a goroutine it joins before returning
// from serve.
type serverConn struct {
	s *Server
	c *conn

	mu       sync.Mutex // guards the fields below
	streams  map[uint32]*serverStream
	maxID    uint32    // highest stream id opened
	draining bool      // GOAWAY sent: refuse new calls, close when idle
	idleAt   time.Time // when the last call ended (zero while calls run)

	handlers sync.WaitGroup // handler goroutines
}

func newServerConn(s *Server, nc net.Conn, br *bufio.Reader) *serverConn {
	sc := &serverConn{s: s, streams: make(map[uint32]*serverStream), idleAt: time.Now()}
	sc.c = newConn(nc, br, false, &s.o, &s.pool)
	return sc
}

// serve runs the connection; it returns when it ended and every handler
// returned.
func (sc *serverConn) serve() {
	sc.c.run(sc)
	sc.handlers.Wait()
}

func (sc *serverConn) idleTimeout() time.Duration { return sc.s.o.idleTimeout }

// checkIdle closes the connection, with GOAWAY and close code 1000, once it
// has had no call for the idle timeout (timer goroutine).
func (sc *serverConn) checkIdle(now time.Time) {
	if sc.s.o.idleTimeout <= 0 {
		return
	}
	sc.mu.Lock()
	idle := len(sc.streams) == 0 && !sc.idleAt.IsZero() && now.Sub(sc.idleAt) > sc.s.o.idleTimeout
	if idle {
		sc.idleAt = time.Time{} // once
	}
	sc.mu.Unlock()
	if idle {
		sc.sendGoAway(OK, "idle timeout")
		sc.c.closeWith(closeNormal, "idle timeout")
	}
}

// goAway starts draining: GOAWAY now, close once the last call ends.
func (sc *serverConn) goAway() {
	sc.mu.Lock()
	already := sc.draining
	sc.draining = true
	idle := len(sc.streams) == 0
	sc.mu.Unlock()
	if !already {
		sc.sendGoAway(Unavailable, "server shutting down")
	}
	if idle {
		sc.c.closeWith(closeNormal, "server shutting down")
	}
}

func (sc *serverConn) sendGoAway(code Code, msg string) {
	sc.mu.Lock()
	last := sc.maxID
	sc.mu.Unlock()
	var b [64]byte
	sc.c.send(wire.Header{Type: wire.TypeGoAway}, wire.AppendGoAway(b[:0], last, uint32(code), msg))
}

// abort cancels every call and closes the connection with 1001.
func (sc *serverConn) abort() {
	sc.c.closeWith(closeGoingAway, "server closing")
	sc.c.fail(NewError(Unavailable, "server closing"), false)
}

// closed runs once the connection stopped: every call is cancelled.
func (sc *serverConn) closed(err *Error) {
	sc.mu.Lock()
	list := make([]*serverStream, 0, len(sc.streams))
	for _, st := range sc.streams {
		list = append(list, st)
	}
	sc.mu.Unlock()
	for _, st := range list {
		st.abort(err)
		st.ctx.cancel(context.Canceled)
	}
}

// frame handles a frame from the client (read goroutine).
func (sc *serverConn) frame(h wire.Header, body []byte, buf *rbuf) (bool, error) {
	if h.Type == wire.TypeOpen {
		return false, sc.open(h.Stream, body)
	}
	switch h.Type {
	case wire.TypeHeaders, wire.TypeStatus, wire.TypeGoAway:
		return false, protocolErr(fmt.Errorf("%v frame from a client", h.Type))
	}
	sc.mu.Lock()
	st := sc.streams[h.Stream]
	maxID := sc.maxID
	sc.mu.Unlock()
	if st == nil {
		if h.Stream > maxID {
			return false, protocolErr(fmt.Errorf("%v frame for stream %d, which was never opened", h.Type, h.Stream))
		}
		return false, nil // a call that already ended: late frames are expected
	}
	switch h.Type {
	case wire.TypeMessage:
		if st.gotEnd {
			st.fail(NewError(Internal, "MESSAGE after the client half-closed"))
			return false, nil
		}
		if !st.m.desc.Kind.clientSendsMany() && st.gotMsg {
			st.fail(NewError(Internal, "more than one request message for a "+st.m.desc.Kind.String()+" method"))
			return false, nil
		}
		st.gotMsg = true
		kept, ferr := st.deliver(buf, body)
		if ferr != nil {
			st.fail(ferr)
			return false, nil
		}
		if h.Flags&wire.FlagEnd != 0 {
			st.gotEnd = true
			st.endRecv(nil)
		}
		return kept, nil
	case wire.TypeHalfClose:
		if st.gotEnd || len(body) != 0 {
			st.fail(NewError(Internal, "malformed or repeated HALF_CLOSE"))
			return false, nil
		}
		st.gotEnd = true
		st.endRecv(nil)
	case wire.TypeCancel:
		code, err := wire.ParseCancel(body)
		if err != nil {
			st.fail(NewError(Internal, "malformed CANCEL: "+err.Error()))
			return false, nil
		}
		st.peerCancel(Code(code))
	case wire.TypeCredit:
		n, err := wire.ParseCredit(body)
		if err != nil {
			st.fail(NewError(Internal, "malformed CREDIT: "+err.Error()))
			return false, nil
		}
		st.addCredit(n)
	}
	return false, nil
}

// tooBig handles an oversized MESSAGE (read goroutine).
func (sc *serverConn) tooBig(id uint32, size int64) error {
	sc.mu.Lock()
	st := sc.streams[id]
	maxID := sc.maxID
	sc.mu.Unlock()
	if st == nil {
		if id > maxID {
			return protocolErr(fmt.Errorf("MESSAGE for stream %d, which was never opened", id))
		}
		return nil
	}
	st.fail(Errorf(ResourceExhausted, "request message of %d bytes exceeds the limit of %d", size, sc.s.o.maxMessage))
	return nil
}

// open handles an OPEN frame.
func (sc *serverConn) open(id uint32, body []byte) error {
	sc.mu.Lock()
	if id <= sc.maxID {
		sc.mu.Unlock()
		return protocolErr(fmt.Errorf("OPEN for stream %d, not above the last opened stream %d", id, sc.maxID))
	}
	sc.maxID = id
	draining, busy := sc.draining, len(sc.streams) >= sc.s.o.maxStreams
	sc.mu.Unlock()

	o, err := wire.ParseOpen(body)
	switch {
	case err != nil:
		return sc.refuse(id, NewError(Internal, "malformed OPEN: "+err.Error()))
	case draining:
		return sc.refuse(id, NewError(Unavailable, "server is shutting down; retry on a new connection"))
	case busy:
		return sc.refuse(id, Errorf(ResourceExhausted, "too many concurrent calls on this connection (limit %d)", sc.s.o.maxStreams))
	}
	m := (*sc.s.methods.Load())[string(o.Method)]
	if m == nil {
		return sc.refuse(id, Errorf(Unimplemented, "unknown method %s", o.Method))
	}
	st := &serverStream{sc: sc, m: m}
	kind := m.desc.Kind
	st.init(sc.c, id, m.desc.VerifyRequest, kind.clientSendsMany())
	if o.Metadata.N > 0 {
		st.reqMD = make(Metadata, o.Metadata.N)
		o.Metadata.Each(func(k, v []byte) {
			key := string(k)
			st.reqMD[key] = append(st.reqMD[key], string(v))
		})
	}
	st.ctx.s = st
	if o.Timeout > 0 {
		// Tell the client as soon as the deadline passes, even if the
		// handler ignores its context.
		st.ctx.startTimer(time.Duration(min(o.Timeout, 1<<62)), func() {
			st.fail(wrapError(DeadlineExceeded, "deadline exceeded", context.DeadlineExceeded))
		})
	}
	sc.mu.Lock()
	sc.streams[id] = st
	sc.idleAt = time.Time{}
	sc.mu.Unlock()
	if kind.clientSendsMany() && sc.s.o.window > initialWindow {
		st.sendCredit(uint32(sc.s.o.window - initialWindow))
	}
	sc.handlers.Add(1)
	go sc.run(st)
	return nil
}

// refuse ends a call that never started with err.
func (sc *serverConn) refuse(id uint32, err *Error) error {
	sc.writeEnd(nil, id, false, nil, nil, err, nil, false)
	return nil
}

// forget removes st from the stream table (once; later calls do nothing)
// and reports whether the connection is draining and has no calls left, so
// that it should close, and whether other calls are still running. Lock
// order: c.wmu may be held, sc.mu is taken.
func (sc *serverConn) forget(st *serverStream) (closeNow, busy bool) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.streams[st.id] != st {
		return false, len(sc.streams) > 0
	}
	delete(sc.streams, st.id)
	if len(sc.streams) > 0 {
		return false, true
	}
	sc.idleAt = time.Now()
	return sc.draining, false
}

// remove forgets an ended stream; a draining connection closes when its
// last call ended.
func (sc *serverConn) remove(st *serverStream) {
	if closeNow, _ := sc.forget(st); closeNow {
		sc.c.closeWith(closeNormal, "server shutting down")
	}
}

// run executes a call's handler and ends the call with its result.
func (sc *serverConn) run(st *serverStream) {
	defer sc.handlers.Done()
	defer sc.remove(st)
	defer st.ctx.cancel(context.Canceled)
	defer st.release()
	if st.m.desc.Kind == Unary {
		st.runUnary()
		return
	}
	err := st.callStream()
	st.end(err, nil, true)
}
