package runtime

import (
	"bufio"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gobwas/ws"
	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// WebSocket close codes the protocol uses (docs/protocol.md, "Closing").
const (
	closeNormal      = 1000
	closeGoingAway   = 1001
	closeProtocol    = 1002
	closeUnsupported = 1003
	closeTooBig      = 1009
	closeInternal    = 1011
)

// initialWindow is the per-stream credit each direction starts with.
const initialWindow = 64 << 10

// maxControlFrame bounds frames other than MESSAGE (OPEN with its metadata,
// STATUS with details and trailers, ...).
const maxControlFrame = 64 << 10

// readBufferSize is the size of a connection's pooled read buffer, taken
// only while data arrives (see connReader).
const readBufferSize = 8 << 10

// maxKeptWriteBuffer is the largest write buffer kept between writes.
const maxKeptWriteBuffer = 256 << 10

// inlinePayload is the payload size under which the server copies a payload
// into the write buffer instead of writing it as its own iovec.
const inlinePayload = 1024

// peer is the side-specific half of a connection (client or server). Its
// methods run on the connection's read goroutine.
type peer interface {
	// frame handles one decoded frame. buf holds the message; the peer keeps
	// it (returning true) or the connection recycles it.
	frame(h wire.Header, body []byte, buf *rbuf) (kept bool, err error)
	// tooBig handles a MESSAGE on stream id larger than the size limit; its
	// body was discarded.
	tooBig(id uint32, size int64) error
	// closed is called once, after the connection stopped, with the reason.
	closed(err *Error)
	// idleTimeout is how long the connection may stay without calls (0:
	// forever); checkIdle closes it once that passed (write goroutine).
	idleTimeout() time.Duration
	checkIdle(now time.Time)
}

// protoError is a violation of the framing that closes the connection with
// the given WebSocket close code.
type protoError struct {
	code uint16
	err  error
}

func (e *protoError) Error() string { return e.err.Error() }
func (e *protoError) Unwrap() error { return e.err }

func protocolErr(err error) error { return &protoError{code: closeProtocol, err: err} }

// seg is a payload written by reference (its own iovec) after wbuf[:off].
type seg struct {
	off int
	p   []byte
	b   *flatbuffers.Builder
}

// conn is one WebSocket connection with its read and write goroutines. It
// knows frames and WebSocket, not calls; a peer does the rest.
type conn struct {
	nc     net.Conn
	rd     *connReader // read goroutine only
	client bool        // mask outgoing frames, expect unmasked ones
	o      *options
	pool   *bufPool
	peer   peer

	// lastRead is the UnixNano of the last received frame (atomic).
	lastRead atomic.Int64
	// buffered counts the bytes of received messages queued on this
	// connection's streams and not yet taken by Recv (atomic).
	buffered atomic.Int64

	// Write queue: producers append encoded frames to wbuf (and large payloads
	// to segs) under wmu; the write goroutine swaps them out and writes them
	// in one vectored write.
	wmu         sync.Mutex
	wbuf        []byte
	segs        []seg
	scratch     []byte        // body encoding space, under wmu
	queued      int           // bytes queued, under wmu
	space       chan struct{} // closed when queued drops under the limit; under wmu
	closeQueued bool          // a close frame is queued: accept nothing more; under wmu
	// writing is set while one goroutine owns the socket's write side (the
	// write goroutine or a caller writing its own frames directly); under
	// wmu. Whoever releases it with frames still queued wakes the write
	// goroutine, so frames queued meanwhile go out together in one write.
	writing bool

	wake chan struct{} // capacity 1: wakes the write goroutine

	// The write owner's state (see writing).
	spare     []byte
	spareSegs []seg
	iov       net.Buffers
	wv        net.Buffers

	failOnce sync.Once
	err      *Error        // set once before done is closed
	done     chan struct{} // closed when the connection is finished
	wg       sync.WaitGroup
}

func newConn(nc net.Conn, br *bufio.Reader, client bool, o *options, pool *bufPool) *conn {
	c := &conn{
		nc: nc, rd: newConnReader(nc, br, pool), client: client, o: o, pool: pool,
		space: make(chan struct{}),
		wake:  make(chan struct{}, 1),
		done:  make(chan struct{}),
	}
	c.lastRead.Store(time.Now().UnixNano())
	return c
}

// run serves the connection until it ends: it starts and joins the write
// goroutine (which also runs the keepalive and idle timers, so a connection
// costs two goroutines) and reads on the calling goroutine. It returns after
// every goroutine it started has returned and peer.closed has run.
func (c *conn) run(p peer) {
	c.peer = p
	c.wg.Add(1)
	go func() { defer c.wg.Done(); c.writeLoop() }()
	err := c.readLoop()
	c.rd.release()
	var pe *protoError
	if errors.As(err, &pe) {
		c.logf("wsgen: closing connection to %v: %v", c.nc.RemoteAddr(), err)
		c.closeWith(pe.code, pe.err.Error())
	}
	c.fail(wrapError(Unavailable, "connection closed: "+err.Error(), err), false)
	// Bound the writer's last flush (it may be blocked on a peer that does
	// not read).
	c.nc.SetWriteDeadline(time.Now().Add(time.Second))
	c.wg.Wait()
	c.nc.Close()
	p.closed(c.err)
}

func (c *conn) logf(format string, args ...any) {
	if c.o.errorLog != nil {
		c.o.errorLog(format, args...)
	}
}

// fail records the connection's end once and stops it. hard closes the
// socket at once (unblocking the reader); otherwise the writer flushes what
// is queued first.
func (c *conn) fail(err *Error, hard bool) {
	c.failOnce.Do(func() {
		c.err = err
		close(c.done)
	})
	if hard {
		c.nc.Close()
	}
}

func (c *conn) kick() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

var errConnClosing = errors.New("connection is closing")

// appendFrameLocked queues one frame: header h, body, and payload (owned by
// builder b, which is recycled once written). c.wmu must be held.
func (c *conn) appendFrameLocked(h wire.Header, body, payload []byte, b *flatbuffers.Builder) {
	total := wire.HeaderLen + len(body) + len(payload)
	var mask [4]byte
	if c.client {
		binary.LittleEndian.PutUint32(mask[:], rand.Uint32())
	}
	c.wbuf = wire.AppendWSHeader(c.wbuf, wire.OpBinary, total, c.client, mask)
	start := len(c.wbuf)
	c.wbuf = wire.AppendHeader(c.wbuf, h)
	c.wbuf = append(c.wbuf, body...)
	if c.client || len(payload) < inlinePayload {
		c.wbuf = append(c.wbuf, payload...)
		if b != nil {
			c.pool.putBuilder(b)
		}
	} else {
		c.segs = append(c.segs, seg{off: len(c.wbuf), p: payload, b: b})
	}
	if c.client {
		ws.Cipher(c.wbuf[start:], mask, 0)
	}
	c.queued += len(c.wbuf) - start + len(payload)
}

// appendControlLocked queues a WebSocket control frame. c.wmu must be held.
func (c *conn) appendControlLocked(op byte, payload []byte) {
	var mask [4]byte
	if c.client {
		binary.LittleEndian.PutUint32(mask[:], rand.Uint32())
	}
	c.wbuf = wire.AppendWSHeader(c.wbuf, op, len(payload), c.client, mask)
	start := len(c.wbuf)
	c.wbuf = append(c.wbuf, payload...)
	if c.client {
		ws.Cipher(c.wbuf[start:], mask, 0)
	}
	c.queued += len(payload) + 2
}

// send queues a frame without payload and wakes the writer.
func (c *conn) send(h wire.Header, body []byte) error {
	c.wmu.Lock()
	if c.closeQueued {
		c.wmu.Unlock()
		return errConnClosing
	}
	c.appendFrameLocked(h, body, nil, nil)
	c.wmu.Unlock()
	c.kick()
	return nil
}

// sendMessage queues a MESSAGE frame carrying the finished bytes of b,
// blocking while the connection's write queue is over its limit, until
// cancel is closed. It takes ownership of b in every case.
func (c *conn) sendMessage(h wire.Header, payload []byte, b *flatbuffers.Builder, cancel <-chan struct{}) error {
	c.wmu.Lock()
	for c.queued > c.o.writeQueue && !c.closeQueued {
		space := c.space
		c.wmu.Unlock()
		select {
		case <-space:
		case <-cancel:
			c.pool.putBuilder(b)
			return errStreamDone
		case <-c.done:
			c.pool.putBuilder(b)
			return errConnClosing
		}
		c.wmu.Lock()
	}
	if c.closeQueued {
		c.wmu.Unlock()
		c.pool.putBuilder(b)
		return errConnClosing
	}
	c.appendFrameLocked(h, nil, payload, b)
	c.wmu.Unlock()
	// Streamed messages go through the write goroutine: a sender that wrote
	// each message itself would pay a syscall per message, while queued
	// messages leave in batches.
	c.kick()
	return nil
}

// closeWith queues a close frame with code and reason; nothing is queued
// after it. Later calls do nothing.
func (c *conn) closeWith(code uint16, reason string) {
	c.wmu.Lock()
	c.closeLocked(code, reason)
	c.wmu.Unlock()
	c.kick()
}

// closeLocked is closeWith with c.wmu held (the caller kicks the writer).
func (c *conn) closeLocked(code uint16, reason string) {
	if c.closeQueued {
		return
	}
	if len(reason) > 123 {
		reason = reason[:123]
	}
	var p [125]byte
	binary.BigEndian.PutUint16(p[:], code)
	n := 2 + copy(p[2:], reason)
	c.appendControlLocked(wire.OpClose, p[:n])
	c.closeQueued = true
}

// writeLoop writes what producers queued when it is woken and the write
// side is free, and runs the keepalive and idle timers. It returns when the
// connection is done (after a last flush) or a write fails.
func (c *conn) writeLoop() {
	defer c.releaseQueued()
	var tick <-chan time.Time
	if p := c.tickPeriod(); p > 0 {
		t := time.NewTicker(p)
		defer t.Stop()
		tick = t.C
	}
	var pinged int64
loop:
	for {
		finished := false
		select {
		case <-c.wake:
		case now := <-tick:
			if !c.housekeeping(now, &pinged) {
				return
			}
			continue
		case <-c.done:
			finished = true
			// One last flush (the close frame, a final STATUS), bounded.
			c.nc.SetWriteDeadline(time.Now().Add(time.Second))
		}
		c.wmu.Lock()
		for c.writing {
			c.wmu.Unlock()
			if !finished {
				// The owner wakes us when it leaves frames behind.
				continue loop
			}
			// The owner wakes us when it is done (c.done is closed).
			<-c.wake
			c.wmu.Lock()
		}
		c.writing = true
		if !c.writeOwned(finished) || finished {
			return
		}
	}
}

// flushLocked is called by a producer with c.wmu held after queueing
// frames; it unlocks c.wmu. If no one is writing, the producer writes the
// queue itself (saving the write goroutine's wakeup on a quiet
// connection); otherwise the current owner, or the write goroutine it wakes,
// sends the frames with the next batch. The read goroutine must not use it
// (a blocked write would stop it reading, and both peers could wait for each
// other): it queues and kicks.
func (c *conn) flushLocked() {
	if c.writing {
		c.wmu.Unlock()
		return
	}
	c.writing = true
	c.writeOwned(false)
}

// writeOwned writes the queued frames; the caller holds c.wmu and has set
// c.writing. It returns with c.wmu released and the write side free, having
// woken the write goroutine if frames were queued meanwhile (or the
// connection is done), and reports whether the write succeeded.
func (c *conn) writeOwned(finished bool) bool {
	buf, segs, closing := c.wbuf, c.segs, c.closeQueued
	c.wbuf, c.segs = c.spare[:0], c.spareSegs[:0]
	c.spare, c.spareSegs = nil, nil
	if c.queued > c.o.writeQueue {
		close(c.space)
		c.space = make(chan struct{})
	}
	c.queued = 0
	c.wmu.Unlock()

	var err error
	if len(buf) > 0 && !finished && c.o.keepalive > 0 {
		// A peer that stops reading must not pin the writer forever.
		c.nc.SetWriteDeadline(time.Now().Add(max(c.o.keepalive+c.o.keepTimeout, 30*time.Second)))
	}
	if len(buf) > 0 {
		if len(segs) == 0 {
			_, err = c.nc.Write(buf)
		} else {
			c.iov = c.iov[:0]
			prev := 0
			for _, s := range segs {
				c.iov = append(c.iov, buf[prev:s.off], s.p)
				prev = s.off
			}
			if prev < len(buf) {
				c.iov = append(c.iov, buf[prev:])
			}
			c.wv = c.iov
			_, err = c.wv.WriteTo(c.nc)
			clear(c.iov)
		}
	}
	for i := range segs {
		c.pool.putBuilder(segs[i].b)
		segs[i] = seg{}
	}
	buf = buf[:0]
	if cap(buf) > maxKeptWriteBuffer {
		buf = nil // do not pin a burst's buffer on a quiet connection
	}

	c.wmu.Lock()
	c.spare, c.spareSegs = buf, segs[:0]
	c.writing = false
	more := len(c.wbuf) > 0
	c.wmu.Unlock()
	select {
	case <-c.done:
		more = true
	default:
	}
	if more {
		c.kick()
	}
	if err != nil {
		c.fail(wrapError(Unavailable, "write: "+err.Error(), err), true)
		return false
	}
	if finished || closing {
		// Our close frame is out (or whoever ended the connection may be
		// waiting for the reader): give the peer a moment to answer it,
		// then the reader times out and the connection ends.
		c.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
	}
	return true
}

// releaseQueued recycles builders still queued when the writer stops.
func (c *conn) releaseQueued() {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	for i := range c.segs {
		c.pool.putBuilder(c.segs[i].b)
		c.segs[i] = seg{}
	}
	c.segs = c.segs[:0]
	c.closeQueued = true // refuse further frames
}

// tickPeriod is how often the write goroutine checks keepalive and idle
// time; 0 when neither is enabled.
func (c *conn) tickPeriod() time.Duration {
	var p time.Duration
	if c.o.keepalive > 0 {
		p = c.o.keepalive / 4
	}
	if c.peer.idleTimeout() > 0 && (p == 0 || c.peer.idleTimeout()/4 < p) {
		p = c.peer.idleTimeout() / 4
	}
	if p == 0 {
		return 0
	}
	return max(p, 10*time.Millisecond)
}

// housekeeping runs on the write goroutine's timer: it pings a silent peer,
// ends the connection when the peer stays silent past the keepalive timeout
// (returning false), and lets the peer close an idle connection.
func (c *conn) housekeeping(now time.Time, pinged *int64) bool {
	if c.o.keepalive > 0 {
		last := c.lastRead.Load()
		silent := now.UnixNano() - last
		switch {
		case *pinged == last && silent > int64(c.o.keepalive+c.o.keepTimeout):
			c.fail(NewError(Unavailable, "keepalive timeout: peer did not answer ping"), true)
			return false
		case *pinged != last && silent > int64(c.o.keepalive):
			*pinged = last // the lastRead value when we sent the ping
			c.wmu.Lock()
			if !c.closeQueued {
				c.appendControlLocked(wire.OpPing, nil)
			}
			c.wmu.Unlock()
			c.kick()
		}
	}
	c.peer.checkIdle(now)
	return true
}
