package runtime

import (
	"errors"
	"io"
	"sync"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// errStreamDone is returned internally when an operation finds its stream
// already finished.
var errStreamDone = errors.New("stream finished")

func isEOF(err error) bool { return err == io.EOF }

// recvItem is a received message waiting for Recv: the buffer that holds it
// and the payload view inside.
type recvItem struct {
	buf  *rbuf
	p    []byte
	cost int
}

// core is the state of one call shared by the client and server sides: the
// receive queue with its flow-control accounting, send credit, and the
// terminal state. It is driven by the connection's read goroutine (deliver,
// endRecv, addCredit, abort) and by the goroutine(s) using the stream (recv,
// takeCredit, release).
type core struct {
	c      *conn
	id     uint32
	verify VerifyFunc
	window int  // receive window we maintain for the peer
	grant  bool // whether to return consumed credit (the peer sends many messages)

	mu sync.Mutex // guards every field below
	// receive side
	rq       []recvItem // queued messages are rq[rqHead:]
	rqHead   int
	cur      recvItem // the view handed out by the last Recv
	avail    int      // credit the peer still has; <= 0 means it must wait
	consumed int      // credit consumed by Recv, not yet granted back
	received int      // messages received
	recvEnd  bool     // the peer will send no more messages
	recvErr  *Error   // what Recv reports once the queue is empty (nil: io.EOF)
	// send side
	credit int // bytes we may still send; we may send while > 0
	// terminal state
	finished bool
	rqInline [1]recvItem // first backing array of rq: no allocation for one message
	// The wake-up channels are made on first use (most unary calls never
	// wait), always under mu.
	readable chan struct{} // capacity 1: rq, recvEnd or finished changed
	writable chan struct{} // capacity 1: credit or finished changed
	done     chan struct{} // closed when finished
}

// chanLocked returns *ch, making it (with capacity 1) if needed. s.mu must
// be held.
func chanLocked(ch *chan struct{}) chan struct{} {
	if *ch == nil {
		*ch = make(chan struct{}, 1)
	}
	return *ch
}

// doneChan returns a channel closed when the stream finished.
func (s *core) doneChan() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done == nil {
		s.done = make(chan struct{})
		if s.finished {
			close(s.done)
		}
	}
	return s.done
}

func (s *core) init(c *conn, id uint32, verify VerifyFunc, grant bool) {
	s.c, s.id, s.verify, s.grant = c, id, verify, grant
	s.window = initialWindow
	if grant {
		s.window = c.o.window
	}
	// The opener of the stream grants window-initialWindow more right away
	// (a CREDIT frame queued with OPEN, or sent when the server accepts it).
	s.avail = s.window
	s.credit = initialWindow
	s.rq = s.rqInline[:0]
}

// signal wakes the waiter on ch (a channel with a buffer of one), if any,
// without blocking; a nil ch does nothing. Streams call it with s.mu held.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// Stream errors raised while receiving.
var (
	errFlowControl = NewError(ResourceExhausted, "peer exceeded its flow-control window")
	errConnBuffer  = NewError(ResourceExhausted, "the connection's buffer for unread messages is full")
)

// deliver queues a received message (read goroutine). It reports whether it
// kept buf; a flow-control violation returns errFlowControl.
func (s *core) deliver(buf *rbuf, p []byte) (bool, *Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.finished || s.recvEnd {
		return false, nil
	}
	if s.avail <= 0 {
		return false, errFlowControl
	}
	cost := wire.HeaderLen + len(p)
	if s.c.buffered.Add(int64(cost)) > int64(s.c.o.connBuffer) {
		s.c.buffered.Add(-int64(cost))
		return false, errConnBuffer
	}
	s.avail -= cost
	s.received++
	s.rq = append(s.rq, recvItem{buf: buf, p: p, cost: cost})
	signal(s.readable)
	return true, nil
}

// endRecv records that the peer sends nothing more; Recv reports err (nil
// means io.EOF) after the queued messages.
func (s *core) endRecv(err *Error) {
	s.mu.Lock()
	if !s.recvEnd && !s.finished {
		s.recvEnd = true
		s.recvErr = err
	}
	signal(s.readable)
	s.mu.Unlock()
}

// addCredit adds send credit granted by the peer (read goroutine).
func (s *core) addCredit(n uint32) {
	s.mu.Lock()
	s.credit = min(s.credit+int(n), 1<<31-1)
	signal(s.writable)
	s.mu.Unlock()
}

