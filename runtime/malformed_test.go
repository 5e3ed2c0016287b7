package runtime_test

import (
	"bufio"
	"context"
	"encoding/binary"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gobwas/ws"
	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// rawConn is a hand-driven WebSocket client for sending broken input.
type rawConn struct {
	t  *testing.T
	nc net.Conn
	br *bufio.Reader
}

func dialRaw(t *testing.T, e *env) *rawConn {
	t.Helper()
	d := ws.Dialer{Protocols: []string{runtime.Subprotocol}, NetDial: e.netDial}
	nc, br, _, err := d.Dial(context.Background(), e.url)
	if err != nil {
		t.Fatal(err)
	}
	if br == nil {
		br = bufio.NewReader(nc)
	}
	t.Cleanup(func() { nc.Close() })
	return &rawConn{t: t, nc: nc, br: br}
}

// sendWS writes one masked WebSocket frame.
func (r *rawConn) sendWS(op ws.OpCode, fin bool, payload []byte) {
	r.t.Helper()
	f := ws.NewFrame(op, fin, append([]byte(nil), payload...))
	f = ws.MaskFrameInPlace(f)
	if err := ws.WriteFrame(r.nc, f); err != nil {
		r.t.Fatal(err)
	}
}

func (r *rawConn) send(frame []byte) { r.t.Helper(); r.sendWS(ws.OpBinary, true, frame) }

func (r *rawConn) open(id uint32, method string) {
	r.t.Helper()
	b := wire.AppendHeader(nil, wire.Header{Type: wire.TypeOpen, Stream: id})
	b = wire.AppendOpenHead(b, 0, method)
	r.send(wire.AppendMetadataCount(b, 0))
}

// next reads the next WebSocket frame from the server.
func (r *rawConn) next() (ws.Frame, error) {
	r.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	return ws.ReadFrame(r.br)
}

// expectClose reads until the server's close frame and checks its code.
func (r *rawConn) expectClose(code ws.StatusCode) {
	r.t.Helper()
	for {
		f, err := r.next()
		if err != nil {
			r.t.Fatalf("no close frame (want %d): %v", code, err)
		}
		if f.Header.OpCode == ws.OpClose {
			got, reason := ws.ParseCloseFrameData(f.Payload)
			if got != code {
				r.t.Fatalf("close code %d (%s), want %d", got, reason, code)
			}
			return
		}
	}
}

// expectStatus reads until a STATUS frame for stream id and checks its code.
func (r *rawConn) expectStatus(id uint32, code runtime.Code) {
	r.t.Helper()
	for {
		f, err := r.next()
		if err != nil {
			r.t.Fatalf("no STATUS for stream %d: %v", id, err)
		}
		if f.Header.OpCode == ws.OpPong || f.Header.OpCode == ws.OpPing {
			continue
		}
		if f.Header.OpCode != ws.OpBinary {
			r.t.Fatalf("unexpected websocket frame %v", f.Header.OpCode)
		}
		h, body, err := wire.ParseHeader(f.Payload)
		if err != nil {
			r.t.Fatal(err)
		}
		if h.Type != wire.TypeStatus || h.Stream != id {
			continue
		}
		st, err := wire.ParseStatus(body)
		if err != nil {
			r.t.Fatal(err)
		}
		if runtime.Code(st.Code) != code {
			r.t.Fatalf("stream %d: status %v (%s), want %v", id, runtime.Code(st.Code), st.Message, code)
		}
		return
	}
}

func frame(t wire.Type, flags uint8, id uint32, body ...byte) []byte {
	return append(wire.AppendHeader(nil, wire.Header{Type: t, Flags: flags, Stream: id}), body...)
}

// TestMalformedFramesCloseConnection: input that breaks the framing closes
// that connection with the documented close code; other connections carry on.
func TestMalformedFramesCloseConnection(t *testing.T) {
	for _, tc := range []struct {
		name string
		do   func(r *rawConn)
		code ws.StatusCode
	}{
		{"truncated frame header", func(r *rawConn) { r.send([]byte{3, 0, 0}) }, 1002},
		{"reserved bytes", func(r *rawConn) { r.send([]byte{3, 0, 1, 0, 1, 0, 0, 0}) }, 1002},
		{"unknown frame type", func(r *rawConn) { r.send(frame(0x7f, 0, 1)) }, 1002},
		{"undefined flag", func(r *rawConn) { r.send(frame(wire.TypeMessage, 0x80, 1)) }, 1002},
		{"garbage", func(r *rawConn) { r.send([]byte("\xde\xad\xbe\xef garbage garbage")) }, 1002},
		{"text message", func(r *rawConn) { r.sendWS(ws.OpText, true, []byte("hello")) }, 1003},
		{"headers from client", func(r *rawConn) { r.send(frame(wire.TypeHeaders, 0, 1, 0, 0)) }, 1002},
		{"message on unopened stream", func(r *rawConn) { r.send(frame(wire.TypeMessage, 0, 5)) }, 1002},
		{"stream ids not increasing", func(r *rawConn) {
			r.open(3, "/test.Echo/Chat")
			r.open(3, "/test.Echo/Chat")
		}, 1002},
		{"message on stream 0", func(r *rawConn) { r.send(frame(wire.TypeMessage, 0, 0)) }, 1002},
		{"bad ping length", func(r *rawConn) { r.send(frame(wire.TypePing, 0, 0, 1, 2)) }, 1002},
		{"control frame over 64 KiB", func(r *rawConn) {
			b := wire.AppendHeader(nil, wire.Header{Type: wire.TypeOpen, Stream: 1})
			b = wire.AppendOpenHead(b, 0, "/test.Echo/Echo")
			b = wire.AppendMetadataCount(b, 1)
			r.send(wire.AppendMetadataPair(b, "big", strings.Repeat("v", 70<<10)))
		}, 1009},
		{"continuation without start", func(r *rawConn) { r.sendWS(ws.OpContinuation, true, []byte{1}) }, 1002},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, "tcp", nil)
			r := dialRaw(t, e)
			tc.do(r)
			r.expectClose(tc.code)
			if _, err := e.call(context.Background(), msg{Text: "still serving"}); err != nil {
				t.Fatalf("other connection failed: %v", err)
			}
		})
	}
}

