package runtime_test

// Test fixtures: a hand-written FlatBuffers table, its verifier, a test
// service with every stream kind, and client/server pairs over loopback TCP,
// the in-memory listener and an http.Handler mount.

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	flatbuffers "github.com/google/flatbuffers/go"

	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/runtime/internal/leak"
)

// msg is the test table: table Msg { text: string (id 0); n: long (id 1); }
type msg struct {
	Text string
	N    int64
}

// build writes m into b and finishes it.
func (m msg) build(b *flatbuffers.Builder) *flatbuffers.Builder {
	s := b.CreateString(m.Text)
	b.StartObject(2)
	b.PrependUOffsetTSlot(0, s, 0)
	b.PrependInt64Slot(1, m.N, 0)
	b.Finish(b.EndObject())
	return b
}

// readMsg reads a verified Msg buffer.
func readMsg(buf []byte) msg {
	var t flatbuffers.Table
	t.Bytes = buf
	t.Pos = flatbuffers.GetUOffsetT(buf)
	var m msg
	if o := flatbuffers.UOffsetT(t.Offset(4)); o != 0 {
		m.Text = t.String(o + t.Pos)
	}
	if o := flatbuffers.UOffsetT(t.Offset(6)); o != 0 {
		m.N = t.GetInt64(o + t.Pos)
	}
	return m
}

// verifyMsg is a hand-written verifier for Msg: every offset it follows stays
// inside buf.
func verifyMsg(buf []byte) error {
	n := len(buf)
	if n < 8 {
		return errors.New("buffer too short")
	}
	root := int(binary.LittleEndian.Uint32(buf))
	if root < 4 || root+4 > n {
		return errors.New("root offset out of range")
	}
	vt := root - int(int32(binary.LittleEndian.Uint32(buf[root:])))
	if vt < 0 || vt+4 > n {
		return errors.New("vtable out of range")
	}
	vlen := int(binary.LittleEndian.Uint16(buf[vt:]))
	tlen := int(binary.LittleEndian.Uint16(buf[vt+2:]))
	if vlen < 4 || vlen&1 != 0 || vt+vlen > n || root+tlen > n {
		return errors.New("vtable or table size out of range")
	}
	field := func(i int) int {
		if 4+2*i+2 > vlen {
			return 0
		}
		return int(binary.LittleEndian.Uint16(buf[vt+4+2*i:]))
	}
	if o := field(0); o != 0 {
		if o+4 > tlen {
			return errors.New("text field out of range")
		}
		s := root + o + int(binary.LittleEndian.Uint32(buf[root+o:]))
		if s+4 > n {
			return errors.New("text offset out of range")
		}
		if l := int(binary.LittleEndian.Uint32(buf[s:])); s+4+l+1 > n {
			return errors.New("text length out of range")
		}
	}
	if o := field(1); o != 0 && o+8 > tlen {
		return errors.New("n field out of range")
	}
	return nil
}

// echoService implements the test service test.Echo.
type echoService struct {
	// started, when set, receives the method name when a handler starts.
	started chan string
	// sent counts messages sent by count.
	sent atomic.Int64
}

func (e *echoService) note(name string) {
	if e.started != nil {
		e.started <- name
	}
}

// echo: the reply repeats the text with n+1. Texts with special meaning:
// "error:CODE:MESSAGE" fails with that status (and a detail and trailer),
// "panic" panics, "block" waits for the context, "md" echoes request
// metadata as headers and trailers, "nofinish" forgets Finish.
func (e *echoService) echo(ctx context.Context, req []byte, b *flatbuffers.Builder) error {
	m := readMsg(req)
	e.note("Echo")
	switch {
	case strings.HasPrefix(m.Text, "error:"):
		var code int
		var text string
		fmt.Sscanf(m.Text, "error:%d:%s", &code, &text)
		runtime.SetTrailer(ctx, runtime.Pairs("why", text))
		return runtime.NewError(runtime.Code(code), text).WithDetails(runtime.Detail{Type: "test.Why", Value: []byte(text)})
	case m.Text == "plain-error":
		return io.ErrUnexpectedEOF
	case m.Text == "panic":
		panic("boom")
	case m.Text == "block":
		<-ctx.Done()
		return ctx.Err()
	case m.Text == "md":
		in := runtime.IncomingMetadata(ctx)
		runtime.SetHeader(ctx, runtime.Pairs("echo-h", in.Get("k")))
		runtime.SetTrailer(ctx, runtime.Pairs("echo-t", in.Get("k")))
	case m.Text == "deadline":
		d, ok := ctx.Deadline()
		if !ok {
			return runtime.NewError(runtime.FailedPrecondition, "no deadline")
		}
		m.N = int64(time.Until(d) / time.Millisecond)
		msg{Text: m.Text, N: m.N}.build(b)
		return nil
	case m.Text == "nofinish":
		b.StartObject(0)
		b.EndObject()
		return nil
	}
	msg{Text: m.Text, N: m.N + 1}.build(b)
	return nil
}

// count: server-streaming, replies n messages numbered 0..n-1 with the text.
func (e *echoService) count(s runtime.ServerStreamer) error {
	req, err := s.Recv()
	if err != nil {
		return err
	}
	m := readMsg(req)
	e.note("Count")
	for i := int64(0); i < m.N; i++ {
		if err := s.Send(msg{Text: m.Text, N: i}.build(s.NewBuilder())); err != nil {
			return err
		}
		e.sent.Add(1)
	}
	if m.Text == "fail-after" {
		return runtime.NewError(runtime.Aborted, "failed after sending")
	}
	return nil
}

