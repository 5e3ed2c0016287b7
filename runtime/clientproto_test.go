package runtime_test

import (
	"bufio"
	"context"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/gobwas/ws"
	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/runtime/internal/leak"
	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// rawServer is a hand-driven server for sending broken input to a client.
type rawServer struct {
	t  *testing.T
	nc net.Conn
	br *bufio.Reader
}

// dialRawServer returns a client connected to a scripted server.
func dialRawServer(t *testing.T, opts ...runtime.Option) (*runtime.ClientConn, *rawServer) {
	t.Helper()
	l := runtime.NewMemListener()
	accepted := make(chan *rawServer, 1)
	go func() {
		nc, err := l.Accept()
		if err != nil {
			close(accepted)
			return
		}
		u := ws.Upgrader{Protocol: func(p []byte) bool { return string(p) == runtime.Subprotocol }}
		if _, err := u.Upgrade(nc); err != nil {
			nc.Close()
			close(accepted)
			return
		}
		accepted <- &rawServer{t: t, nc: nc, br: bufio.NewReader(nc)}
	}()
	cc, err := runtime.Dial(context.Background(), "ws://mem/", append([]runtime.Option{runtime.WithContextDialer(l.DialContext)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	rs := <-accepted
	if rs == nil {
		t.Fatal("raw server handshake failed")
	}
	t.Cleanup(func() { rs.nc.Close(); cc.Close(); l.Close() })
	return cc, rs
}

func (r *rawServer) sendWS(f ws.Frame) {
	r.t.Helper()
	r.nc.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if err := ws.WriteFrame(r.nc, f); err != nil {
		r.t.Fatal(err)
	}
}

func (r *rawServer) send(frame []byte) { r.t.Helper(); r.sendWS(ws.NewBinaryFrame(frame)) }

// next reads and unmasks the next WebSocket frame from the client.
func (r *rawServer) next() (ws.Frame, error) {
	r.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	f, err := ws.ReadFrame(r.br)
	if err == nil && f.Header.Masked {
		ws.Cipher(f.Payload, f.Header.Mask, 0)
	}
	return f, err
}

// nextFrame returns the next protocol frame, skipping control frames.
func (r *rawServer) nextFrame() (wire.Header, []byte) {
	r.t.Helper()
	for {
		f, err := r.next()
		if err != nil {
			r.t.Fatal(err)
		}
		if f.Header.OpCode != ws.OpBinary {
			continue
		}
		h, body, err := wire.ParseHeader(f.Payload)
		if err != nil {
			r.t.Fatal(err)
		}
		return h, body
	}
}

// expect reads frames until one of type typ arrives and returns it.
func (r *rawServer) expect(typ wire.Type) (wire.Header, []byte) {
	r.t.Helper()
	for {
		h, body := r.nextFrame()
		if h.Type == typ {
			return h, body
		}
	}
}

func (r *rawServer) expectClose(code ws.StatusCode) {
	r.t.Helper()
	for {
		f, err := r.next()
		if err != nil {
			r.t.Fatalf("no close frame: %v", err)
		}
		if f.Header.OpCode == ws.OpClose {
			if got, _ := ws.ParseCloseFrameData(f.Payload); got != code {
				r.t.Fatalf("close code %d, want %d", got, code)
			}
			return
		}
	}
}

func okStatus(id uint32) []byte {
	b := wire.AppendHeader(nil, wire.Header{Type: wire.TypeStatus, Stream: id})
	return wire.AppendMetadataCount(wire.AppendStatusHead(b, 0, "", 0), 0)
}

func reply(id uint32, n int64) []byte {
	return frame(wire.TypeMessage, 0, id, msg{N: n}.build(flatbuffers.NewBuilder(0)).FinishedBytes()...)
}

// goCall starts a unary call and returns its result channel.
func goCall(cc *runtime.ClientConn) chan error {
	errc := make(chan error, 1)
	go func() {
		_, err := callOn(context.Background(), cc, msg{})
		errc <- err
	}()
	return errc
}

func TestClientRejectsBrokenServerFrames(t *testing.T) {
	for _, tc := range []struct {
		name  string
		frame func(id uint32) []byte
		ws    bool // the whole connection fails (close code 1002)
		code  runtime.Code
	}{
		{"unknown type", func(id uint32) []byte { return frame(0x33, 0, id) }, true, runtime.Unavailable},
		{"short frame", func(id uint32) []byte { return []byte{5, 0} }, true, runtime.Unavailable},
		{"open from server", func(id uint32) []byte { return frame(wire.TypeOpen, 0, id+10) }, true, runtime.Unavailable},
		{"frame for unopened stream", func(id uint32) []byte { return okStatus(id + 10) }, true, runtime.Unavailable},
		{"bad goaway", func(id uint32) []byte { return frame(wire.TypeGoAway, 0, 0, 1) }, true, runtime.Unavailable},
		{"status not utf-8", func(id uint32) []byte {
			b := wire.AppendStatusHead(wire.AppendHeader(nil, wire.Header{Type: wire.TypeStatus, Stream: id}), 5, "\xff", 0)
			return wire.AppendMetadataCount(b, 0)
		}, false, runtime.Internal},
		{"truncated status", func(id uint32) []byte { return frame(wire.TypeStatus, 0, id, 1, 0) }, false, runtime.Internal},
		{"message with end", func(id uint32) []byte {
			return frame(wire.TypeMessage, wire.FlagEnd, id, msg{}.build(flatbuffers.NewBuilder(0)).FinishedBytes()...)
		}, false, runtime.Internal},
		{"invalid payload", func(id uint32) []byte { return frame(wire.TypeMessage, 0, id, 1, 2, 3) }, false, runtime.Internal},
		{"oversized message", func(id uint32) []byte { return frame(wire.TypeMessage, 0, id, make([]byte, 2<<10)...) }, false, runtime.ResourceExhausted},
		{"malformed headers", func(id uint32) []byte { return frame(wire.TypeHeaders, 0, id, 9) }, false, runtime.Internal},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Cleanup(leak.Check(t))
			cc, rs := dialRawServer(t, runtime.WithMaxMessageSize(1<<10))
			errc := goCall(cc)
			h, _ := rs.expect(wire.TypeOpen)
			rs.send(tc.frame(h.Stream))
			if tc.code == runtime.Internal || tc.code == runtime.ResourceExhausted {
				// Invalid payloads are found when the unary reply is complete.
				rs.send(okStatus(h.Stream))
			}
			if tc.ws {
				// net.Pipe has no buffer: read the close frame before the
				// client can finish closing.
				rs.expectClose(1002)
				<-cc.Done()
			}
			if err := <-errc; runtime.CodeOf(err) != tc.code {
				t.Fatalf("call ended with %v, want %v", err, tc.code)
			}
			if tc.ws {
				return
			}
			if tc.name != "invalid payload" {
				// The client told the server it gave up on the call.
				ch, body := rs.expect(wire.TypeCancel)
				if code, _ := wire.ParseCancel(body); ch.Stream != h.Stream || runtime.Code(code) != tc.code {
					t.Fatalf("CANCEL %+v code %d", ch, code)
				}
			}
			// The connection still works.
			errc = goCall(cc)
			h2, _ := rs.expect(wire.TypeOpen)
			rs.send(reply(h2.Stream, 1))
			rs.send(okStatus(h2.Stream))
			if err := <-errc; err != nil {
				t.Fatalf("next call: %v", err)
			}
		})
	}
}

func TestClientGoAway(t *testing.T) {
	t.Cleanup(leak.Check(t))
	cc, rs := dialRawServer(t)
	first := goCall(cc)
	h1, _ := rs.expect(wire.TypeOpen)
	second := goCall(cc)
	h2, _ := rs.expect(wire.TypeOpen)
	// The server drains: it will finish the first call only.
	rs.send(append(wire.AppendHeader(nil, wire.Header{Type: wire.TypeGoAway}), wire.AppendGoAway(nil, h1.Stream, 14, "draining")...))
	if err := <-second; runtime.CodeOf(err) != runtime.Unavailable {
		t.Fatalf("call above last_stream: %v, want Unavailable", err)
	}
	if _, err := callOn(context.Background(), cc, msg{}); runtime.CodeOf(err) != runtime.Unavailable {
		t.Fatalf("new call after GOAWAY: %v, want Unavailable", err)
	}
	rs.send(reply(h1.Stream, 5))
	rs.send(okStatus(h1.Stream))
	if err := <-first; err != nil {
		t.Fatalf("call below last_stream: %v", err)
	}
	_ = h2
}

func TestClientAnswersWebSocketPing(t *testing.T) {
	t.Cleanup(leak.Check(t))
	_, rs := dialRawServer(t)
	rs.sendWS(ws.NewPingFrame([]byte("abc")))
	for {
		f, err := rs.next()
		if err != nil {
			t.Fatal(err)
		}
		if f.Header.OpCode == ws.OpPong {
			if string(f.Payload) != "abc" {
				t.Fatalf("pong %q", f.Payload)
			}
			return
		}
	}
}

func TestClientFlowControl(t *testing.T) {
	t.Cleanup(leak.Check(t))
	cc, rs := dialRawServer(t, runtime.WithStreamWindow(64<<10))
	s, err := cc.NewStream(context.Background(), descSum)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := rs.expect(wire.TypeOpen)
	var mu sync.Mutex
	sent := 0
	go func() {
		for {
			if err := s.Send(msg{Text: string(make([]byte, 8<<10))}.build(s.NewBuilder())); err != nil {
				return
			}
			mu.Lock()
			sent++
			mu.Unlock()
		}
	}()
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	n := sent
	mu.Unlock()
	// 64 KiB of initial credit, messages of about 8 KiB: at most 9 go out
	// (the last one on overdraft) until the server grants more.
	if n < 7 || n > 9 {
		t.Fatalf("client sent %d messages without credit, want 7..9", n)
	}
	rs.send(append(wire.AppendHeader(nil, wire.Header{Type: wire.TypeCredit, Stream: h.Stream}), wire.AppendU32Body(nil, 32<<10)...))
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	n2 := sent
	mu.Unlock()
	if n2 <= n || n2 > n+5 {
		t.Fatalf("after 32 KiB more credit: %d messages, before %d", n2, n)
	}
	s.Cancel()
}

// TestClientStreamOKWithoutResponse: STATUS OK without the one response of
// a client-streaming call is an error.
func TestClientStreamOKWithoutResponse(t *testing.T) {
	t.Cleanup(leak.Check(t))
	cc, rs := dialRawServer(t)
	s, err := cc.NewStream(context.Background(), descSum)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := rs.expect(wire.TypeOpen)
	rs.send(okStatus(h.Stream))
	if _, err := s.Recv(); runtime.CodeOf(err) != runtime.Internal {
		t.Fatalf("Recv: %v, want Internal", err)
	}
}
