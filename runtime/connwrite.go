package runtime

// The write side of a connection. Producers append encoded frames to a
// queue under wmu; one goroutine at a time owns the socket's write side and
// writes the whole queue in one (vectored) write. The owner is a caller that
// found the write side free (flushLocked), or a short-lived write goroutine
// that kick starts when frames wait and no one writes; so frames queued
// while a write is under way leave together in the next one, and an idle
// connection has no write goroutine.

import (
	"encoding/binary"
	"math/rand/v2"
	goruntime "runtime"
	"time"

	"github.com/gobwas/ws"
	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// kick makes sure queued frames get written: it starts a write goroutine
// unless one runs or a write is under way (its owner starts one when it
// leaves frames behind). Any goroutine may call it.
func (c *conn) kick() {
	c.wmu.Lock()
	c.startWriterLocked()
	c.wmu.Unlock()
}

// startWriterLocked is kick with c.wmu held.
func (c *conn) startWriterLocked() {
	if c.writing || c.writerOn || c.final {
		return
	}
	if len(c.wbuf) == 0 && !c.needDoneFlushLocked() {
		return
	}
	c.writerOn = true
	go c.writeLoop()
}

// needDoneFlushLocked reports whether the connection is done and no writer
// has flushed since (that flush bounds the reader's wait).
func (c *conn) needDoneFlushLocked() bool {
	if c.doneFlushed {
		return false
	}
	return c.isDone()
}

func (c *conn) isDone() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// appendFrameLocked queues one frame: header h, body, and payload (owned by
// builder b, which is recycled once written). c.wmu must be held.
func (c *conn) appendFrameLocked(h wire.Header, body, payload []byte, b *flatbuffers.Builder) {
	total := wire.HeaderLen + len(body) + len(payload)
	if c.deflate && total >= deflateMin && c.appendDeflatedLocked(h, body, payload, b, total) {
		return
	}
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
		c.queued += len(payload) // written by reference, not in wbuf
	}
	if c.client {
		ws.Cipher(c.wbuf[start:], mask, 0)
	}
	c.queued += len(c.wbuf) - start
}

