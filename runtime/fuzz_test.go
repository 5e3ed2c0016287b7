package runtime_test

import (
	"context"
	"encoding/binary"
	"testing"
	"time"

	"github.com/gobwas/ws"
	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/runtime/internal/leak"
	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// frames encodes a sequence of protocol frames as the fuzz input format:
// each frame is a u16 length and the frame bytes.
func frames(fs ...[]byte) []byte {
	var out []byte
	for _, f := range fs {
		out = binary.LittleEndian.AppendUint16(out, uint16(len(f)))
		out = append(out, f...)
	}
	return out
}

func openFrame(id uint32, method string) []byte {
	b := wire.AppendHeader(nil, wire.Header{Type: wire.TypeOpen, Stream: id})
	b = wire.AppendOpenHead(b, 0, method)
	return wire.AppendMetadataCount(b, 0)
}

// FuzzServerFrames sends arbitrary frame sequences to a server as one
// client connection. Whatever arrives, the server must not crash, must keep
// serving other connections, and must release every goroutine when closed.
func FuzzServerFrames(f *testing.F) {
	req := msg{Text: "x", N: 1}.build(flatbuffers.NewBuilder(0)).FinishedBytes()
	f.Add(frames(openFrame(1, "/test.Echo/Echo"), frame(wire.TypeMessage, wire.FlagEnd, 1, req...)))
	f.Add(frames(openFrame(1, "/test.Echo/Chat"), frame(wire.TypeMessage, 0, 1, req...), frame(wire.TypeCredit, 0, 1, 0, 1, 0, 0),
		frame(wire.TypeMessage, 0, 1, req...), frame(wire.TypeHalfClose, 0, 1)))
	f.Add(frames(openFrame(1, "/test.Echo/Count"), frame(wire.TypeMessage, 0, 1, req...), frame(wire.TypeCancel, 0, 1, 1, 0, 0, 0)))
	f.Add(frames(openFrame(1, "/test.Echo/Sum"), frame(wire.TypeMessage, 0, 1, req...), openFrame(3, "/test.Echo/Echo"), frame(wire.TypeHalfClose, 0, 1)))
	f.Add(frames(frame(wire.TypePing, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8), []byte{0xff}))
	f.Fuzz(func(t *testing.T, data []byte) {
		check := leak.CheckWithin(t, 3*time.Second)
		srv := runtime.NewServer(runtime.WithMaxMessageSize(4<<10), runtime.WithKeepalive(0, 0))
		if err := srv.Register(echoDesc(), &echoService{}); err != nil {
			t.Fatal(err)
		}
		l := runtime.NewMemListener()
		served := make(chan struct{})
		go func() { defer close(served); srv.Serve(l) }()
		defer func() {
			srv.Close()
			<-served
			check()
		}()

		d := ws.Dialer{Protocols: []string{runtime.Subprotocol}, NetDial: l.DialContext}
		nc, _, _, err := d.Dial(context.Background(), "ws://mem/")
		if err != nil {
			t.Fatal(err)
		}
		for len(data) >= 2 {
			n := int(binary.LittleEndian.Uint16(data))
			data = data[2:]
			n = min(n, len(data))
			fr := ws.MaskFrameInPlace(ws.NewBinaryFrame(append([]byte(nil), data[:n]...)))
			data = data[n:]
			nc.SetWriteDeadline(time.Now().Add(time.Second))
			if ws.WriteFrame(nc, fr) != nil {
				break // the server closed the connection
			}
		}
		nc.Close()

		cc, err := runtime.Dial(context.Background(), "ws://mem/", runtime.WithContextDialer(l.DialContext))
		if err != nil {
			t.Fatalf("server stopped accepting: %v", err)
		}
		defer cc.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if got, err := callOn(ctx, cc, msg{Text: "after", N: 1}); err != nil || got.N != 2 {
			t.Fatalf("server stopped serving: %+v %v", got, err)
		}
	})
}

// FuzzClientFrames sends arbitrary frame sequences from a scripted server to
// a client with a unary call and a stream running. The client must not
// crash, every call must end once the connection is gone, and Close must
// release every goroutine.
func FuzzClientFrames(f *testing.F) {
	rep := msg{N: 2}.build(flatbuffers.NewBuilder(0)).FinishedBytes()
	f.Add(frames(frame(wire.TypeMessage, 0, 1, rep...), okStatus(1), frame(wire.TypeHeaders, 0, 2, 0, 0), frame(wire.TypeMessage, 0, 2, rep...)))
	f.Add(frames(frame(wire.TypeCredit, 0, 2, 0, 0, 1, 0), okStatus(2), okStatus(1)))
	f.Add(frames(append(wire.AppendHeader(nil, wire.Header{Type: wire.TypeGoAway}), wire.AppendGoAway(nil, 1, 14, "")...)))
	f.Add(frames(frame(wire.TypeStatus, 0, 1, 1, 2, 3), []byte{9, 9, 9}))
	f.Fuzz(func(t *testing.T, data []byte) {
		t.Cleanup(leak.CheckWithin(t, 3*time.Second))
		cc, rs := dialRawServer(t, runtime.WithKeepalive(0, 0), runtime.WithMaxMessageSize(4<<10))
		unary := goCall(cc)
		rs.expect(wire.TypeOpen)
		s, err := cc.NewStream(context.Background(), descChat)
		if err != nil {
			t.Fatal(err)
		}
		rs.expect(wire.TypeOpen)
		streamDone := make(chan struct{})
		go func() {
			defer close(streamDone)
			for _, err := range runtime.Messages(s.Recv) {
				if err != nil {
					return
				}
			}
		}()
		for len(data) >= 2 {
			n := int(binary.LittleEndian.Uint16(data))
			data = data[2:]
			n = min(n, len(data))
			rs.nc.SetWriteDeadline(time.Now().Add(time.Second))
			if ws.WriteFrame(rs.nc, ws.NewBinaryFrame(append([]byte(nil), data[:n]...))) != nil {
				break
			}
			data = data[n:]
		}
		rs.nc.Close()
		for _, done := range []<-chan struct{}{streamDone, cc.Done()} {
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("a call or the connection did not end after the server went away")
			}
		}
		select {
		case <-unary:
		case <-time.After(5 * time.Second):
			t.Fatal("the unary call did not end after the server went away")
		}
		s.Cancel()
	})
}
