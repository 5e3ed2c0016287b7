package runtime

import (
	"context"
	"iter"

	flatbuffers "github.com/google/flatbuffers/go"
)

// Subprotocol is the WebSocket subprotocol (Sec-WebSocket-Protocol) of the
// protocol version this runtime speaks. See docs/protocol.md.
const Subprotocol = "wsgen.v1"

// Conn is what generated clients call: [*ClientConn] implements it, and tests
// or middleware may substitute their own.
type Conn interface {
	// Invoke performs a unary call; see [ClientConn.Invoke].
	Invoke(ctx context.Context, m *MethodDesc, req *flatbuffers.Builder, opts ...CallOption) (Reply, error)
	// NewStream starts a streaming call; see [ClientConn.NewStream].
	NewStream(ctx context.Context, m *MethodDesc, opts ...CallOption) (ClientStreamer, error)
	// NewBuilder returns an empty pooled builder for a request.
	NewBuilder() *flatbuffers.Builder
}

var _ Conn = (*ClientConn)(nil)

// StreamKind says how many messages flow each way in a method's calls.
type StreamKind uint8

// The stream kinds.
const (
	Unary        StreamKind = iota // one request, one response
	ServerStream                   // one request, a stream of responses
	ClientStream                   // a stream of requests, one response
	BidiStream                     // streams both ways
)

// String returns "unary", "server_stream", "client_stream" or "bidi_stream".
func (k StreamKind) String() string {
	switch k {
	case Unary:
		return "unary"
	case ServerStream:
		return "server_stream"
	case ClientStream:
		return "client_stream"
	case BidiStream:
		return "bidi_stream"
	}
	return "invalid"
}

// clientSendsMany reports whether the client may send more than one message.
func (k StreamKind) clientSendsMany() bool { return k == ClientStream || k == BidiStream }

// serverSendsMany reports whether the server may send more than one message.
func (k StreamKind) serverSendsMany() bool { return k == ServerStream || k == BidiStream }

// VerifyFunc checks that a payload is a well-formed FlatBuffer of the expected
// root table before anyone reads it. Generated code supplies one per request
// and response type. A nil VerifyFunc accepts every payload.
type VerifyFunc func(buf []byte) error

// UnaryHandler serves one unary call. srv is the implementation passed to
// [Server.Register]; req is the verified request, valid until the handler
// returns; reply is an empty pooled builder in which the handler builds the
// response and calls Finish (or FinishWithFileIdentifier). Returning an error
// ends the call with that status (a non-*Error becomes Unknown) and discards
// reply. Generated code provides one adapter per method, for example:
//
//	func(srv any, ctx context.Context, req []byte, b *flatbuffers.Builder) error {
//		r, err := srv.(GreeterServer).SayHello(ctx, GetRootAsHelloRequest(req, 0).UnPack())
//		if err != nil {
//			return err
//		}
//		b.Finish(r.Pack(b))
//		return nil
//	}
type UnaryHandler func(srv any, ctx context.Context, req []byte, reply *flatbuffers.Builder) error

// StreamHandler serves one streaming call (server, client or bidirectional).
// It receives requests with stream.Recv and sends responses with
// stream.Send; for client-streaming methods it sends exactly one response.
// Returning ends the call: nil with status OK, an error with its status.
type StreamHandler func(srv any, stream ServerStreamer) error

// MethodDesc describes one method. Generated code declares them as
// package-level values that are never modified.
type MethodDesc struct {
	// Name is the method's short name, "SayHello".
	Name string
	// FullName is "/" + service name + "/" + Name, "/pkg.Greeter/SayHello";
	// it is what travels in the OPEN frame.
	FullName string
	// Kind is the streaming kind.
	Kind StreamKind
	// Idempotent marks methods without side effects beyond the first call.
	Idempotent bool
	// VerifyRequest and VerifyResponse check incoming payloads (server side
	// and client side respectively). nil accepts everything.
	VerifyRequest, VerifyResponse VerifyFunc
	// Unary serves calls when Kind is Unary; Stream serves the other kinds.
	// The client ignores both.
	Unary  UnaryHandler
	Stream StreamHandler
}

// ServiceDesc describes a service: its fully qualified name ("pkg.Greeter")
// and methods.
type ServiceDesc struct {
	Name string
	// HandlerType is a nil pointer to the service's server interface, for
	// example (*GreeterServer)(nil); Register checks that the implementation
	// satisfies it. Optional.
	HandlerType any
	Methods     []MethodDesc
}

