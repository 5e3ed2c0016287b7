package runtime_test

import (
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsflate"
	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// countConn counts the bytes read from a connection.
type countConn struct {
	net.Conn
	read *atomic.Int64
}

func (c countConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// dialCounting dials e's server with opts, counting the bytes the client
// reads from the socket.
func dialCounting(t testing.TB, e *env, read *atomic.Int64, opts ...runtime.Option) *runtime.ClientConn {
	t.Helper()
	netDial := e.netDial
	if netDial == nil {
		netDial = (&net.Dialer{}).DialContext
	}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		nc, err := netDial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countConn{Conn: nc, read: read}, nil
	}
	cc, err := e.dial(append(opts, runtime.WithContextDialer(dial))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

// TestDeflateNegotiation: compression is used only when both sides enable
// it; otherwise the connection works uncompressed.
func TestDeflateNegotiation(t *testing.T) {
	on := []runtime.Option{runtime.WithCompression(flate.BestSpeed)}
	for _, tc := range []struct {
		name           string
		server, client []runtime.Option
		compressed     bool
	}{
		{"both on", on, on, true},
		{"server only", on, nil, false},
		{"client only", nil, on, false},
		{"both off", nil, nil, false},
		{"level 0 is off", []runtime.Option{runtime.WithCompression(0)}, []runtime.Option{runtime.WithCompression(0)}, false},
		{"default level", []runtime.Option{runtime.WithCompression(flate.DefaultCompression)}, []runtime.Option{runtime.WithCompression(9)}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forEachTransport(t, func(t *testing.T, tr string) {
				e := newEnv(t, tr, tc.server)
				var read atomic.Int64
				cc := dialCounting(t, e, &read, tc.client...)
				text := strings.Repeat("compressible ", 64<<10/13)
				before := read.Load()
				got, err := callOn(context.Background(), cc, msg{Text: text, N: 1})
				if err != nil {
					t.Fatal(err)
				}
				if got.Text != text || got.N != 2 {
					t.Fatalf("reply %d bytes n=%d", len(got.Text), got.N)
				}
				n := read.Load() - before
				if tc.compressed && n > 8<<10 {
					t.Fatalf("read %d bytes for a %d-byte compressible reply: not compressed", n, len(text))
				}
				if !tc.compressed && n < int64(len(text)) {
					t.Fatalf("read %d bytes for a %d-byte reply: compressed without negotiation", n, len(text))
				}
			})
		})
	}
}

// payloadTexts are compressible and incompressible texts of several sizes,
// below and above the compression threshold.
func payloadTexts() map[string]string {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return string(b)
	}
	return map[string]string{
		"compressible 100B":     strings.Repeat("a", 100),
		"compressible 1KiB":     strings.Repeat("abcd", 256),
		"compressible 256KiB":   strings.Repeat("wsgen deflate ", 256<<10/14),
		"incompressible 100B":   random(100),
		"incompressible 1KiB":   random(1 << 10),
		"incompressible 200KiB": random(200 << 10),
	}
}

// TestDeflateRoundTrips runs every call kind with compression on both
// sides, over every transport, with compressible and incompressible data.
func TestDeflateRoundTrips(t *testing.T) {
	on := runtime.WithCompression(flate.BestSpeed)
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, []runtime.Option{on}, on)
		ctx := context.Background()
		for name, text := range payloadTexts() {
			t.Run(name, func(t *testing.T) {
				if got, err := e.call(ctx, msg{Text: text, N: 5}); err != nil || got.Text != text || got.N != 6 {
					t.Fatalf("unary: %d bytes n=%d err=%v", len(got.Text), got.N, err)
				}

				s, err := e.cc.NewStream(ctx, descCount)
				if err != nil {
					t.Fatal(err)
				}
				s.Send(msg{Text: text, N: 3}.build(s.NewBuilder()))
				s.CloseSend()
				n := 0
				for m, err := range runtime.Messages(s.Recv) {
					if err != nil {
						t.Fatalf("server stream: %v", err)
					}
					if got := readMsg(m); got.Text != text || got.N != int64(n) {
						t.Fatalf("server stream message %d: n=%d, %d bytes", n, got.N, len(got.Text))
					}
					n++
				}
				if n != 3 {
					t.Fatalf("server stream: %d messages, want 3", n)
				}

				s, err = e.cc.NewStream(ctx, descSum)
				if err != nil {
					t.Fatal(err)
				}
				for i := range 4 {
					if err := s.Send(msg{Text: text, N: int64(i)}.build(s.NewBuilder())); err != nil {
						t.Fatal(err)
					}
				}
				s.CloseSend()
				m, err := s.Recv()
				if err != nil || readMsg(m).N != 6 {
					t.Fatalf("client stream: %v", err)
				}

				s, err = e.cc.NewStream(ctx, descChat)
				if err != nil {
					t.Fatal(err)
				}
				for i := range 3 {
					s.Send(msg{Text: text, N: int64(i)}.build(s.NewBuilder()))
					m, err := s.Recv()
					if err != nil {
						t.Fatalf("bidi: %v", err)
					}
					if got := readMsg(m); got.Text != text || got.N != int64(i+1) {
						t.Fatalf("bidi message %d: n=%d, %d bytes", i, got.N, len(got.Text))
					}
				}
				s.CloseSend()
				if _, err := s.Recv(); err != io.EOF {
					t.Fatalf("bidi end: %v", err)
				}
			})
		}
	})
}

