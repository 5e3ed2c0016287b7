package runtime

import (
	"bufio"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"

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
	// forever); checkIdle closes it once that passed (timer goroutine).
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

// conn is one WebSocket connection with its read goroutine and write queue. It
// knows frames and WebSocket, not calls; a peer does the rest.
type conn struct {
	nc     net.Conn
	rd     *connReader // read goroutine only
	client bool        // mask outgoing frames, expect unmasked ones
	// deflate is set when permessage-deflate was negotiated (before run).
	deflate bool
	o       *options
	pool    *bufPool
	peer    peer

	// lastRead is the UnixNano of the last read that returned data (atomic).
	lastRead atomic.Int64
	// buffered counts the bytes of received messages queued on this
	// connection's streams and not yet taken by Recv (atomic).
	buffered atomic.Int64

	// Write queue: producers append encoded frames to wbuf (and large
	// payloads to segs) under wmu; the write owner (see writing) swaps them
	// out and writes them in one vectored write.
	wmu     sync.Mutex
	wbuf    []byte
	segs    []seg
	scratch []byte // body encoding space, under wmu
	// scratchHeader holds a frame header being compressed, under wmu.
	scratchHeader [wire.HeaderLen]byte
	queued        int           // bytes queued, under wmu
	space         chan struct{} // closed when queued drops under the limit; under wmu
	closeQueued   bool          // a close frame is queued: accept nothing more; under wmu
	// writing is set while one goroutine owns the socket's write side (the
	// write goroutine or a caller writing its own frames directly); under
	// wmu. Whoever releases it with frames still queued wakes the write
	// goroutine, so frames queued meanwhile go out together in one write.
	writing bool

	// writerOn is set while a write goroutine runs (one at most, started by
	// kick when frames wait and no one writes, gone when the queue is
	// empty); final once the connection's last flush is done and no more
	// start; doneFlushed once a writer flushed after done. Under wmu; wcond
	// (on wmu) is signalled when writing or writerOn clear.
	writerOn    bool
	final       bool
	doneFlushed bool
	wcond       sync.Cond

	// Keepalive and idle timer (no goroutine between ticks).
	tickMu  sync.Mutex // held by a running tick; guards the fields below
	ticker  *time.Timer
	stopped bool
	pinged  int64 // lastRead when the last ping went out

	// The write owner's state (see writing).
	spare     []byte
	spareSegs []seg
	iov       net.Buffers
	wv        net.Buffers

	failOnce sync.Once
	err      *Error        // set once before done is closed
	done     chan struct{} // closed when the connection is finished
}

func newConn(nc net.Conn, br *bufio.Reader, client bool, o *options, pool *bufPool) *conn {
	c := &conn{
		nc: nc, client: client, o: o, pool: pool,
		space: make(chan struct{}),
		done:  make(chan struct{}),
	}
	c.wcond.L = &c.wmu
	c.rd = newConnReader(nc, br, pool, &c.lastRead)
	c.lastRead.Store(time.Now().UnixNano())
	return c
}

// run serves the connection until it ends: it reads on the calling
// goroutine; writes happen on the goroutines that queue frames or on a
// short-lived write goroutine (see kick), and the keepalive and idle checks
// on a timer, so an idle connection costs one goroutine. It returns after
// the last flush, once no write goroutine or timer runs and peer.closed has
// run.
func (c *conn) run(p peer) {
	c.peer = p
	c.startTicker()
	err := c.readLoop()
	c.rd.release()
	var pe *protoError
	if errors.As(err, &pe) {
		c.logf("wsgen: closing connection to %v: %v", c.nc.RemoteAddr(), err)
		c.closeWith(pe.code, pe.err.Error())
	}
	c.fail(wrapError(Unavailable, "connection closed: "+err.Error(), err), false)
	c.stopTicker()
	// Bound the last flush (the peer may not read).
	c.nc.SetWriteDeadline(time.Now().Add(time.Second))
	c.lastFlush()
	c.nc.Close()
	p.closed(c.err)
}

func (c *conn) logf(format string, args ...any) {
	if c.o.errorLog != nil {
		c.o.errorLog(format, args...)
	}
}

// fail records the connection's end once and stops it. hard closes the
// socket at once (unblocking the reader); otherwise a write goroutine
// flushes what is queued first and lets the reader stop shortly after.
func (c *conn) fail(err *Error, hard bool) {
	first := false
	c.failOnce.Do(func() {
		c.err = err
		close(c.done)
		first = true
	})
	if hard {
		c.nc.Close()
	} else if first {
		c.kick()
	}
}

var errConnClosing = errors.New("connection is closing")