// ServerStreamer is the server's side of a streaming call. Its methods may be
// called from one goroutine for sending and another for receiving.
type ServerStreamer interface {
	// Context returns the call's context: cancelled when the client cancels,
	// the deadline passes, the connection breaks or the handler returns. It
	// carries the request metadata (see IncomingMetadata).
	Context() context.Context
	// Recv returns the next verified request, valid until the next Recv or
	// until the handler returns, or io.EOF after the client half-closed, or an
	// *Error.
	Recv() ([]byte, error)
	// NewBuilder returns an empty pooled builder for one response.
	NewBuilder() *flatbuffers.Builder
	// Send sends the finished builder b as one response and takes ownership of
	// b. It blocks while the client's flow-control window is exhausted.
	Send(b *flatbuffers.Builder) error
	// SetHeader adds md to the response headers sent before the first
	// response (or with the end of the call).
	SetHeader(md Metadata) error
	// SendHeader sends the response headers now, with md added.
	SendHeader(md Metadata) error
	// SetTrailer adds md to the trailers sent with the final status
	// (invalid keys drop md and are logged; see Metadata).
	SetTrailer(md Metadata)
}

// ClientStreamer is the client's side of a streaming call. Send and CloseSend
// may run in one goroutine while Recv runs in another.
type ClientStreamer interface {
	// Context returns the context the stream was created with.
	Context() context.Context
	// NewBuilder returns an empty pooled builder for one request.
	NewBuilder() *flatbuffers.Builder
	// Send sends the finished builder b as one request and takes ownership of
	// b. It blocks while the server's flow-control window is exhausted. After
	// the call ended it returns io.EOF; Recv then reports the status.
	Send(b *flatbuffers.Builder) error
	// CloseSend half-closes: the server's Recv returns io.EOF.
	CloseSend() error
	// Recv returns the next verified response, valid until the next Recv or
	// Cancel, io.EOF when the call ended with status OK, or the call's *Error.
	Recv() ([]byte, error)
	// Header waits for the response headers (empty if the server sent none
	// before ending the call).
	Header() (Metadata, error)
	// Trailer returns the trailers; valid after Recv returned a non-nil error.
	Trailer() Metadata
	// Cancel ends the call if it is still running (the server sees Canceled)
	// and releases its buffers. Call it when you stop before Recv returns an
	// error; it is safe to call more than once.
	Cancel()
}

// Messages returns an iterator over the messages of a stream: it yields each
// view (valid until the loop body returns to the iterator) with a nil error,
// stops quietly at io.EOF, and yields (nil, err) once on any other error.
// Breaking out of the loop leaves the stream open; cancel it if you are done.
func Messages(recv func() ([]byte, error)) iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		for {
			m, err := recv()
			if err != nil {
				if !isEOF(err) {
					yield(nil, err)
				}
				return
			}
			if !yield(m, nil) {
				return
			}
		}
	}
}

// MethodInfo describes the call an interceptor sees.
type MethodInfo struct {
	// Method is the method's descriptor.
	Method *MethodDesc
	// Server is the implementation passed to Register (nil on the client).
	Server any
}

// UnaryServerHandlerFunc is the next step in a chain of unary server
// interceptors.
type UnaryServerHandlerFunc func(ctx context.Context, req []byte, reply *flatbuffers.Builder) error

// UnaryServerInterceptor wraps unary handlers: call next to continue.
type UnaryServerInterceptor func(ctx context.Context, req []byte, reply *flatbuffers.Builder, info *MethodInfo, next UnaryServerHandlerFunc) error

// StreamServerInterceptor wraps stream handlers: call next to continue (it
// may pass a wrapped stream).
type StreamServerInterceptor func(stream ServerStreamer, info *MethodInfo, next func(ServerStreamer) error) error

// UnaryInvoker performs a unary call; it is the next step in a chain of unary
// client interceptors.
type UnaryInvoker func(ctx context.Context, m *MethodDesc, req *flatbuffers.Builder, opts ...CallOption) (Reply, error)

// UnaryClientInterceptor wraps unary calls: call next to continue.
type UnaryClientInterceptor func(ctx context.Context, m *MethodDesc, req *flatbuffers.Builder, next UnaryInvoker, opts ...CallOption) (Reply, error)

// Streamer opens a stream; it is the next step in a chain of stream client
// interceptors.
type Streamer func(ctx context.Context, m *MethodDesc, opts ...CallOption) (ClientStreamer, error)

// StreamClientInterceptor wraps stream creation: call next to continue (it
// may return a wrapped stream).
type StreamClientInterceptor func(ctx context.Context, m *MethodDesc, next Streamer, opts ...CallOption) (ClientStreamer, error)
