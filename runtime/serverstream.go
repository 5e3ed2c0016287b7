package runtime

import (
	"context"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// serverStream is one call on the server. Besides the shared core it holds
// the handler's context and the response headers and trailers.
type serverStream struct {
	core
	sc    *serverConn
	m     *method
	ctx   callCtx  // the handler's context; carries the stream itself
	reqMD Metadata // request metadata; read-only after open

	// gotMsg and gotEnd belong to the read goroutine.
	gotMsg, gotEnd bool

	// Guarded by core.mu.
	header     Metadata
	headerSent bool
	trailer    Metadata
	ended      bool // the call's end was decided (STATUS queued or client cancelled)
}

var _ ServerStreamer = (*serverStream)(nil)

type streamKey struct{}

func serverStreamFrom(ctx context.Context) *serverStream {
	s, _ := ctx.Value(streamKey{}).(*serverStream)
	return s
}

// SetHeader adds md to the response headers of the call handled under ctx
// (a unary handler's context); they are sent with the response. It fails
// outside a handler or after the headers were sent.
func SetHeader(ctx context.Context, md Metadata) error {
	s := serverStreamFrom(ctx)
	if s == nil {
		return NewError(Internal, "SetHeader: context is not a wsgen call's")
	}
	return s.SetHeader(md)
}

// SendHeader sends the response headers of the call handled under ctx now,
// with md added.
func SendHeader(ctx context.Context, md Metadata) error {
	s := serverStreamFrom(ctx)
	if s == nil {
		return NewError(Internal, "SendHeader: context is not a wsgen call's")
	}
	return s.SendHeader(md)
}

// SetTrailer adds md to the trailers of the call handled under ctx.
func SetTrailer(ctx context.Context, md Metadata) error {
	s := serverStreamFrom(ctx)
	if s == nil {
		return NewError(Internal, "SetTrailer: context is not a wsgen call's")
	}
	if err := checkMetadata(md); err != nil {
		return err
	}
	s.SetTrailer(md)
	return nil
}

func (st *serverStream) Context() context.Context { return &st.ctx }

func (st *serverStream) NewBuilder() *flatbuffers.Builder { return st.sc.s.pool.builder() }

func (st *serverStream) SetHeader(md Metadata) error {
	if err := checkMetadata(md); err != nil {
		return err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.headerSent || st.ended {
		return NewError(Internal, "SetHeader after the headers were sent")
	}
	st.header = mergeMD(st.header, md)
	return nil
}

func (st *serverStream) SendHeader(md Metadata) error {
	if err := checkMetadata(md); err != nil {
		return err
	}
	st.mu.Lock()
	if st.headerSent || st.ended {
		st.mu.Unlock()
		return NewError(Internal, "SendHeader after the headers were sent")
	}
	st.header = mergeMD(st.header, md)
	st.headerSent = true
	hdr := st.header
	st.mu.Unlock()
	return st.sc.writeHeaders(st.id, hdr)
}

func (st *serverStream) SetTrailer(md Metadata) {
	if err := checkMetadata(md); err != nil {
		st.sc.s.o.logf("wsgen: %s: trailer dropped: %v", st.m.desc.FullName, err)
		return
	}
	st.mu.Lock()
	st.trailer = mergeMD(st.trailer, md)
	st.mu.Unlock()
}

func mergeMD(dst, src Metadata) Metadata {
	if len(src) == 0 {
		return dst
	}
	if dst == nil {
		dst = make(Metadata, len(src))
	}
	for k, v := range src {
		dst.Append(k, v...)
	}
	return dst
}

// Recv returns the next verified request.
func (st *serverStream) Recv() ([]byte, error) {
	p, err := st.recv(nil)
	switch e := err.(type) {
	case nil:
		return p, nil
	case *errInvalidPayload:
		ie := NewError(InvalidArgument, "request failed verification: "+e.err.Error())
		st.fail(ie)
		return nil, ie
	}
	if err == errStreamDone {
		return nil, ctxError(&st.ctx)
	}
	return nil, err
}

// Send sends one response; it takes ownership of b.
func (st *serverStream) Send(b *flatbuffers.Builder) error {
	payload := b.FinishedBytes()
	if err := st.takeCredit(len(payload), nil); err != nil {
		st.sc.s.pool.putBuilder(b)
		return st.endErr()
	}
	st.mu.Lock()
	if st.ended {
		st.mu.Unlock()
		st.sc.s.pool.putBuilder(b)
		return st.endErr()
	}
	var hdr Metadata
	sendHdr := !st.headerSent && len(st.header) > 0
	if sendHdr {
		hdr = st.header
	}
	st.headerSent = true
	st.mu.Unlock()
	if sendHdr {
		if err := st.sc.writeHeaders(st.id, hdr); err != nil {
			st.sc.s.pool.putBuilder(b)
			return st.endErr()
		}
	}
	if err := st.c.sendMessage(wire.Header{Type: wire.TypeMessage, Stream: st.id}, payload, b, st.doneChan()); err != nil {
		return st.endErr()
	}
	return nil
}

// endErr is what Send reports once the call is over.
func (st *serverStream) endErr() error {
	if err := st.ctx.Err(); err != nil {
		return ctxError(&st.ctx)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.recvErr != nil {
		return st.recvErr
	}
	return NewError(Canceled, "call ended")
}

// finish ends the call with err (nil: OK), sending reply b first when given.
// Only the first end counts. It may run on the read goroutine.
func (st *serverStream) finish(err error, b *flatbuffers.Builder) { st.end(err, b, false) }

// end is finish; direct (only on the handler's goroutine) lets it write the
// end of the call itself when the connection's write side is free.
func (st *serverStream) end(err error, b *flatbuffers.Builder, direct bool) {
	st.mu.Lock()
	if st.ended {
		st.mu.Unlock()
		st.sc.s.pool.putBuilder(b)
		return
	}
	st.ended = true
	var hdr Metadata
	sendHdr := !st.headerSent && len(st.header) > 0
	if sendHdr {
		hdr = st.header
	}
	st.headerSent = true
	trailer := st.trailer
	st.mu.Unlock()
	var e *Error
	if err != nil {
		e = toError(err)
	}
	st.sc.writeEnd(st, st.id, sendHdr, hdr, b, e, trailer, direct)
	st.abort(e) // nil: Recv reports io.EOF, Send the context's error
	st.ctx.cancel(context.Canceled)
}

// fail ends the call with a stream error detected by the runtime.
func (st *serverStream) fail(e *Error) { st.finish(e, nil) }

// peerCancel handles the client's CANCEL: no STATUS is sent.
func (st *serverStream) peerCancel(code Code) {
	st.mu.Lock()
	if st.ended {
		st.mu.Unlock()
		return
	}
	st.ended = true
	st.mu.Unlock()
	st.abort(Errorf(Canceled, "call cancelled by the client (%v)", code))
	st.ctx.cancel(context.Canceled)
	st.sc.remove(st)
}

// runUnary serves a unary call: one request, the handler, one response.
func (st *serverStream) runUnary() {
	req, err := st.Recv()
	if err != nil {
		if isEOF(err) {
			err = NewError(Internal, "the client half-closed without sending a request")
		}
		st.finish(err, nil)
		return
	}
	b := st.sc.s.pool.builder()
	if err := st.callUnary(req, b); err != nil {
		st.sc.s.pool.putBuilder(b)
		st.end(err, nil, true)
		return
	}
	st.end(nil, b, true)
}

// callUnary runs the interceptors and handler, turning a panic into Internal.
func (st *serverStream) callUnary(req []byte, b *flatbuffers.Builder) (err error) {
	defer st.recoverInto(&err)
	err = st.m.unary(&st.ctx, req, b)
	if err == nil {
		// The handler must have finished the builder; check it here so that
		// a forgotten Finish is reported as such.
		b.FinishedBytes()
	}
	return err
}

// callStream runs the interceptors and a stream handler.
func (st *serverStream) callStream() (err error) {
	defer st.recoverInto(&err)
	return st.m.stream(st)
}

func (st *serverStream) recoverInto(err *error) {
	if r := recover(); r != nil {
		st.sc.s.o.logf("wsgen: handler for %s panicked: %v\n%s", st.m.desc.FullName, r, debug.Stack())
		*err = Errorf(Internal, "handler panicked: %v", r)
	}
}

// writeHeaders queues a HEADERS frame.
func (sc *serverConn) writeHeaders(id uint32, md Metadata) error {
	c := sc.c
	c.wmu.Lock()
	if c.closeQueued {
		c.wmu.Unlock()
		return errConnClosing
	}
	c.scratch = appendMetadata(c.scratch[:0], md)
	if len(c.scratch) > maxControlFrame-wire.HeaderLen {
		c.wmu.Unlock()
		return NewError(Internal, "response headers exceed the 64 KiB frame limit")
	}
	c.appendFrameLocked(wire.Header{Type: wire.TypeHeaders, Stream: id}, c.scratch, nil, nil)
	c.wmu.Unlock()
	c.kick()
	return nil
}

// writeEnd queues the end of a call in one go: HEADERS if due, the reply
// MESSAGE if any, and STATUS. In the same critical section it forgets the
// stream (st, nil for a refused call), so the call no longer counts against
// the concurrency limit by the time the client can see the STATUS and open
// its next call. direct: the caller is not the read goroutine and may write
// the frames itself (conn.flushLocked) if no other call runs.
func (sc *serverConn) writeEnd(st *serverStream, id uint32, sendHdr bool, hdr Metadata, b *flatbuffers.Builder, e *Error, trailer Metadata, direct bool) {
	c := sc.c
	c.wmu.Lock()
	if c.closeQueued {
		c.wmu.Unlock()
		sc.s.pool.putBuilder(b)
		if st != nil {
			sc.remove(st)
		}
		return
	}
	if sendHdr {
		c.scratch = appendMetadata(c.scratch[:0], hdr)
		if len(c.scratch) > maxControlFrame-wire.HeaderLen {
			sc.s.pool.putBuilder(b)
			b, trailer = nil, nil
			e = NewError(Internal, "response headers exceed the 64 KiB frame limit")
		} else {
			c.appendFrameLocked(wire.Header{Type: wire.TypeHeaders, Stream: id}, c.scratch, nil, nil)
		}
	}
	if b != nil {
		c.appendFrameLocked(wire.Header{Type: wire.TypeMessage, Stream: id}, nil, b.FinishedBytes(), b)
	}
	c.scratch = appendStatus(c.scratch[:0], e, trailer)
	c.appendFrameLocked(wire.Header{Type: wire.TypeStatus, Stream: id}, c.scratch, nil, nil)
	if st != nil {
		closeNow, busy := sc.forget(st)
		if closeNow {
			c.closeLocked(closeNormal, "server shutting down")
		}
		// Under load the write goroutine batches the ends of many calls.
		direct = direct && !busy
	}
	if direct {
		c.flushLocked()
		return
	}
	c.wmu.Unlock()
	c.kick()
}

// appendMetadata appends md as a metadata block; keys are lowercased and
// invalid ones skipped (callers reject them earlier with checkMetadata).
func appendMetadata(dst []byte, md Metadata) []byte {
	n := 0
	for k, vs := range md {
		if _, ok := wireKey(k); ok {
			n += len(vs)
		}
	}
	dst = wire.AppendMetadataCount(dst, min(n, 0xffff))
	written := 0
	for k, vs := range md {
		key, ok := wireKey(k)
		if !ok {
			continue
		}
		for _, v := range vs {
			if written == 0xffff {
				return dst
			}
			dst = wire.AppendMetadataPair(dst, key, v)
			written++
		}
	}
	return dst
}

// maxStatusMessage bounds the message of a STATUS frame.
const maxStatusMessage = 8 << 10

// appendStatus appends a STATUS body for e (nil: OK) and trailers. The
// message is made valid UTF-8 and truncated; if details and trailers would
// push the frame past the control-frame limit they are dropped.
func appendStatus(dst []byte, e *Error, trailer Metadata) []byte {
	start := len(dst)
	dst = appendStatusParts(dst, e, trailer, true)
	if len(dst)-start > maxControlFrame-wire.HeaderLen {
		dst = appendStatusParts(dst[:start], e, nil, false)
	}
	return dst
}

func appendStatusParts(dst []byte, e *Error, trailer Metadata, details bool) []byte {
	if e != nil {
		msg := e.msg
		if len(msg) > maxStatusMessage {
			// Cut at a rune boundary, so the message stays within the limit
			// after ToValidUTF8.
			n := maxStatusMessage
			for n > 0 && !utf8.RuneStart(msg[n]) {
				n--
			}
			msg = msg[:n]
		}
		msg = strings.ToValidUTF8(msg, "\uFFFD")
		n := len(e.details)
		if !details {
			n = 0
		}
		dst = wire.AppendStatusHead(dst, uint32(e.code), msg, n)
		for _, d := range e.details[:n] {
			dst = wire.AppendDetail(dst, d.Type, d.Value)
		}
		return appendMetadata(dst, trailer)
	}
	if e == nil {
		dst = wire.AppendStatusHead(dst, uint32(OK), "", 0)
	}
	return appendMetadata(dst, trailer)
}
