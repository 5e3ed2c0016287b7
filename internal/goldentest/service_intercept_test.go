package goldentest

// The generated code with the runtime's extension points: client and server
// interceptors see the generated descriptors and may wrap streams, and the
// server mounted as an http.Handler.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	rt "github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/testdata/golden/service"
)

// countingStream wraps a ServerStreamer and counts what passes through it.
type countingStream struct {
	rt.ServerStreamer
	recv, sent *atomic.Int64
}

func (s countingStream) Recv() ([]byte, error) {
	b, err := s.ServerStreamer.Recv()
	if err == nil {
		s.recv.Add(1)
	}
	return b, err
}

func (s countingStream) Send(b *flatbuffers.Builder) error {
	s.sent.Add(1)
	return s.ServerStreamer.Send(b)
}

func TestServiceInterceptors(t *testing.T) {
	for _, impl := range implKinds {
		t.Run(impl, func(t *testing.T) {
			var mu sync.Mutex
			var seen []string
			note := func(s string) {
				mu.Lock()
				seen = append(seen, s)
				mu.Unlock()
			}
			var recv, sent atomic.Int64
			f := startEcho(t, impl, "mem",
				rt.WithUnaryServerInterceptor(func(ctx context.Context, req []byte, reply *flatbuffers.Builder, info *rt.MethodInfo, next rt.UnaryServerHandlerFunc) error {
					note("server unary " + info.Method.FullName)
					return next(ctx, req, reply)
				}),
				rt.WithStreamServerInterceptor(func(ss rt.ServerStreamer, info *rt.MethodInfo, next func(rt.ServerStreamer) error) error {
					note("server stream " + info.Method.FullName + " " + info.Method.Kind.String())
					return next(countingStream{ss, &recv, &sent})
				}),
			)
			// A second connection with client interceptors.
			var descs []*rt.MethodDesc
			cc := dialFixture(t, f, rt.WithUnaryClientInterceptor(func(ctx context.Context, m *rt.MethodDesc, req *flatbuffers.Builder, next rt.UnaryInvoker, opts ...rt.CallOption) (rt.Reply, error) {
				descs = append(descs, m)
				return next(ctx, m, req, opts...)
			}), rt.WithStreamClientInterceptor(func(ctx context.Context, m *rt.MethodDesc, next rt.Streamer, opts ...rt.CallOption) (rt.ClientStreamer, error) {
				descs = append(descs, m)
				return next(ctx, m, opts...)
			}))
			client, ctx := service.NewEchoClient(cc), ctxT(t)

			if _, err := client.Unary(ctx, &service.PingT{}); err != nil {
				t.Fatal(err)
			}
			call, err := client.Bidi(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				call.Send(&service.PingT{Seq: uint64(i)})
			}
			call.CloseSend()
			n := 0
			for _, err := range call.All() {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
			if n != 3 || recv.Load() != 3 || sent.Load() != 3 {
				t.Errorf("bidi: %d responses; the wrapped stream saw %d received, %d sent", n, recv.Load(), sent.Load())
			}
			mu.Lock()
			got := strings.Join(seen, "; ")
			mu.Unlock()
			if got != "server unary /Corpus.Service.Echo/Unary; server stream /Corpus.Service.Echo/Bidi bidi_stream" {
				t.Errorf("server interceptors saw: %s", got)
			}
			if len(descs) != 2 || descs[0] != &service.EchoServiceDesc.Methods[0] || descs[1] != &service.EchoServiceDesc.Methods[3] {
				t.Errorf("client interceptors saw %v", descs)
			}
		})
	}
}

// dialFixture opens another connection to the fixture's server (the
// in-memory transport) with opts.
func dialFixture(t *testing.T, f *fixture, opts ...rt.Option) *rt.ClientConn {
	t.Helper()
	cc, err := rt.Dial(ctxT(t), "ws://mem/", append([]rt.Option{rt.WithContextDialer(f.mem.DialContext)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

// TestServiceOverHTTPHandler mounts the server in an http.ServeMux.
func TestServiceOverHTTPHandler(t *testing.T) {
	checkGoroutines(t)
	srv := rt.NewServer()
	if err := service.RegisterEchoRawServer(srv, echoRaw{newObserved()}); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/rpc", srv)
	hs := httptest.NewServer(mux)
	t.Cleanup(func() { srv.Close(); hs.Close() })
	cc, err := rt.Dial(ctxT(t), "ws"+strings.TrimPrefix(hs.URL, "http")+"/rpc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	got, err := service.NewEchoClient(cc).Unary(ctxT(t), &service.PingT{Seq: 1, Body: "http"})
	if err != nil || *got != (service.PongT{Seq: 2, Body: "echo:http"}) {
		t.Fatalf("got %+v, %v", got, err)
	}
}
