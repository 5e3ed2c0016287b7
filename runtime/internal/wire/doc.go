// Package wire encodes and decodes the frames of the wsgen RPC protocol
// (docs/protocol.md) and the WebSocket frame headers that carry them.
//
// Encoders append to the caller's buffer and decoders return views into the
// caller's buffer; neither allocates. Decoders never panic: every malformed
// input yields an error naming what is wrong.
package wire
