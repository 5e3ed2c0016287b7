package runtime

import (
	"context"
	"io"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// clientStream is one call on the client.
type clientStream struct {
	core
	cc  *ClientConn
	m   *MethodDesc
	ctx context.Context

	// gotHeader and gotMsg belong to the read goroutine.
	gotHeader, gotMsg bool

	// Guarded by core.mu.
	header     Metadata
	headerSet  bool
	headerCh   chan struct{} // closed when headers are known (streams only)
	trailer    Metadata
	sendClosed bool
	sentOne    bool
	stopCtx    func() bool // stops the context watcher (streams only)
}

// stopWatch stops the context watcher, if any.
func (s *clientStream) stopWatch() {
	s.mu.Lock()
	stop := s.stopCtx
	s.stopCtx = nil
	s.mu.Unlock()
	if stop != nil {
		stop()
	}
}

var _ ClientStreamer = (*clientStream)(nil)

func (s *clientStream) Context() context.Context { return s.ctx }

func (s *clientStream) NewBuilder() *flatbuffers.Builder { return s.cc.pool.builder() }

// setHeader records the response headers once (nil when the server sent
// none before its first message or the end).
func (s *clientStream) setHeader(md Metadata) {
	s.mu.Lock()
	if s.headerSet {
		s.mu.Unlock()
		return
	}
	s.header, s.headerSet = md, true
	ch := s.headerCh
	s.mu.Unlock()
	if ch != nil {
		close(ch)
	}
}

// end handles the server's STATUS (read goroutine).
func (s *clientStream) end(st wire.Status) {
	s.cc.remove(s.id)
	var e *Error
	if st.Code != uint32(OK) {
		e = &Error{code: Code(st.Code), msg: string(st.Message), wire: true}
		if st.NDetails > 0 {
			e.details = make([]Detail, 0, st.NDetails)
			st.EachDetail(func(t, v []byte) {
				e.details = append(e.details, Detail{Type: string(t), Value: append([]byte(nil), v...)})
			})
		}
	}
	tr := decodeMetadata(st.Trailers)
	s.mu.Lock()
	s.trailer = tr
	s.mu.Unlock()
	s.setHeader(nil)
	s.endKeep(e)
	s.stopWatch()
}

// protocolFail ends the call after the server broke the protocol for it.
func (s *clientStream) protocolFail(msg string) {
	s.cancelWith(NewError(Internal, "protocol violation by the server: "+msg))
}

// cancelWith ends a running call locally with e and tells the server with
// CANCEL.
func (s *clientStream) cancelWith(e *Error) {
	if !s.abort(e) {
		return
	}
	var b [4]byte
	s.c.send(wire.Header{Type: wire.TypeCancel, Stream: s.id}, wire.AppendU32Body(b[:0], uint32(e.code)))
	s.cc.remove(s.id)
	s.setHeader(nil)
	s.stopWatch()
}

// finishLocal ends the call because the connection ended.
func (s *clientStream) finishLocal(e *Error) {
	s.abort(e)
	s.setHeader(nil)
	s.stopWatch()
}

func (s *clientStream) Send(b *flatbuffers.Builder) error {
	payload := b.FinishedBytes()
	s.mu.Lock()
	switch {
	case s.sendClosed:
		s.mu.Unlock()
		s.cc.pool.putBuilder(b)
		return NewError(FailedPrecondition, "Send after CloseSend")
	case !s.m.Kind.clientSendsMany() && s.sentOne:
		s.mu.Unlock()
		s.cc.pool.putBuilder(b)
		return Errorf(FailedPrecondition, "a %v method takes one request", s.m.Kind)
	}
	s.sentOne = true
	var flags uint8
	if !s.m.Kind.clientSendsMany() {
		// The only request: fold the half-close into it (CloseSend is then
		// a no-op).
		flags = wire.FlagEnd
		s.sendClosed = true
	}
	s.mu.Unlock()
	if err := s.takeCredit(len(payload), s.ctx.Done()); err != nil {
		s.cc.pool.putBuilder(b)
		return io.EOF // the call ended; Recv reports how
	}
	if err := s.c.sendMessage(wire.Header{Type: wire.TypeMessage, Flags: flags, Stream: s.id}, payload, b, s.doneChan()); err != nil {
		return io.EOF
	}
	return nil
}

func (s *clientStream) CloseSend() error {
	s.mu.Lock()
	if s.sendClosed || s.finished {
		s.sendClosed = true
		s.mu.Unlock()
		return nil
	}
	s.sendClosed = true
	s.mu.Unlock()
	s.c.send(wire.Header{Type: wire.TypeHalfClose, Stream: s.id}, nil)
	return nil
}

func (s *clientStream) Recv() ([]byte, error) {
	p, err := s.recv(s.ctx.Done())
	switch e := err.(type) {
	case nil:
		return p, nil
	case *errInvalidPayload:
		ie := NewError(Internal, "response failed verification: "+e.err.Error())
		s.cancelWith(ie)
		return nil, ie
	}
	if err == io.EOF && !s.m.Kind.serverSendsMany() {
		s.mu.Lock()
		n := s.received
		s.mu.Unlock()
		if n == 0 {
			return nil, NewError(Internal, "server ended a client-streaming call with status OK and no response")
		}
	}
	if err == errStreamDone {
		ce := ctxError(s.ctx)
		s.cancelWith(ce)
		s.mu.Lock()
		if s.recvErr != nil {
			ce = s.recvErr
		}
		s.mu.Unlock()
		return nil, ce
	}
	return nil, err
}

func (s *clientStream) Header() (Metadata, error) {
	select {
	case <-s.headerCh:
	case <-s.ctx.Done():
		s.cancelWith(ctxError(s.ctx))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.header == nil && s.recvErr != nil && s.finished {
		return nil, s.recvErr
	}
	return s.header, nil
}

func (s *clientStream) Trailer() Metadata {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.trailer
}

func (s *clientStream) Cancel() {
	s.cancelWith(NewError(Canceled, "stream cancelled by the client"))
	s.release()
}
