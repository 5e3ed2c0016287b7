package runtime

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
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
	br     *bufio.Reader // read goroutine only
	client bool          // mask outgoing frames, expect unmasked ones
	o      *options
	pool   *bufPool
	peer   peer

	// lastRead is the UnixNano of the last received frame (atomic).
	lastRead atomic.Int64

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

	wake chan struct{} // capacity 1: wakes the write goroutine

	// Write goroutine's own state.
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
	if br == nil {
		br = bufio.NewReaderSize(nc, 32<<10)
	}
	c := &conn{
		nc: nc, br: br, client: client, o: o, pool: pool,
		space: make(chan struct{}),
		wake:  make(chan struct{}, 1),
		done:  make(chan struct{}),
	}
	c.lastRead.Store(time.Now().UnixNano())
	return c
}

// run serves the connection until it ends: it starts and joins the write and
// keepalive goroutines and reads on the calling goroutine. It returns after
// every goroutine it started has returned and peer.closed has run.
func (c *conn) run(p peer) {
	c.peer = p
	c.wg.Add(1)
	go func() { defer c.wg.Done(); c.writeLoop() }()
	if c.o.keepalive > 0 {
		c.wg.Add(1)
		go func() { defer c.wg.Done(); c.keepaliveLoop() }()
	}
	err := c.readLoop()
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

// writeLoop owns all writes to the socket. It returns when the connection is
// done (after a last flush) or a write fails.
func (c *conn) writeLoop() {
	defer c.releaseQueued()
	for {
		finished := false
		select {
		case <-c.wake:
		case <-c.done:
			finished = true
			// One last flush (the close frame, a final STATUS), bounded.
			c.nc.SetWriteDeadline(time.Now().Add(time.Second))
		}
		c.wmu.Lock()
		buf, segs, closing := c.wbuf, c.segs, c.closeQueued
		c.wbuf, c.segs = c.spare[:0], c.spareSegs[:0]
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
		c.spare, c.spareSegs = buf[:0], segs[:0]
		if err != nil {
			c.fail(wrapError(Unavailable, "write: "+err.Error(), err), true)
			return
		}
		if finished {
			// Whoever ended the connection may be waiting for the reader:
			// give the peer a moment to answer our close frame, then stop
			// reading.
			c.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
			return
		}
		if closing {
			// Our close frame is out: give the peer a moment to answer it,
			// then the reader times out and the connection ends.
			c.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
		}
	}
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

// keepaliveLoop pings an idle peer and ends the connection when the peer
// stays silent past the timeout.
func (c *conn) keepaliveLoop() {
	tick := time.NewTicker(max(c.o.keepalive/4, 10*time.Millisecond))
	defer tick.Stop()
	var pinged int64 // lastRead value when we sent the last ping
	for {
		select {
		case <-c.done:
			return
		case now := <-tick.C:
			last := c.lastRead.Load()
			idle := now.UnixNano() - last
			switch {
			case pinged == last && idle > int64(c.o.keepalive+c.o.keepTimeout):
				c.fail(NewError(Unavailable, "keepalive timeout: peer did not answer ping"), true)
				return
			case pinged != last && idle > int64(c.o.keepalive):
				pinged = last
				c.wmu.Lock()
				if !c.closeQueued {
					c.appendControlLocked(wire.OpPing, nil)
				}
				c.wmu.Unlock()
				c.kick()
			}
		}
	}
}

// readLoop reads WebSocket frames, reassembles messages, answers control
// frames and hands frames to the peer. It returns why reading stopped.
func (c *conn) readLoop() error {
	limit := int64(wire.HeaderLen + c.o.maxMessage)
	var msg *rbuf // message being reassembled from fragments
	for {
		h, err := c.readWSHeader()
		if err != nil {
			c.pool.put(msg)
			return err
		}
		c.lastRead.Store(time.Now().UnixNano())
		if h.Op >= wire.OpClose {
			var p [125]byte
			if err := c.readPayload(p[:h.Len], h); err != nil {
				c.pool.put(msg)
				return err
			}
			if err := c.control(h.Op, p[:h.Len]); err != nil {
				c.pool.put(msg)
				return err
			}
			continue
		}
		switch {
		case h.Op == wire.OpText:
			c.pool.put(msg)
			return &protoError{code: closeUnsupported, err: errors.New("text message received; the protocol uses binary messages only")}
		case h.Op == wire.OpContinuation && msg == nil:
			return protocolErr(errors.New("continuation frame without a message to continue"))
		case h.Op == wire.OpBinary && msg != nil:
			c.pool.put(msg)
			return protocolErr(errors.New("new message inside a fragmented message"))
		}
		if h.Op == wire.OpBinary && h.Fin {
			if h.Len > limit {
				if err := c.discardOversized(h); err != nil {
					return err
				}
				continue
			}
			buf := c.pool.get(int(h.Len))
			if err := c.readPayload(buf.b, h); err != nil {
				c.pool.put(buf)
				return err
			}
			if err := c.dispatch(buf); err != nil {
				return err
			}
			continue
		}
		// A fragment: append to msg.
		have := 0
		if msg != nil {
			have = len(msg.b)
		}
		if int64(have)+h.Len > limit {
			c.pool.put(msg)
			return &protoError{code: closeTooBig, err: errors.New("fragmented message exceeds the size limit")}
		}
		next := c.pool.get(have + int(h.Len))
		if msg != nil {
			copy(next.b, msg.b)
			c.pool.put(msg)
		}
		msg = next
		if err := c.readPayload(msg.b[have:], h); err != nil {
			c.pool.put(msg)
			return err
		}
		if h.Fin {
			m := msg
			msg = nil
			if err := c.dispatch(m); err != nil {
				return err
			}
		}
	}
}

// readWSHeader reads and checks one WebSocket frame header.
func (c *conn) readWSHeader() (wire.WSHeader, error) {
	b, err := c.br.Peek(2)
	if err != nil {
		return wire.WSHeader{}, err
	}
	n := wire.WSHeaderLen(b[0], b[1])
	if b, err = c.br.Peek(n); err != nil {
		return wire.WSHeader{}, noEOF(err)
	}
	h, err := wire.ParseWSHeader(b)
	c.br.Discard(n)
	if err != nil {
		return h, protocolErr(err)
	}
	if c.client && h.Masked {
		return h, protocolErr(wire.ErrWSMaskServer)
	}
	if !c.client && !h.Masked {
		return h, protocolErr(wire.ErrWSMaskClient)
	}
	return h, nil
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// readPayload reads a frame's payload into p (len(p) == h.Len) and unmasks it.
func (c *conn) readPayload(p []byte, h wire.WSHeader) error {
	if _, err := io.ReadFull(c.br, p); err != nil {
		return noEOF(err)
	}
	if h.Masked {
		ws.Cipher(p, h.Mask, 0)
	}
	return nil
}

// discardOversized skips a message over the size limit. If it is a MESSAGE
// frame, only its call fails (ResourceExhausted); otherwise the connection
// closes with 1009.
func (c *conn) discardOversized(h wire.WSHeader) error {
	var hb [wire.HeaderLen]byte
	if err := c.readPayload(hb[:], h); err != nil {
		return err
	}
	fh, _, err := wire.ParseHeader(hb[:])
	if err != nil {
		return protocolErr(err)
	}
	if fh.Type != wire.TypeMessage {
		return &protoError{code: closeTooBig, err: errors.New(fh.Type.String() + " frame exceeds the size limit")}
	}
	if _, err := c.br.Discard(int(h.Len - wire.HeaderLen)); err != nil {
		return noEOF(err)
	}
	return c.peer.tooBig(fh.Stream, h.Len-wire.HeaderLen)
}

// dispatch decodes a whole message's frame header and hands it to the peer.
func (c *conn) dispatch(buf *rbuf) error {
	h, body, err := wire.ParseHeader(buf.b)
	if err != nil {
		c.pool.put(buf)
		return protocolErr(err)
	}
	if h.Type != wire.TypeMessage && len(buf.b) > maxControlFrame {
		c.pool.put(buf)
		return &protoError{code: closeTooBig, err: errors.New(h.Type.String() + " frame exceeds 64 KiB")}
	}
	if h.Type == wire.TypePing {
		p, err := wire.ParsePing(body)
		if err == nil && h.Flags&wire.FlagAck == 0 {
			c.wmu.Lock()
			if !c.closeQueued {
				c.appendFrameLocked(wire.Header{Type: wire.TypePing, Flags: wire.FlagAck}, p, nil, nil)
			}
			c.wmu.Unlock()
			c.kick()
		}
		c.pool.put(buf)
		if err != nil {
			return protocolErr(err)
		}
		return nil
	}
	kept, err := c.peer.frame(h, body, buf)
	if !kept {
		c.pool.put(buf)
	}
	return err
}

// errPeerClosed ends the read loop after the peer's close frame.
type errPeerClosed struct {
	code   uint16
	reason string
}

func (e *errPeerClosed) Error() string {
	return "peer closed the connection (" + itoa(int(e.code)) + " " + e.reason + ")"
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// control handles a WebSocket control frame.
func (c *conn) control(op byte, p []byte) error {
	switch op {
	case wire.OpPing:
		c.wmu.Lock()
		if !c.closeQueued {
			c.appendControlLocked(wire.OpPong, p)
		}
		c.wmu.Unlock()
		c.kick()
	case wire.OpClose:
		code, reason := uint16(1005), ""
		if len(p) >= 2 {
			code = binary.BigEndian.Uint16(p)
			reason = string(p[2:])
		} else if len(p) == 1 {
			return protocolErr(errors.New("close frame with a 1-byte payload"))
		}
		reply := code
		if code == 1005 {
			reply = closeNormal
		}
		c.closeWith(reply, "")
		return &errPeerClosed{code: code, reason: reason}
	}
	return nil
}
