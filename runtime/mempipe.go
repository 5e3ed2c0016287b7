package runtime

import (
	"io"
	"net"
	"os"
	"sync"
	"time"
)

// memPipeSize is the buffer of each direction of an in-memory connection,
// standing in for the kernel's socket buffers: a writer blocks only when the
// reader falls this far behind.
const memPipeSize = 256 << 10

// memBuf is one direction of an in-memory connection.
type memBuf struct {
	mu       sync.Mutex // guards the fields below
	data     []byte     // unread bytes are data[off:]
	off      int
	eof      bool          // the writer closed: reads drain data, then io.EOF
	broken   bool          // the reader closed: writes fail
	readable chan struct{} // capacity 1: data arrived or state changed
	writable chan struct{} // capacity 1: space freed or state changed
}

func newMemBuf() *memBuf {
	return &memBuf{readable: make(chan struct{}, 1), writable: make(chan struct{}, 1)}
}

// memDeadline is a settable deadline: done is closed once it passes. It
// reuses one timer, so setting deadlines does not allocate.
type memDeadline struct {
	mu      sync.Mutex // guards the fields below
	at      time.Time  // zero: no deadline
	timer   *time.Timer
	done    chan struct{}
	stopped bool // the connection closed: never arm the timer again
}

func newMemDeadline() *memDeadline { return &memDeadline{done: make(chan struct{})} }

func (d *memDeadline) closedLocked() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

func (d *memDeadline) set(t time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	d.at = t
	if d.closedLocked() {
		d.done = make(chan struct{})
	}
	if t.IsZero() {
		if d.timer != nil {
			d.timer.Stop()
		}
		return
	}
	dur := time.Until(t)
	if dur <= 0 {
		close(d.done)
		return
	}
	if d.timer == nil {
		d.timer = time.AfterFunc(dur, d.expire)
	} else {
		d.timer.Reset(dur)
	}
}

// expire runs on the timer; a stale firing (the deadline moved) does nothing.
func (d *memDeadline) expire() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.at.IsZero() && !time.Now().Before(d.at) && !d.closedLocked() {
		close(d.done)
	}
}

// stop disarms the timer for good (the connection closed).
func (d *memDeadline) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.at, d.stopped = time.Time{}, true
	if d.timer != nil {
		d.timer.Stop()
	}
}

func (d *memDeadline) wait() chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.done
}

// memConn is one end of an in-memory connection with buffered directions
// and deadlines, so that it behaves like a TCP connection on loopback.
type memConn struct {
	in, out     *memBuf
	rdl, wdl    *memDeadline
	closeOnce   sync.Once
	closed      chan struct{}
	local, peer net.Addr
}

var _ net.Conn = (*memConn)(nil)

// newMemPipe returns the two ends of an in-memory connection.
func newMemPipe() (*memConn, *memConn) {
	a2b, b2a := newMemBuf(), newMemBuf()
	a := &memConn{in: b2a, out: a2b, rdl: newMemDeadline(), wdl: newMemDeadline(), closed: make(chan struct{}), local: memAddr{}, peer: memAddr{}}
	b := &memConn{in: a2b, out: b2a, rdl: newMemDeadline(), wdl: newMemDeadline(), closed: make(chan struct{}), local: memAddr{}, peer: memAddr{}}
	return a, b
}

func (c *memConn) Read(p []byte) (int, error) {
	for {
		select {
		case <-c.closed:
			return 0, net.ErrClosed
		case <-c.rdl.wait():
			return 0, os.ErrDeadlineExceeded
		default:
		}
		b := c.in
		b.mu.Lock()
		if b.off < len(b.data) {
			n := copy(p, b.data[b.off:])
			b.off += n
			if b.off == len(b.data) {
				b.data, b.off = b.data[:0], 0
			}
			signal(b.writable)
			b.mu.Unlock()
			return n, nil
		}
		if b.eof {
			b.mu.Unlock()
			return 0, io.EOF
		}
		b.mu.Unlock()
		select {
		case <-b.readable:
		case <-c.closed:
		case <-c.rdl.wait():
		}
	}
}

func (c *memConn) Write(p []byte) (int, error) {
	written := 0
	for {
		select {
		case <-c.closed:
			return written, net.ErrClosed
		case <-c.wdl.wait():
			return written, os.ErrDeadlineExceeded
		default:
		}
		b := c.out
		b.mu.Lock()
		if b.broken || b.eof {
			b.mu.Unlock()
			return written, io.ErrClosedPipe
		}
		if space := memPipeSize - (len(b.data) - b.off); space > 0 {
			if b.off > 0 && len(b.data)+min(space, len(p)-written) > cap(b.data) {
				n := copy(b.data, b.data[b.off:]) // compact before growing
				b.data, b.off = b.data[:n], 0
			}
			n := min(space, len(p)-written)
			b.data = append(b.data, p[written:written+n]...)
			written += n
			signal(b.readable)
		}
		b.mu.Unlock()
		if written == len(p) {
			return written, nil
		}
		select {
		case <-b.writable:
		case <-c.closed:
		case <-c.wdl.wait():
		}
	}
}

// Close ends both directions: the peer reads what was written, then io.EOF;
// its writes fail.
func (c *memConn) Close() error {
	c.closeOnce.Do(func() {
		close(c.closed)
		c.rdl.stop()
		c.wdl.stop()
		c.out.mu.Lock()
		c.out.eof = true
		signal(c.out.readable)
		c.out.mu.Unlock()
		c.in.mu.Lock()
		c.in.broken = true
		signal(c.in.writable)
		c.in.mu.Unlock()
	})
	return nil
}

func (c *memConn) LocalAddr() net.Addr  { return c.local }
func (c *memConn) RemoteAddr() net.Addr { return c.peer }

func (c *memConn) isClosed() bool {
	select {
	case <-c.closed:
		return true
	default:
		return false
	}
}

// The deadline setters fail with net.ErrClosed after Close, leaving no
// timer behind.

func (c *memConn) SetDeadline(t time.Time) error {
	if c.isClosed() {
		return net.ErrClosed
	}
	c.rdl.set(t)
	c.wdl.set(t)
	return nil
}

func (c *memConn) SetReadDeadline(t time.Time) error {
	if c.isClosed() {
		return net.ErrClosed
	}
	c.rdl.set(t)
	return nil
}

func (c *memConn) SetWriteDeadline(t time.Time) error {
	if c.isClosed() {
		return net.ErrClosed
	}
	c.wdl.set(t)
	return nil
}