// takeCredit waits until the stream may send a message of the given payload
// size and reserves the credit. It fails with errStreamDone once the stream
// finished, or with cancelled's error.
func (s *core) takeCredit(size int, cancel <-chan struct{}) error {
	s.mu.Lock()
	for {
		if s.finished {
			s.mu.Unlock()
			return errStreamDone
		}
		if s.credit > 0 {
			s.credit -= wire.HeaderLen + size
			s.mu.Unlock()
			return nil
		}
		wake := chanLocked(&s.writable)
		s.mu.Unlock()
		select {
		case <-wake:
		case <-cancel:
			return errStreamDone
		}
		s.mu.Lock()
	}
}

// abort finishes the stream: Recv and Send fail with err from now on and
// queued messages are dropped. It reports whether this call finished it.
func (s *core) abort(err *Error) bool {
	s.mu.Lock()
	if s.finished {
		s.mu.Unlock()
		return false
	}
	s.finished = true
	if !s.recvEnd || s.recvErr == nil {
		s.recvEnd, s.recvErr = true, err
	}
	q := s.rq[s.rqHead:]
	s.rq, s.rqHead = nil, 0
	s.wakeAllLocked()
	s.mu.Unlock()
	s.drop(q)
	return true
}

// drop recycles queued messages nobody will read.
func (s *core) drop(q []recvItem) {
	for _, it := range q {
		s.c.buffered.Add(-int64(it.cost))
		s.c.pool.put(it.buf)
	}
}

// wakeAllLocked wakes every waiter after finished was set.
func (s *core) wakeAllLocked() {
	if s.done != nil {
		close(s.done)
	}
	signal(s.readable)
	signal(s.writable)
}

// endKeep finishes the stream like abort but keeps the queued messages for
// Recv, which reports err (nil: io.EOF) after them: the peer ended the call
// normally (client side: STATUS received).
func (s *core) endKeep(err *Error) bool {
	s.mu.Lock()
	if s.finished {
		s.mu.Unlock()
		return false
	}
	s.finished = true
	if !s.recvEnd {
		s.recvEnd, s.recvErr = true, err
	}
	s.wakeAllLocked()
	s.mu.Unlock()
	return true
}

// releaseCurLocked recycles the view handed out by the last Recv and counts
// its credit as consumed; it returns the credit to grant now (0 for none).
func (s *core) releaseCurLocked() uint32 {
	if s.cur.buf == nil {
		return 0
	}
	s.c.pool.put(s.cur.buf)
	s.consumed += s.cur.cost
	s.cur = recvItem{}
	if s.grant && !s.finished && !s.recvEnd && s.consumed >= s.window/4 {
		n := s.consumed
		s.avail += n
		s.consumed = 0
		return uint32(n)
	}
	return 0
}

// errInvalidPayload marks a payload that failed verification.
type errInvalidPayload struct{ err error }

func (e *errInvalidPayload) Error() string { return "invalid payload: " + e.err.Error() }

// recv returns the next message (verified), io.EOF, the stream's *Error, or
// errStreamDone-like cancellation when cancel closes. A payload that fails
// verification returns *errInvalidPayload; the caller ends the call.
func (s *core) recv(cancel <-chan struct{}) ([]byte, error) {
	s.mu.Lock()
	grant := s.releaseCurLocked()
	for len(s.rq) == s.rqHead && !s.recvEnd && !s.finished {
		wake := chanLocked(&s.readable)
		s.mu.Unlock()
		s.sendCredit(grant)
		grant = 0
		select {
		case <-wake:
		case <-cancel:
			return nil, errStreamDone
		}
		s.mu.Lock()
	}
	if len(s.rq) == s.rqHead {
		err := s.recvErr
		s.mu.Unlock()
		s.sendCredit(grant)
		if err == nil {
			return nil, io.EOF
		}
		return nil, err
	}
	it := s.rq[s.rqHead]
	s.rq[s.rqHead] = recvItem{}
	s.rqHead++
	s.c.buffered.Add(-int64(it.cost))
	if s.rqHead == len(s.rq) {
		s.rq, s.rqHead = s.rq[:0], 0
	}
	s.cur = it
	s.mu.Unlock()
	s.sendCredit(grant)
	if s.verify != nil {
		if err := s.verify(it.p); err != nil {
			return nil, &errInvalidPayload{err}
		}
	}
	return it.p, nil
}

// sendCredit grants n bytes of credit to the peer.
func (s *core) sendCredit(n uint32) {
	if n == 0 {
		return
	}
	var b [4]byte
	s.c.send(wire.Header{Type: wire.TypeCredit, Stream: s.id}, wire.AppendU32Body(b[:0], n))
}

// release recycles the current view and anything still queued; the owner
// calls it once it will not call recv again.
func (s *core) release() {
	s.mu.Lock()
	if s.cur.buf != nil {
		s.c.pool.put(s.cur.buf)
		s.cur = recvItem{}
	}
	q := s.rq[s.rqHead:]
	s.rq, s.rqHead = nil, 0
	s.mu.Unlock()
	s.drop(q)
}
