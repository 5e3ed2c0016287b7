package runtime

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsflate"
	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// ClientConn is one WebSocket connection to a server that carries every call
// made through it. It is safe for concurrent use by many goroutines. It does
// not reconnect: once the connection is lost or the server sent GOAWAY, new
// calls fail with Unavailable and the application dials again.
type ClientConn struct {
	o    options
	pool bufPool
	c    *conn

	unary  UnaryInvoker // invoke wrapped in the unary interceptors
	stream Streamer     // newStream wrapped in the stream interceptors

	mu       sync.Mutex // guards the fields below; taken before c.wmu
	streams  map[uint32]*clientStream
	nextID   uint64 // next stream id (ids are uint32; 1<<32 means exhausted); assigned under c.wmu too, so OPENs go out in order
	goAway   bool   // GOAWAY received or Close called: no new calls
	closeErr *Error // why the connection ended, once it did

	runDone chan struct{} // closed when the connection goroutine returned
}

// Dial connects to a ws:// or wss:// URL, negotiates [Subprotocol] and
// returns the connection. ctx bounds the dial and handshake only. A failed
// upgrade is an *Error whose code follows the HTTP status: 403
// PermissionDenied (the Origin check), 401 Unauthenticated, 400
// FailedPrecondition (no wsgen subprotocol); a server that answers without
// selecting the subprotocol or with unsupported compression parameters is
// FailedPrecondition too; anything else (no connection, timeout, other
// statuses) is Unavailable.
func Dial(ctx context.Context, url string, opts ...Option) (*ClientConn, error) {
	cc := &ClientConn{o: buildOptions(opts), streams: make(map[uint32]*clientStream), nextID: 1, runDone: make(chan struct{})}
	d := ws.Dialer{
		Protocols: []string{Subprotocol},
		Timeout:   cc.o.dialTimeout,
		TLSConfig: cc.o.tlsConfig,
		NetDial:   cc.o.netDial,
	}
	if len(cc.o.header) > 0 {
		d.Header = ws.HandshakeHeaderHTTP(cc.o.header)
	}
	if cc.o.deflate != 0 {
		d.Extensions = append(d.Extensions, deflateParams.Option())
	}
	var status int
	d.OnStatusError = func(s int, _ []byte, _ io.Reader) { status = s }
	nc, br, hs, err := d.Dial(ctx, url)
	if err != nil {
		code := Unavailable
		switch status {
		case http.StatusForbidden:
			code = PermissionDenied
		case http.StatusUnauthorized:
			code = Unauthenticated
		case http.StatusBadRequest:
			code = FailedPrecondition
		}
		return nil, wrapError(code, "dial "+url+": "+err.Error(), err)
	}
	if hs.Protocol != Subprotocol {
		nc.Close()
		return nil, Errorf(FailedPrecondition, "dial %s: server did not accept subprotocol %s (got %q)", url, Subprotocol, hs.Protocol)
	}
	deflate, err := dialDeflate(hs)
	if err != nil {
		nc.Close()
		return nil, Errorf(FailedPrecondition, "dial %s: %v", url, err)
	}
	cc.c = newConn(nc, br, true, &cc.o, &cc.pool)
	cc.c.deflate = deflate
	cc.unary = cc.invoke
	for i := len(cc.o.unaryClient) - 1; i >= 0; i-- {
		ic, next := cc.o.unaryClient[i], cc.unary
		cc.unary = func(ctx context.Context, m *MethodDesc, req *flatbuffers.Builder, opts ...CallOption) (Reply, error) {
			return ic(ctx, m, req, next, opts...)
		}
	}
	cc.stream = cc.newStream
	for i := len(cc.o.streamClient) - 1; i >= 0; i-- {
		ic, next := cc.o.streamClient[i], cc.stream
		cc.stream = func(ctx context.Context, m *MethodDesc, opts ...CallOption) (ClientStreamer, error) {
			return ic(ctx, m, next, opts...)
		}
	}
	go func() {
		defer close(cc.runDone)
		cc.c.run(cc)
	}()
	return cc, nil
}

// dialDeflate reports whether the server accepted permessage-deflate (which
// the client offered only with WithCompression); it fails when the server
// answered with parameters the client cannot honour (context takeover).
func dialDeflate(hs ws.Handshake) (bool, error) {
	for _, x := range hs.Extensions {
		if !bytes.Equal(x.Name, wsflate.ExtensionNameBytes) {
			continue
		}
		var p wsflate.Parameters
		if err := p.Parse(x); err != nil {
			return false, err
		}
		if p.ClientMaxWindowBits.Defined() && p.ClientMaxWindowBits < 15 {
			return false, errors.New("server limited permessage-deflate's client window, which wsgen does not support")
		}
		if !p.ServerNoContextTakeover || !p.ClientNoContextTakeover {
			return false, errors.New("server accepted permessage-deflate with context takeover, which wsgen does not support")
		}
		return true, nil
	}
	return false, nil
}

