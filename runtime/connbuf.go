package runtime

import (
	"bufio"
	"io"
	"net"
	"sync/atomic"
	"syscall"
	"time"
)

// smallReadBuffer is the inline read buffer of a connection that is not a
// socket (TLS, in-memory): it holds the frame headers and small messages of
// a quiet connection.
const smallReadBuffer = 256

// connReader buffers a connection's reads without holding a large buffer
// while the connection is idle. On a socket (syscall.Conn) it waits for
// readability without any buffer and takes a pooled readBufferSize buffer
// only for the read itself; on other connections it reads into a small
// inline buffer and moves to a pooled one when a read fills that. Either
// way the pooled buffer goes back once everything in it was consumed, and
// payloads at least as large as the buffer are read straight into the
// caller's slice. Read goroutine only.
type connReader struct {
	nc   net.Conn
	raw  syscall.RawConn // nil: not a socket
	pool *bufPool
	big  *[]byte // pooled buffer, nil while idle
	buf  []byte  // small[:] or *big
	r, w int     // buf[r:w] is unread
	err  error   // sticky read error
	// lastRead gets the time of every read that returned data (one clock
	// reading per syscall rather than per frame).
	lastRead *atomic.Int64
	small    [smallReadBuffer]byte

	// Results of rawRead (a method value, so the read allocates nothing).
	rawFn func(fd uintptr) bool
	rawN  int
	rawE  error
}

func newConnReader(nc net.Conn, br *bufio.Reader, pool *bufPool, lastRead *atomic.Int64) *connReader {
	cr := &connReader{nc: nc, pool: pool, lastRead: lastRead}
	if sc, ok := nc.(syscall.Conn); ok {
		if raw, err := sc.SyscallConn(); err == nil {
			cr.raw = raw
			cr.rawFn = cr.rawRead
		}
	}
	if cr.raw == nil {
		cr.buf = cr.small[:]
	}
	if br != nil && br.Buffered() > 0 {
		// Bytes the handshake read past its end.
		p, _ := br.Peek(br.Buffered())
		cr.takeBig(len(p))
		cr.w = copy(cr.buf, p)
	}
	return cr
}

// takeBig switches to a pooled buffer (or a private one of at least n
// bytes), keeping what is buffered.
func (cr *connReader) takeBig(n int) {
	var b *[]byte
	if n <= readBufferSize {
		b = cr.pool.readBuf()
	} else {
		p := make([]byte, n)
		b = &p
	}
	cr.w = copy(*b, cr.buf[cr.r:cr.w])
	cr.r = 0
	cr.big, cr.buf = b, *b
}

// dropBig returns the pooled buffer once it is empty.
func (cr *connReader) dropBig() {
	cr.pool.putReadBuf(cr.big)
	cr.big = nil
	cr.r, cr.w = 0, 0
	if cr.raw == nil {
		cr.buf = cr.small[:]
	} else {
		cr.buf = nil
	}
}

// fill reads at least one more byte into the buffer.
func (cr *connReader) fill() error {
	if cr.err != nil {
		return cr.err
	}
	if cr.r == cr.w && cr.big != nil {
		cr.dropBig()
	}
	if cr.r > 0 {
		cr.w = copy(cr.buf, cr.buf[cr.r:cr.w])
		cr.r = 0
	}
	var n int
	var err error
	if cr.raw != nil {
		cr.rawN, cr.rawE = 0, nil
		if err = cr.raw.Read(cr.rawFn); err == nil {
			n, err = cr.rawN, cr.rawE
		}
	} else {
		// Like bufio, tolerate a few empty reads before giving up.
		for i := 0; n == 0 && err == nil; i++ {
			if i == 100 {
				return io.ErrNoProgress
			}
			n, err = cr.nc.Read(cr.buf[cr.w:])
		}
		if n == len(cr.buf)-cr.w && cr.big == nil {
			// The small buffer filled: more is probably on its way.
			cr.lastRead.Store(time.Now().UnixNano())
			cr.w += n
			cr.takeBig(readBufferSize)
			if err != nil {
				cr.err = err // reported once the buffered bytes are used
			}
			return nil
		}
	}
	cr.w += n
	if n > 0 {
		cr.lastRead.Store(time.Now().UnixNano())
	}
	if err != nil {
		if cr.r == cr.w && cr.big != nil {
			cr.dropBig()
		}
		cr.err = err
		if n > 0 {
			return nil
		}
		return err
	}
	return nil
}

// rawRead is the RawConn read function: it takes the pooled buffer only
// when the socket has data, and returns false (wait for readability) on
// EAGAIN.
func (cr *connReader) rawRead(fd uintptr) bool {
	if cr.big == nil {
		cr.big = cr.pool.readBuf()
		cr.buf = *cr.big
	}
	for {
		n, err := syscall.Read(int(fd), cr.buf[cr.w:])
		switch {
		case err == syscall.EINTR:
			continue
		case err == syscall.EAGAIN:
			if cr.r == cr.w {
				cr.dropBig()
			}
			return false
		case err != nil:
			cr.rawE = err
		case n == 0:
			cr.rawE = io.EOF
		default:
			cr.rawN = n
		}
		return true
	}
}

// Peek returns the next n bytes (n <= smallReadBuffer) without consuming
// them; they are valid until the next call.
func (cr *connReader) Peek(n int) ([]byte, error) {
	for cr.w-cr.r < n {
		if err := cr.fill(); err != nil {
			return nil, err
		}
	}
	return cr.buf[cr.r : cr.r+n], nil
}

// Discard skips n bytes.
func (cr *connReader) Discard(n int) error {
	for n > 0 {
		if cr.r == cr.w {
			if err := cr.fill(); err != nil {
				return err
			}
		}
		k := min(n, cr.w-cr.r)
		cr.r += k
		n -= k
	}
	return nil
}

// ReadFull fills p.
func (cr *connReader) ReadFull(p []byte) error {
	k := copy(p, cr.buf[cr.r:cr.w])
	cr.r += k
	p = p[k:]
	if len(p) == 0 {
		return nil
	}
	if len(p) >= readBufferSize && cr.err == nil {
		// Large: straight into p.
		if cr.big != nil {
			cr.dropBig()
		}
		n, err := io.ReadFull(cr.nc, p)
		if n > 0 {
			cr.lastRead.Store(time.Now().UnixNano())
		}
		if err != nil {
			cr.err = err
		}
		return err
	}
	for len(p) > 0 {
		if err := cr.fill(); err != nil {
			return err
		}
		k := copy(p, cr.buf[cr.r:cr.w])
		cr.r += k
		p = p[k:]
	}
	return nil
}

// release returns the pooled buffer when the connection ends.
func (cr *connReader) release() {
	if cr.big != nil {
		cr.dropBig()
	}
}