// appendDeflatedLocked queues the frame compressed (RSV1 set) and recycles
// b, unless compression does not make it smaller: then it queues nothing
// and returns false. c.wmu must be held.
func (c *conn) appendDeflatedLocked(h wire.Header, body, payload []byte, b *flatbuffers.Builder, total int) bool {
	hb := c.scratchHeader[:0]
	d := c.pool.flate.compress(c.o.deflate-2, wire.AppendHeader(hb, h), body, payload)
	if len(d.out.b) >= total {
		c.pool.flate.putDeflater(d)
		return false
	}
	var mask [4]byte
	if c.client {
		binary.LittleEndian.PutUint32(mask[:], rand.Uint32())
	}
	hdr := len(c.wbuf)
	c.wbuf = wire.AppendWSHeader(c.wbuf, wire.OpBinary, len(d.out.b), c.client, mask)
	c.wbuf[hdr] |= wire.RSV1
	start := len(c.wbuf)
	c.wbuf = append(c.wbuf, d.out.b...)
	if c.client {
		ws.Cipher(c.wbuf[start:], mask, 0)
	}
	if b != nil {
		c.pool.putBuilder(b)
	}
	c.queued += len(c.wbuf) - start
	c.pool.flate.putDeflater(d)
	return true
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
	c.startWriterLocked()
	c.wmu.Unlock()
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
	// Streamed messages go through a write goroutine: a sender that wrote
	// each message itself would pay a syscall per message, while queued
	// messages leave in batches.
	c.startWriterLocked()
	c.wmu.Unlock()
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

// writeLoop is a write goroutine: it writes the queue until it is empty (or
// someone else owns the write side), then ends.
func (c *conn) writeLoop() {
	c.wmu.Lock()
	for !c.writing && !c.final {
		finished := c.needDoneFlushLocked()
		if len(c.wbuf) == 0 && !finished {
			break
		}
		if finished {
			// One last flush (the close frame, a final STATUS), bounded.
			c.nc.SetWriteDeadline(time.Now().Add(time.Second))
		} else {
			// Let goroutines that are ready to queue frames do so first,
			// so that one write carries them all.
			c.wmu.Unlock()
			goruntime.Gosched()
			c.wmu.Lock()
			if c.writing || c.final || len(c.wbuf) == 0 {
				continue // the loop condition decides again
			}
		}
		c.writing = true
		ok := c.writeOwned(finished)
		c.wmu.Lock()
		if !ok {
			break
		}
	}
	c.writerOn = false
	c.wcond.Broadcast()
	c.wmu.Unlock()
}

// flushLocked is called by a producer with c.wmu held after queueing
// frames; it unlocks c.wmu. If no one is writing, the producer writes the
// queue itself (saving a goroutine wakeup on a quiet connection); otherwise
// the current owner, or the write goroutine it starts, sends the frames
// with the next batch. The read goroutine must not use it (a blocked write
// would stop it reading, and both peers could wait for each other): it
// queues and kicks.
func (c *conn) flushLocked() {
	if c.writing || c.final {
		c.wmu.Unlock()
		return
	}
	c.writing = true
	c.writeOwned(false)
}

// writeOwned writes the queued frames; the caller holds c.wmu and has set
// c.writing. It returns with c.wmu released and the write side free, having
// started a write goroutine if frames were queued meanwhile (or the
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
	if len(buf) > 0 && !finished && c.o.keepalive > 0 && !c.isDone() {
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
	if err != nil {
		c.closeQueued = true // the socket is gone: refuse further frames
		c.wbuf = c.wbuf[:0]
	}
	if finished {
		c.doneFlushed = true
	}
	c.wcond.Broadcast()
	c.startWriterLocked()
	c.wmu.Unlock()
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

// lastFlush runs once the reader stopped: it waits for the write side,
// writes what is still queued, waits for the write goroutine to end, and
// refuses further frames (recycling any left).
func (c *conn) lastFlush() {
	c.wmu.Lock()
	for c.writing {
		c.wcond.Wait()
	}
	c.final = true // no new write goroutines
	if len(c.wbuf) > 0 {
		c.writing = true
		c.writeOwned(true)
		c.wmu.Lock()
	}
	for c.writerOn || c.writing {
		c.wcond.Wait()
	}
	for i := range c.segs {
		c.pool.putBuilder(c.segs[i].b)
		c.segs[i] = seg{}
	}
	c.segs = c.segs[:0]
	c.closeQueued = true // refuse further frames
	c.wmu.Unlock()
}

// startTicker arms the keepalive and idle timer, if either is enabled.
func (c *conn) startTicker() {
	if p := c.tickPeriod(); p > 0 {
		c.tickMu.Lock()
		c.ticker = time.AfterFunc(p, c.tick)
		c.tickMu.Unlock()
	}
}

// tick runs housekeeping on the timer's goroutine and re-arms the timer.
func (c *conn) tick() {
	c.tickMu.Lock()
	defer c.tickMu.Unlock()
	if c.stopped {
		return
	}
	if c.housekeeping(time.Now()) {
		c.ticker.Reset(c.tickPeriod())
	}
}

// stopTicker stops the timer and waits for a running tick.
func (c *conn) stopTicker() {
	c.tickMu.Lock()
	c.stopped = true
	if c.ticker != nil {
		c.ticker.Stop()
	}
	c.tickMu.Unlock()
}

// tickPeriod is how often the timer checks keepalive and idle time; 0 when
// neither is enabled.
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

// housekeeping runs on the timer: it pings a silent peer,
// ends the connection when the peer stays silent past the keepalive timeout
// (returning false), and lets the peer close an idle connection.
func (c *conn) housekeeping(now time.Time) bool {
	if c.o.keepalive > 0 {
		last := c.lastRead.Load()
		silent := now.UnixNano() - last
		switch {
		case c.pinged == last && silent > int64(c.o.keepalive+c.o.keepTimeout):
			c.fail(NewError(Unavailable, "keepalive timeout: peer did not answer ping"), true)
			return false
		case c.pinged != last && silent > int64(c.o.keepalive):
			c.pinged = last // the lastRead value when we sent the ping
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
