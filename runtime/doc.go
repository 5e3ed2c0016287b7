// Package runtime is the RPC runtime that wsgen-generated clients and servers
// call: one WebSocket connection (github.com/gobwas/ws) multiplexes many
// concurrent unary and streaming calls with FlatBuffers payloads that are
// verified and then read in place.
//
// The wire protocol is specified in docs/protocol.md. Generated code describes
// each service with a [ServiceDesc]; servers register it with
// [Server.Register], clients call [ClientConn.Invoke] (unary) or
// [ClientConn.NewStream] (streaming).
//
// # Payload ownership (zero copy)
//
// Outgoing payloads are built in a *flatbuffers.Builder obtained from
// [ClientConn.NewBuilder] or a stream's NewBuilder. Passing a finished builder to
// Invoke or Send transfers it to the runtime, which writes the finished bytes
// straight from the builder's buffer (a vectored write; nothing is copied on
// the server, and the client copies once while applying the WebSocket mask) and
// then returns the builder to its pool. The caller must not touch a builder after
// handing it over. (Payloads under 1 KiB are copied into the write buffer
// instead: a copy that small costs less than another iovec.)
//
// Incoming payloads are views into pooled read buffers, verified with the
// method's VerifyRequest/VerifyResponse function before anyone sees them:
//
//   - a unary request view passed to a [UnaryHandler] is valid until the
//     handler returns;
//   - a view returned by a stream's Recv is valid until the next Recv call on
//     that stream, or until the handler returns (server) / the stream ends
//     (client), whichever comes first;
//   - a unary reply ([Reply]) is valid until [Reply.Release] is called.
//
// Copy what you need to keep (the object API's UnPack does).
//
// # Goroutines
//
// Every goroutine has one owner that starts and joins it. An idle
// connection costs one goroutine on each side and no large read buffer: its read
// loop runs on the goroutine that serves the connection (a goroutine of
// [Server.Serve], the caller of [Server.ServeHTTP], or one started by [Dial]
// and joined by [ClientConn.Close]) and takes a pooled buffer only while
// data arrives. One goroutine at a time owns the socket's write side: a
// caller whose call is the only one running writes its own frames; under
// load, or for frames queued by the read loop, a short-lived write
// goroutine (joined by the read loop before the connection ends) writes
// everything queued in one vectored write. The keepalive and idle checks
// run on a timer. On the server each running call has a goroutine for its
// handler, joined before the connection counts as closed; [Server.Shutdown]
// and [Server.Close] return after all of them ended. A handler that ignores
// its context delays that.
//
// # Compression
//
// [WithCompression] on both the Server and Dial negotiates the WebSocket
// permessage-deflate extension (off by default). Compressed messages are
// copied (compressed into a pooled buffer, inflated into a pooled read
// buffer) instead of written and read in place; the views above keep the
// same lifetime rules. Inflating is bounded by [WithMaxMessageSize].
//
// # Errors
//
// Every error returned by the runtime is, or wraps, an [*Error] with one of the
// gRPC status codes; [CodeOf] extracts it. [Error.FromWire] tells an error
// received from the peer from one produced locally.
package runtime