// NewBuilder returns an empty pooled builder for a request.
func (cc *ClientConn) NewBuilder() *flatbuffers.Builder { return cc.pool.builder() }

// Close ends the connection: the server gets close code 1000 and running
// calls fail with Unavailable. It waits for the connection's goroutines.
func (cc *ClientConn) Close() error {
	cc.mu.Lock()
	cc.goAway = true
	cc.mu.Unlock()
	cc.c.closeWith(closeNormal, "client closing")
	select {
	case <-cc.runDone:
	case <-time.After(3 * time.Second):
		cc.c.fail(NewError(Canceled, "client closed the connection"), true)
		<-cc.runDone
	}
	return nil
}

// Done is closed when the connection has ended; Err then says why.
func (cc *ClientConn) Done() <-chan struct{} { return cc.runDone }

// Err returns why the connection ended, or nil while it is up.
func (cc *ClientConn) Err() error {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.closeErr == nil {
		return nil
	}
	return cc.closeErr
}

// Reply is a unary call's response: a verified view into a pooled read
// buffer. Call Release exactly once when done; Bytes must not be used after.
type Reply struct {
	data []byte
	buf  *rbuf
	pool *bufPool
}

// NewReply wraps bytes that are not pooled (for example in a client
// interceptor that answers from a cache); Release does nothing for it.
func NewReply(data []byte) Reply { return Reply{data: data} }

// Bytes returns the response payload.
func (r Reply) Bytes() []byte { return r.data }

// Release returns the buffer to the pool.
func (r Reply) Release() {
	if r.pool != nil {
		r.pool.put(r.buf)
	}
}

// Invoke performs a unary call of method m with the finished request builder
// req (ownership passes to the runtime). On success the Reply holds the
// verified response until Release. Errors are *Error: from the server
// (FromWire) or local (cancellation, deadline, a lost connection, a response
// that fails VerifyResponse → Internal).
func (cc *ClientConn) Invoke(ctx context.Context, m *MethodDesc, req *flatbuffers.Builder, opts ...CallOption) (Reply, error) {
	return cc.unary(ctx, m, req, opts...)
}

// NewStream starts a streaming call of method m. The stream ends when Recv
// returns an error, Cancel is called or ctx ends; the deadline of ctx is sent
// to the server.
func (cc *ClientConn) NewStream(ctx context.Context, m *MethodDesc, opts ...CallOption) (ClientStreamer, error) {
	return cc.stream(ctx, m, opts...)
}

// timeoutOf returns the OPEN timeout for ctx in nanoseconds (0: none), or an
// error if the deadline already passed.
func timeoutOf(ctx context.Context) (uint64, *Error) {
	if err := ctx.Err(); err != nil {
		return 0, ctxError(ctx)
	}
	d, ok := ctx.Deadline()
	if !ok {
		return 0, nil
	}
	t := time.Until(d)
	if t <= 0 {
		return 0, wrapError(DeadlineExceeded, "deadline exceeded before the call started", context.DeadlineExceeded)
	}
	return uint64(t), nil
}