// noStatus marks cases whose call may end either way (a race between the
// handler finishing and the bad frame); only the connection's health counts.
const noStatus = runtime.Code(1 << 31)

// TestMalformedCallInput: broken input for one call fails that call with the
// documented status; the connection keeps working.
func TestMalformedCallInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		do   func(r *rawConn)
		code runtime.Code
	}{
		{"malformed open body", func(r *rawConn) { r.send(frame(wire.TypeOpen, 0, 1, 1, 2, 3)) }, runtime.Internal},
		{"bad method name", func(r *rawConn) { r.open(1, "no-slashes") }, runtime.Internal},
		{"unknown method", func(r *rawConn) { r.open(1, "/test.Echo/Missing") }, runtime.Unimplemented},
		{"invalid payload", func(r *rawConn) {
			r.open(1, "/test.Echo/Echo")
			r.send(frame(wire.TypeMessage, wire.FlagEnd, 1, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0))
		}, runtime.InvalidArgument},
		{"empty payload", func(r *rawConn) {
			r.open(1, "/test.Echo/Echo")
			r.send(frame(wire.TypeMessage, wire.FlagEnd, 1))
		}, runtime.InvalidArgument},
		{"half-close without request", func(r *rawConn) {
			r.open(1, "/test.Echo/Echo")
			r.send(frame(wire.TypeHalfClose, 0, 1))
		}, runtime.Internal},
		{"zero credit", func(r *rawConn) {
			r.open(1, "/test.Echo/Chat")
			r.send(frame(wire.TypeCredit, 0, 1, 0, 0, 0, 0))
		}, runtime.Internal},
		{"repeated half-close", func(r *rawConn) {
			// Count streams a million replies; without credit from us it
			// blocks, so the call is still running at the second HALF_CLOSE.
			r.open(1, "/test.Echo/Count")
			r.send(frame(wire.TypeMessage, 0, 1, msg{N: 1e6}.build(flatbuffers.NewBuilder(0)).FinishedBytes()...))
			r.send(frame(wire.TypeHalfClose, 0, 1))
			r.send(frame(wire.TypeHalfClose, 0, 1))
		}, runtime.Internal},
		{"message after half-close", func(r *rawConn) {
			r.open(1, "/test.Echo/Chat")
			r.send(frame(wire.TypeHalfClose, 0, 1))
			r.send(frame(wire.TypeMessage, 0, 1, msg{}.build(flatbuffers.NewBuilder(0)).FinishedBytes()...))
		}, noStatus},
		{"oversized message", func(r *rawConn) {
			r.open(1, "/test.Echo/Chat")
			r.send(frame(wire.TypeMessage, 0, 1, make([]byte, 8<<10)...))
		}, runtime.ResourceExhausted},
		{"flow control violation", func(r *rawConn) {
			// Chat echoes; we never grant credit, so it soon blocks sending
			// and stops reading. Sending far past the window without waiting
			// for credit is a violation.
			r.open(1, "/test.Echo/Chat")
			m := msg{Text: strings.Repeat("f", 3<<10)}.build(flatbuffers.NewBuilder(0)).FinishedBytes()
			for i := 0; i < 250; i++ {
				r.send(frame(wire.TypeMessage, 0, 1, m...))
			}
		}, runtime.ResourceExhausted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, "tcp", []runtime.Option{runtime.WithMaxMessageSize(4 << 10)})
			r := dialRaw(t, e)
			tc.do(r)
			if tc.code != noStatus {
				r.expectStatus(1, tc.code)
			}
			// The same connection still serves a new call.
			r.open(101, "/test.Echo/Echo")
			req := msg{Text: "ok"}.build(e.cc.NewBuilder()).FinishedBytes()
			r.send(frame(wire.TypeMessage, wire.FlagEnd, 101, req...))
			r.expectStatus(101, runtime.OK)
		})
	}
}