// dialRawDeflate is dialRaw offering permessage-deflate without context
// takeover; it fails the test unless the server accepted.
func dialRawDeflate(t *testing.T, e *env) *rawConn {
	t.Helper()
	p := wsflate.Parameters{ServerNoContextTakeover: true, ClientNoContextTakeover: true}
	d := ws.Dialer{Protocols: []string{runtime.Subprotocol}, NetDial: e.netDial}
	d.Extensions = append(d.Extensions, p.Option())
	nc, br, hs, err := d.Dial(context.Background(), e.url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	if len(hs.Extensions) != 1 || !bytes.Equal(hs.Extensions[0].Name, wsflate.ExtensionNameBytes) {
		t.Fatalf("server did not accept permessage-deflate: %v", hs.Extensions)
	}
	if br == nil {
		br = bufio.NewReader(nc)
	}
	return &rawConn{t: t, nc: nc, br: br}
}

// deflateRaw compresses p as one permessage-deflate message.
func deflateRaw(t *testing.T, p []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	fw, _ := flate.NewWriter(&out, flate.BestCompression)
	fw.Write(p)
	fw.Flush()
	return bytes.TrimSuffix(out.Bytes(), []byte{0, 0, 0xff, 0xff})
}

// sendCompressed writes one masked frame with RSV1 set. A write error is
// not fatal: a server rejecting the header may close before the payload is
// written; the close frame it sent first is what tests check.
func (r *rawConn) sendCompressed(op ws.OpCode, fin bool, payload []byte) {
	r.t.Helper()
	f := ws.NewFrame(op, fin, append([]byte(nil), payload...))
	f.Header.Rsv = ws.Rsv(true, false, false)
	f = ws.MaskFrameInPlace(f)
	if err := ws.WriteFrame(r.nc, f); err != nil {
		r.t.Logf("write: %v", err)
	}
}

// TestDeflateBomb: a small compressed message inflating past the message
// size limit is handled like an oversized message: a MESSAGE fails its call
// with RESOURCE_EXHAUSTED and the connection carries on; any other frame
// closes the connection with 1009.
func TestDeflateBomb(t *testing.T) {
	const limit = 64 << 10
	sopts := []runtime.Option{runtime.WithCompression(flate.BestSpeed), runtime.WithMaxMessageSize(limit)}
	bomb := func(prefix []byte) []byte {
		return deflateRaw(t, append(prefix, make([]byte, 16<<20)...))
	}
	t.Run("message", func(t *testing.T) {
		e := newEnv(t, "mem", sopts)
		r := dialRawDeflate(t, e)
		r.send(openFrame(1, descEcho.FullName))
		z := bomb(wire.AppendHeader(nil, wire.Header{Type: wire.TypeMessage, Flags: wire.FlagEnd, Stream: 1}))
		if len(z) > limit/2 {
			t.Fatalf("bomb is %d bytes compressed", len(z))
		}
		r.sendCompressed(ws.OpBinary, true, z)
		r.expectStatus(1, runtime.ResourceExhausted)

		// The connection carries on: a compressed call (fragmented) works.
		r.send(openFrame(3, descEcho.FullName))
		req := append(wire.AppendHeader(nil, wire.Header{Type: wire.TypeMessage, Flags: wire.FlagEnd, Stream: 3}),
			msg{Text: "ok", N: 1}.build(flatbuffers.NewBuilder(0)).FinishedBytes()...)
		z = deflateRaw(t, req)
		r.sendCompressed(ws.OpBinary, false, z[:len(z)/2])
		r.sendWS(ws.OpContinuation, true, z[len(z)/2:])
		r.expectStatus(3, runtime.OK)
		// The main client on the same server is unaffected.
		if _, err := e.call(context.Background(), msg{Text: "x"}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("open", func(t *testing.T) {
		e := newEnv(t, "mem", sopts)
		r := dialRawDeflate(t, e)
		b := wire.AppendHeader(nil, wire.Header{Type: wire.TypeOpen, Stream: 1})
		r.sendCompressed(ws.OpBinary, true, bomb(b))
		r.expectClose(ws.StatusMessageTooBig)
	})
	t.Run("compressed size over limit", func(t *testing.T) {
		e := newEnv(t, "mem", sopts)
		r := dialRawDeflate(t, e)
		r.sendCompressed(ws.OpBinary, true, make([]byte, limit+wire.HeaderLen+1))
		r.expectClose(ws.StatusMessageTooBig)
	})
}

// TestDeflateProtocolErrors: RSV1 without negotiation, RSV1 on a
// continuation or control frame, and corrupt compressed data close with 1002.
func TestDeflateProtocolErrors(t *testing.T) {
	on := runtime.WithCompression(flate.BestSpeed)
	for _, tc := range []struct {
		name string
		neg  bool
		send func(r *rawConn)
	}{
		{"rsv1 without negotiation", false, func(r *rawConn) {
			r.sendCompressed(ws.OpBinary, true, deflateRaw(r.t, openFrame(1, descEcho.FullName)))
		}},
		{"rsv1 without negotiation, server off", true, nil},
		{"rsv1 on continuation", true, func(r *rawConn) {
			r.sendWS(ws.OpBinary, false, openFrame(1, descEcho.FullName)[:4])
			r.sendCompressed(ws.OpContinuation, true, openFrame(1, descEcho.FullName)[4:])
		}},
		{"rsv1 on ping", true, func(r *rawConn) { r.sendCompressed(ws.OpPing, true, nil) }},
		{"corrupt data", true, func(r *rawConn) { r.sendCompressed(ws.OpBinary, true, []byte{0xff, 0xff, 0xff, 0xff}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.send == nil {
				// A client offering deflate to a server without the option
				// gets no extension, and RSV1 then closes with 1002.
				e := newEnv(t, "mem", nil)
				p := wsflate.Parameters{ServerNoContextTakeover: true, ClientNoContextTakeover: true}
				d := ws.Dialer{Protocols: []string{runtime.Subprotocol}, NetDial: e.netDial}
				d.Extensions = append(d.Extensions, p.Option())
				nc, br, hs, err := d.Dial(context.Background(), e.url)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { nc.Close() })
				if len(hs.Extensions) != 0 {
					t.Fatalf("server without WithCompression accepted %v", hs.Extensions)
				}
				if br == nil {
					br = bufio.NewReader(nc)
				}
				r := &rawConn{t: t, nc: nc, br: br}
				r.sendCompressed(ws.OpBinary, true, deflateRaw(t, openFrame(1, descEcho.FullName)))
				r.expectClose(ws.StatusProtocolError)
				return
			}
			var sopts []runtime.Option
			if tc.neg {
				sopts = append(sopts, on)
			}
			e := newEnv(t, "mem", sopts)
			var r *rawConn
			if tc.neg {
				r = dialRawDeflate(t, e)
			} else {
				r = dialRaw(t, e)
			}
			tc.send(r)
			r.expectClose(ws.StatusProtocolError)
		})
	}
}

// BenchmarkUnaryDeflate is unary round trips over loopback TCP with
// compression off and on (BestSpeed), for compressible (repeated text) and
// incompressible (random bytes) payloads. wire-B/op counts the bytes the
// client reads per call (the reply); loopback hides the bandwidth saved, so
// ns/op shows the CPU cost only.
func BenchmarkUnaryDeflate(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, kind := range []string{"compressible", "incompressible"} {
		for _, mode := range []string{"off", "on"} {
			for _, size := range []struct {
				name string
				n    int
			}{{"1KiB", 1 << 10}, {"64KiB", 64 << 10}} {
				b.Run(kind+"/"+mode+"/"+size.name, func(b *testing.B) {
					var opts []runtime.Option
					if mode == "on" {
						opts = append(opts, runtime.WithCompression(flate.BestSpeed))
					}
					e := newEnv(b, "tcp", opts)
					var read atomic.Int64
					cc := dialCounting(b, e, &read, opts...)
					text := []byte(strings.Repeat("wsgen payload ", size.n/14+1)[:size.n])
					if kind == "incompressible" {
						for i := range text {
							text[i] = byte(rng.Uint32())
						}
					}
					req := msg{Text: string(text), N: 1}
					unaryOnce(b, cc, req)
					b.ReportAllocs()
					b.SetBytes(int64(size.n))
					start, calls := read.Load(), 0
					for b.Loop() {
						unaryOnce(b, cc, req)
						calls++
					}
					b.ReportMetric(float64(read.Load()-start)/float64(calls), "wire-B/op")
				})
			}
		}
	}
}