// start registers a new stream and queues its OPEN (and, for unary-request
// kinds, the request with END) in one write-queue section so that stream ids
// reach the server in increasing order.
func (cc *ClientConn) start(ctx context.Context, m *MethodDesc, req *flatbuffers.Builder) (*clientStream, error) {
	timeout, cerr := timeoutOf(ctx)
	if cerr != nil {
		cc.pool.putBuilder(req)
		return nil, cerr
	}
	md := OutgoingMetadata(ctx)
	if len(md) > 0 {
		if err := checkMetadata(md); err != nil {
			cc.pool.putBuilder(req)
			return nil, err
		}
	}
	s := &clientStream{cc: cc, m: m, ctx: ctx}
	if req == nil {
		s.headerCh = make(chan struct{})
	}
	c := cc.c
	cc.mu.Lock()
	if cc.goAway || cc.closeErr != nil {
		err := cc.closeErr
		cc.mu.Unlock()
		cc.pool.putBuilder(req)
		if err == nil {
			err = NewError(Unavailable, "connection is draining (GOAWAY) or closed; dial a new one")
		}
		return nil, err
	}
	c.wmu.Lock()
	if c.closeQueued {
		c.wmu.Unlock()
		cc.mu.Unlock()
		cc.pool.putBuilder(req)
		return nil, NewError(Unavailable, "connection is closing")
	}
	if cc.nextID > 0xffffffff {
		// All 2^32-1 stream ids are used up.
		c.wmu.Unlock()
		cc.goAway = true
		cc.mu.Unlock()
		cc.pool.putBuilder(req)
		return nil, NewError(Unavailable, "stream ids exhausted on this connection; dial a new one")
	}
	id := uint32(cc.nextID)
	cc.nextID++
	s.init(c, id, m.VerifyResponse, m.Kind.serverSendsMany())
	cc.streams[id] = s
	c.scratch = wire.AppendOpenHead(c.scratch[:0], timeout, m.FullName)
	c.scratch = appendMetadata(c.scratch, md)
	if len(c.scratch) > maxControlFrame-wire.HeaderLen {
		c.wmu.Unlock()
		cc.mu.Unlock()
		cc.pool.putBuilder(req)
		return nil, NewError(ResourceExhausted, "request metadata exceeds the 64 KiB frame limit")
	}
	c.appendFrameLocked(wire.Header{Type: wire.TypeOpen, Stream: id}, c.scratch, nil, nil)
	if s.window > initialWindow {
		var b [4]byte
		c.appendFrameLocked(wire.Header{Type: wire.TypeCredit, Stream: id}, wire.AppendU32Body(b[:0], uint32(s.window-initialWindow)), nil, nil)
	}
	if req != nil {
		p := req.FinishedBytes()
		s.credit -= wire.HeaderLen + len(p)
		s.sendClosed = true
		c.appendFrameLocked(wire.Header{Type: wire.TypeMessage, Flags: wire.FlagEnd, Stream: id}, nil, p, req)
	}
	quiet := len(cc.streams) == 1
	cc.mu.Unlock()
	if quiet {
		// The only call: write on the caller's goroutine.
		c.flushLocked()
	} else {
		// Under load the write goroutine batches many calls' frames.
		c.startWriterLocked()
		c.wmu.Unlock()
	}
	return s, nil
}

// invoke is the unary call without interceptors.
func (cc *ClientConn) invoke(ctx context.Context, m *MethodDesc, req *flatbuffers.Builder, opts ...CallOption) (Reply, error) {
	if req == nil {
		return Reply{}, NewError(Internal, "Invoke: nil request builder")
	}
	s, err := cc.start(ctx, m, req)
	if err != nil {
		return Reply{}, err
	}
	select {
	case <-s.doneChan():
	case <-ctx.Done():
		s.cancelWith(ctxError(ctx))
	}
	s.mu.Lock()
	for _, o := range opts {
		if o.header != nil {
			*o.header = s.header
		}
		if o.trailer != nil {
			*o.trailer = s.trailer
		}
	}
	status := s.recvErr
	n := len(s.rq) - s.rqHead
	var it recvItem
	if n > 0 {
		it = s.rq[s.rqHead]
		s.rq[s.rqHead] = recvItem{}
		s.rqHead++
		cc.c.buffered.Add(-int64(it.cost))
	}
	s.mu.Unlock()
	if status != nil {
		cc.pool.put(it.buf)
		s.release()
		return Reply{}, status
	}
	if n != 1 {
		cc.pool.put(it.buf)
		s.release()
		return Reply{}, Errorf(Internal, "server ended a unary call with status OK and %d responses", n)
	}
	if m.VerifyResponse != nil {
		if err := m.VerifyResponse(it.p); err != nil {
			cc.pool.put(it.buf)
			return Reply{}, Errorf(Internal, "response failed verification: %v", err)
		}
	}
	return Reply{data: it.p, buf: it.buf, pool: &cc.pool}, nil
}

// newStream is NewStream without interceptors.
func (cc *ClientConn) newStream(ctx context.Context, m *MethodDesc, _ ...CallOption) (ClientStreamer, error) {
	s, err := cc.start(ctx, m, nil)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { s.cancelWith(ctxError(ctx)) })
	s.mu.Lock()
	if s.finished {
		s.mu.Unlock()
		stop()
	} else {
		s.stopCtx = stop
		s.mu.Unlock()
	}
	return s, nil
}