// TestUnmaskedClientFrame: a client frame without a mask is a protocol error.
func TestUnmaskedClientFrame(t *testing.T) {
	e := newEnv(t, "tcp", nil)
	r := dialRaw(t, e)
	if err := ws.WriteFrame(r.nc, ws.NewBinaryFrame(frame(wire.TypeHalfClose, 0, 1))); err != nil {
		t.Fatal(err)
	}
	r.expectClose(1002)
}

// TestTruncatedWebSocketFrame: a peer that vanishes mid-frame costs only its
// own connection.
func TestTruncatedWebSocketFrame(t *testing.T) {
	e := newEnv(t, "tcp", nil)
	r := dialRaw(t, e)
	var hdr [8]byte
	hdr[0], hdr[1] = 0x82, 0x80|126
	binary.BigEndian.PutUint16(hdr[2:], 1000)
	r.nc.Write(hdr[:])
	r.nc.Write([]byte{1, 2, 3})
	r.nc.Close()
	if _, err := e.call(context.Background(), msg{Text: "fine"}); err != nil {
		t.Fatal(err)
	}
}

// TestPingFrameAnswered: the protocol-level PING (for browsers) gets an ACK
// with the same bytes.
func TestPingFrameAnswered(t *testing.T) {
	e := newEnv(t, "mem", nil)
	r := dialRaw(t, e)
	r.send(frame(wire.TypePing, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8))
	f, err := r.next()
	if err != nil {
		t.Fatal(err)
	}
	h, body, err := wire.ParseHeader(f.Payload)
	if err != nil || h.Type != wire.TypePing || h.Flags != wire.FlagAck || string(body) != "\x01\x02\x03\x04\x05\x06\x07\x08" {
		t.Fatalf("got %+v %x %v", h, body, err)
	}
}

// TestFragmentedMessages: a message split into WebSocket fragments, with a
// ping between them, is reassembled; fragments growing past the limit close
// the connection with 1009.
func TestFragmentedMessages(t *testing.T) {
	e := newEnv(t, "tcp", []runtime.Option{runtime.WithMaxMessageSize(4 << 10)})
	r := dialRaw(t, e)
	r.open(1, "/test.Echo/Echo")
	m := frame(wire.TypeMessage, wire.FlagEnd, 1, msg{Text: "pieces", N: 1}.build(flatbuffers.NewBuilder(0)).FinishedBytes()...)
	r.sendWS(ws.OpBinary, false, m[:3])
	r.sendWS(ws.OpPing, true, []byte("mid"))
	r.sendWS(ws.OpContinuation, false, m[3:10])
	r.sendWS(ws.OpContinuation, true, m[10:])
	r.expectStatus(1, runtime.OK)

	r.open(3, "/test.Echo/Chat")
	big := make([]byte, 3<<10)
	r.sendWS(ws.OpBinary, false, frame(wire.TypeMessage, 0, 3, big...))
	r.sendWS(ws.OpContinuation, false, big)
	r.expectClose(1009)
}

// TestWriteQueueBackpressure: a client that grants credit but never reads
// its socket blocks the server's handler once the socket buffer and the
// write queue are full, instead of growing the queue.
func TestWriteQueueBackpressure(t *testing.T) {
	e := newEnv(t, "mem", []runtime.Option{runtime.WithWriteQueueLimit(64 << 10)})
	r := dialRaw(t, e)
	r.open(1, "/test.Echo/Count")
	req := msg{Text: strings.Repeat("q", 16<<10), N: 1000}.build(flatbuffers.NewBuilder(0)).FinishedBytes()
	r.send(frame(wire.TypeMessage, wire.FlagEnd, 1, req...))
	r.send(frame(wire.TypeCredit, 0, 1, 0, 0, 0, 1)) // +16 MiB
	time.Sleep(200 * time.Millisecond)
	// 256 KiB of socket buffer plus a 64 KiB queue hold about 20 messages
	// of 16 KiB; allow a few in flight.
	if sent := e.impl.sent.Load(); sent > 30 || sent < 10 {
		t.Fatalf("server queued %d messages for a client that reads nothing", sent)
	}
	r.nc.Close() // the blocked handler must return (checked by the leak check)
}