// sum: client-streaming, replies the sum of n and the number of messages.
func (e *echoService) sum(s runtime.ServerStreamer) error {
	e.note("Sum")
	var total, count int64
	for {
		req, err := s.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		total += readMsg(req).N
		count++
	}
	s.SetTrailer(runtime.Pairs("count", fmt.Sprint(count)))
	return s.Send(msg{Text: "sum", N: total}.build(s.NewBuilder()))
}

// chat: bidirectional, echoes every message with n+1, sending headers first.
func (e *echoService) chat(s runtime.ServerStreamer) error {
	e.note("Chat")
	if err := s.SendHeader(runtime.Pairs("chat", "hello")); err != nil {
		return err
	}
	for {
		req, err := s.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		m := readMsg(req)
		if err := s.Send(msg{Text: m.Text, N: m.N + 1}.build(s.NewBuilder())); err != nil {
			return err
		}
	}
}

func echoDesc() *runtime.ServiceDesc {
	return &runtime.ServiceDesc{
		Name:        "test.Echo",
		HandlerType: (*echoImpl)(nil),
		Methods: []runtime.MethodDesc{
			{Name: "Echo", FullName: "/test.Echo/Echo", Kind: runtime.Unary, VerifyRequest: verifyMsg, VerifyResponse: verifyMsg,
				Unary: func(srv any, ctx context.Context, req []byte, b *flatbuffers.Builder) error {
					return srv.(echoImpl).echo(ctx, req, b)
				}},
			{Name: "Count", FullName: "/test.Echo/Count", Kind: runtime.ServerStream, VerifyRequest: verifyMsg, VerifyResponse: verifyMsg,
				Stream: func(srv any, s runtime.ServerStreamer) error { return srv.(echoImpl).count(s) }},
			{Name: "Sum", FullName: "/test.Echo/Sum", Kind: runtime.ClientStream, VerifyRequest: verifyMsg, VerifyResponse: verifyMsg,
				Stream: func(srv any, s runtime.ServerStreamer) error { return srv.(echoImpl).sum(s) }},
			{Name: "Chat", FullName: "/test.Echo/Chat", Kind: runtime.BidiStream, VerifyRequest: verifyMsg, VerifyResponse: verifyMsg,
				Stream: func(srv any, s runtime.ServerStreamer) error { return srv.(echoImpl).chat(s) }},
		},
	}
}

// echoImpl is the "server interface" of the test service.
type echoImpl interface {
	echo(context.Context, []byte, *flatbuffers.Builder) error
	count(runtime.ServerStreamer) error
	sum(runtime.ServerStreamer) error
	chat(runtime.ServerStreamer) error
}

var (
	descEcho  = &echoDesc().Methods[0]
	descCount = &echoDesc().Methods[1]
	descSum   = &echoDesc().Methods[2]
	descChat  = &echoDesc().Methods[3]
)

// transports lists the ways tests connect a client to a server.
var transports = []string{"tcp", "mem", "http"}

// env is a running server with one client connection.
type env struct {
	srv  *runtime.Server
	cc   *runtime.ClientConn
	impl *echoService
	dial func(opts ...runtime.Option) (*runtime.ClientConn, error)
	// url and netDial reach the server without the runtime's client.
	url     string
	netDial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// newEnv starts a server with the echo service on the transport and dials
// it. Cleanup closes both and checks for leaked goroutines.
func newEnv(t testing.TB, transport string, sopts []runtime.Option, copts ...runtime.Option) *env {
	t.Helper()
	checkLeaks := leak.Check(t)
	e := &env{impl: &echoService{}}
	e.srv = runtime.NewServer(sopts...)
	if err := e.srv.Register(echoDesc(), e.impl); err != nil {
		t.Fatal(err)
	}
	var url string
	var base []runtime.Option
	var stop func()
	switch transport {
	case "tcp":
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		served := make(chan struct{})
		go func() { defer close(served); e.srv.Serve(l) }()
		url = "ws://" + l.Addr().String() + "/"
		stop = func() { <-served }
	case "mem":
		l := runtime.NewMemListener()
		served := make(chan struct{})
		go func() { defer close(served); e.srv.Serve(l) }()
		url = "ws://mem/"
		base = append(base, runtime.WithContextDialer(l.DialContext))
		e.netDial = l.DialContext
		stop = func() { <-served }
	case "http":
		mux := http.NewServeMux()
		mux.Handle("/rpc", e.srv)
		hs := httptest.NewServer(mux)
		url = "ws" + strings.TrimPrefix(hs.URL, "http") + "/rpc"
		stop = hs.Close
	default:
		t.Fatalf("unknown transport %q", transport)
	}
	e.url = url
	e.dial = func(opts ...runtime.Option) (*runtime.ClientConn, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return runtime.Dial(ctx, url, append(append([]runtime.Option(nil), base...), opts...)...)
	}
	cc, err := e.dial(copts...)
	if err != nil {
		t.Fatal(err)
	}
	e.cc = cc
	t.Cleanup(func() {
		e.cc.Close()
		e.srv.Close()
		stop()
		checkLeaks()
	})
	return e
}

// call performs a unary Echo call.
func (e *env) call(ctx context.Context, m msg, opts ...runtime.CallOption) (msg, error) {
	return callOn(ctx, e.cc, m, opts...)
}

func callOn(ctx context.Context, cc *runtime.ClientConn, m msg, opts ...runtime.CallOption) (msg, error) {
	r, err := cc.Invoke(ctx, descEcho, m.build(cc.NewBuilder()), opts...)
	if err != nil {
		return msg{}, err
	}
	defer r.Release()
	return readMsg(r.Bytes()), nil
}

func forEachTransport(t *testing.T, fn func(t *testing.T, transport string)) {
	for _, tr := range transports {
		t.Run(tr, func(t *testing.T) { fn(t, tr) })
	}
}