// frame handles a frame from the server (read goroutine).
func (cc *ClientConn) frame(h wire.Header, body []byte, buf *rbuf) (bool, error) {
	switch h.Type {
	case wire.TypeOpen, wire.TypeHalfClose, wire.TypeCancel:
		return false, protocolErr(fmt.Errorf("%v frame from a server", h.Type))
	case wire.TypeGoAway:
		g, err := wire.ParseGoAway(body)
		if err != nil {
			return false, protocolErr(fmt.Errorf("malformed GOAWAY: %w", err))
		}
		cc.handleGoAway(g)
		return false, nil
	}
	cc.mu.Lock()
	s := cc.streams[h.Stream]
	next := cc.nextID
	cc.mu.Unlock()
	if s == nil {
		if uint64(h.Stream) >= next {
			return false, protocolErr(fmt.Errorf("%v frame for stream %d, which was never opened", h.Type, h.Stream))
		}
		return false, nil // the call already ended here
	}
	switch h.Type {
	case wire.TypeHeaders:
		if s.gotHeader || s.gotMsg {
			s.protocolFail("HEADERS after headers or messages")
			return false, nil
		}
		md, err := wire.ParseMetadata(body)
		if err != nil {
			s.protocolFail("malformed HEADERS: " + err.Error())
			return false, nil
		}
		s.gotHeader = true
		s.setHeader(decodeMetadata(md))
	case wire.TypeMessage:
		if h.Flags&wire.FlagEnd != 0 {
			s.protocolFail("MESSAGE with END from the server")
			return false, nil
		}
		if !s.m.Kind.serverSendsMany() && s.gotMsg {
			s.protocolFail("more than one response for a " + s.m.Kind.String() + " method")
			return false, nil
		}
		if !s.gotMsg {
			// The first message implies an empty header (a no-op when
			// HEADERS came); later ones skip the stream lock here.
			s.gotMsg = true
			s.setHeader(nil)
		}
		kept, ferr := s.deliver(buf, body)
		if ferr != nil {
			s.cancelWith(ferr)
		}
		return kept, nil
	case wire.TypeStatus:
		st, err := wire.ParseStatus(body)
		if err != nil {
			s.protocolFail("malformed STATUS: " + err.Error())
			return false, nil
		}
		s.end(st)
	case wire.TypeCredit:
		n, err := wire.ParseCredit(body)
		if err != nil {
			s.protocolFail("malformed CREDIT: " + err.Error())
			return false, nil
		}
		s.addCredit(n)
	}
	return false, nil
}

// tooBig handles an oversized response (read goroutine).
func (cc *ClientConn) tooBig(id uint32, size int64) error {
	cc.mu.Lock()
	s := cc.streams[id]
	next := cc.nextID
	cc.mu.Unlock()
	if s == nil {
		if uint64(id) >= next {
			return protocolErr(fmt.Errorf("MESSAGE for stream %d, which was never opened", id))
		}
		return nil
	}
	s.cancelWith(Errorf(ResourceExhausted, "response message of %d bytes exceeds the limit of %d", size, cc.o.maxMessage))
	return nil
}

// handleGoAway stops new calls and fails the calls the server will not
// process.
func (cc *ClientConn) handleGoAway(g wire.GoAway) {
	cc.mu.Lock()
	cc.goAway = true
	var refused []*clientStream
	for id, s := range cc.streams {
		if id > g.LastStream {
			refused = append(refused, s)
		}
	}
	cc.mu.Unlock()
	for _, s := range refused {
		// No CANCEL: the server answers these OPENs with UNAVAILABLE itself.
		cc.remove(s.id)
		s.finishLocal(NewError(Unavailable, "server is draining and did not process this call; retry on a new connection"))
	}
}

// closed fails every running call when the connection ended.
func (cc *ClientConn) closed(err *Error) {
	cc.mu.Lock()
	cc.closeErr = err
	cc.goAway = true
	list := make([]*clientStream, 0, len(cc.streams))
	for _, s := range cc.streams {
		list = append(list, s)
	}
	cc.streams = map[uint32]*clientStream{}
	cc.mu.Unlock()
	for _, s := range list {
		s.finishLocal(err)
	}
}

// The client does not close idle connections.
func (cc *ClientConn) idleTimeout() time.Duration { return 0 }
func (cc *ClientConn) checkIdle(time.Time)        {}

func (cc *ClientConn) remove(id uint32) {
	cc.mu.Lock()
	delete(cc.streams, id)
	cc.mu.Unlock()
}

// decodeMetadata copies a wire metadata block into a Metadata map.
func decodeMetadata(m wire.Metadata) Metadata {
	if m.N == 0 {
		return nil
	}
	md := make(Metadata, m.N)
	m.Each(func(k, v []byte) {
		key := string(k)
		md[key] = append(md[key], string(v))
	})
	return md
}
