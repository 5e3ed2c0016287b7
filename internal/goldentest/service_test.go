package goldentest

// The generated Echo service (testdata/golden/service) over a real runtime:
// every method in every streaming kind, called both ways (object API and
// zero copy) against a server implemented both ways, over loopback TCP and
// the in-memory listener. Errors, deadlines, cancellation and metadata are
// in service_errors_test.go.

import (
	"fmt"
	"io"
	"slices"
	"sync"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	_ "github.com/wsgen/wsgen/internal/golden"
	rt "github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/testdata/golden/service"
)

func TestServiceUnary(t *testing.T) {
	forEach(t, func(t *testing.T, f *fixture) {
		ctx := ctxT(t)
		got, err := f.client.Unary(ctx, &service.PingT{Seq: 41, Body: "hi"})
		if err != nil {
			t.Fatal(err)
		}
		if *got != (service.PongT{Seq: 42, Body: "echo:hi"}) {
			t.Errorf("object API: got %+v", *got)
		}

		view, reply, err := f.client.UnaryRaw(ctx, buildPing(f.cc.NewBuilder(), 7, "raw"))
		if err != nil {
			t.Fatal(err)
		}
		if view.Seq() != 8 || string(view.Body()) != "echo:raw" {
			t.Errorf("zero copy: got seq %d body %q", view.Seq(), view.Body())
		}
		reply.Release()

		// A nil request is sent as an empty Ping; a nil response arrives
		// as an empty Pong.
		got, err = f.client.Unary(ctx, nil)
		if err != nil || *got != (service.PongT{Seq: 1, Body: "echo:"}) {
			t.Errorf("nil request: got %+v, %v", got, err)
		}
		got, err = f.client.Unary(ctx, &service.PingT{Seq: 5, Body: "nil"})
		if err != nil || *got != (service.PongT{}) {
			t.Errorf("nil response: got %+v, %v", got, err)
		}
	})
}

// TestServiceUnaryConcurrent makes many calls at once on one connection.
func TestServiceUnaryConcurrent(t *testing.T) {
	f := startEcho(t, "object", "mem")
	ctx := ctxT(t)
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		wg.Go(func() {
			got, err := f.client.Unary(ctx, &service.PingT{Seq: uint64(i), Body: fmt.Sprint(i)})
			if err == nil && (got.Seq != uint64(i+1) || got.Body != fmt.Sprint("echo:", i)) {
				err = fmt.Errorf("call %d: got %+v", i, got)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestServiceServerStream(t *testing.T) {
	forEach(t, func(t *testing.T, f *fixture) {
		ctx := ctxT(t)
		want := []service.PongT{{Seq: 0, Body: "s"}, {Seq: 1, Body: "s"}, {Seq: 2, Body: "s"}, {Seq: 3, Body: "s"}, {Seq: 4, Body: "s"}}

		call, err := f.client.ServerStream(ctx, &service.PingT{Seq: 5, Body: "s"})
		if err != nil {
			t.Fatal(err)
		}
		var got []service.PongT
		for rsp, err := range call.All() {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, *rsp)
		}
		if !slices.Equal(got, want) {
			t.Errorf("All: got %+v", got)
		}
		if tr := call.Trailer().Get("sent"); tr != "5" {
			t.Errorf("trailer sent = %q, want 5", tr)
		}

		call, err = f.client.ServerStreamRaw(ctx, buildPing(f.cc.NewBuilder(), 5, "s"))
		if err != nil {
			t.Fatal(err)
		}
		got = got[:0]
		for view, err := range call.Views() {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, service.PongT{Seq: view.Seq(), Body: string(view.Body())})
		}
		if !slices.Equal(got, want) {
			t.Errorf("Views: got %+v", got)
		}

		// Recv and RecvView by hand, mixed, end with io.EOF.
		call, err = f.client.ServerStream(ctx, &service.PingT{Seq: 2, Body: "r"})
		if err != nil {
			t.Fatal(err)
		}
		first, err := call.Recv()
		if err != nil || *first != (service.PongT{Seq: 0, Body: "r"}) {
			t.Fatalf("Recv: %+v, %v", first, err)
		}
		second, err := call.RecvView()
		if err != nil || second.Seq() != 1 || string(second.Body()) != "r" {
			t.Fatalf("RecvView: %v", err)
		}
		if _, err := call.Recv(); err != io.EOF {
			t.Fatalf("after the last response: %v, want io.EOF", err)
		}

		// No responses at all.
		call, err = f.client.ServerStream(ctx, &service.PingT{Seq: 0, Body: "none"})
		if err != nil {
			t.Fatal(err)
		}
		for rsp, err := range call.All() {
			t.Fatalf("unexpected response %+v, %v", rsp, err)
		}
	})
}

func TestServiceClientStream(t *testing.T) {
	forEach(t, func(t *testing.T, f *fixture) {
		ctx := ctxT(t)
		call, err := f.client.ClientStream(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i, body := range []string{"a", "b", "c"} {
			if err := call.Send(&service.PingT{Seq: uint64(i + 1), Body: body}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := call.CloseAndRecv()
		if err != nil {
			t.Fatal(err)
		}
		if *got != (service.PongT{Seq: 6, Body: "a+b+c"}) {
			t.Errorf("object API: got %+v", *got)
		}

		call, err = f.client.ClientStream(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i, body := range []string{"x", "y"} {
			if err := call.SendBuilder(buildPing(call.NewBuilder(), uint64(10*(i+1)), body)); err != nil {
				t.Fatal(err)
			}
		}
		view, err := call.CloseAndRecvView()
		if err != nil {
			t.Fatal(err)
		}
		if view.Seq() != 30 || string(view.Body()) != "x+y" {
			t.Errorf("zero copy: got seq %d body %q", view.Seq(), view.Body())
		}
		call.Cancel()

		// No requests at all.
		call, err = f.client.ClientStream(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, err = call.CloseAndRecv()
		if err != nil || *got != (service.PongT{}) {
			t.Errorf("empty stream: %+v, %v", got, err)
		}
	})
}

func TestServiceBidi(t *testing.T) {
	forEach(t, func(t *testing.T, f *fixture) {
		ctx := ctxT(t)
		const n = 20
		for _, mode := range []string{"object", "zero copy"} {
			call, err := f.client.Bidi(ctx)
			if err != nil {
				t.Fatal(err)
			}
			sendErr := make(chan error, 1)
			go func() {
				defer close(sendErr)
				for i := range uint64(n) {
					var err error
					if mode == "object" {
						err = call.Send(&service.PingT{Seq: i, Body: fmt.Sprint(i)})
					} else {
						err = call.SendBuilder(buildPing(call.NewBuilder(), i, fmt.Sprint(i)))
					}
					if err != nil {
						sendErr <- err
						return
					}
				}
				sendErr <- call.CloseSend()
			}()
			var got []service.PongT
			if mode == "object" {
				for rsp, err := range call.All() {
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, *rsp)
				}
			} else {
				for view, err := range call.Views() {
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, service.PongT{Seq: view.Seq(), Body: string(view.Body())})
				}
			}
			if err := <-sendErr; err != nil {
				t.Fatalf("%s: send: %v", mode, err)
			}
			if len(got) != n {
				t.Fatalf("%s: %d responses, want %d", mode, len(got), n)
			}
			for i, r := range got {
				if r != (service.PongT{Seq: uint64(2 * i), Body: fmt.Sprint(i)}) {
					t.Errorf("%s: response %d = %+v", mode, i, r)
				}
			}
		}

		// Ping-pong in lockstep: each response arrives before the next
		// request is sent.
		call, err := f.client.Bidi(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := range uint64(3) {
			if err := call.Send(&service.PingT{Seq: i}); err != nil {
				t.Fatal(err)
			}
			rsp, err := call.Recv()
			if err != nil || rsp.Seq != 2*i {
				t.Fatalf("lockstep %d: %+v, %v", i, rsp, err)
			}
		}
		call.CloseSend()
		if _, err := call.Recv(); err != io.EOF {
			t.Fatalf("after CloseSend: %v, want io.EOF", err)
		}
	})
}

// TestServiceDescriptors checks the generated descriptors against the
// schema.
func TestServiceDescriptors(t *testing.T) {
	tests := []struct {
		name       string
		kind       rt.StreamKind
		idempotent bool
	}{
		{"Unary", rt.Unary, false},
		{"ServerStream", rt.ServerStream, false},
		{"ClientStream", rt.ClientStream, false},
		{"Bidi", rt.BidiStream, true},
	}
	for _, desc := range []*rt.ServiceDesc{&service.EchoServiceDesc, &service.EchoRawServiceDesc} {
		if desc.Name != "Corpus.Service.Echo" {
			t.Errorf("service name %q", desc.Name)
		}
		if len(desc.Methods) != len(tests) {
			t.Fatalf("%d methods, want %d", len(desc.Methods), len(tests))
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				m := desc.Methods[i]
				if m.Name != tc.name || m.FullName != "/Corpus.Service.Echo/"+tc.name || m.Kind != tc.kind || m.Idempotent != tc.idempotent {
					t.Errorf("got %+v", m)
				}
				if (m.Unary != nil) != (tc.kind == rt.Unary) || (m.Stream != nil) != (tc.kind != rt.Unary) {
					t.Errorf("handlers do not match kind %v", tc.kind)
				}
				good := buildPing(flatbuffers.NewBuilder(0), 1, "x").FinishedBytes()
				if m.VerifyRequest(good) != nil || m.VerifyRequest(good[:5]) == nil {
					t.Error("VerifyRequest does not verify Ping buffers")
				}
				b := flatbuffers.NewBuilder(0)
				buildPong(b, 1, "y")
				if m.VerifyResponse(b.FinishedBytes()) != nil || m.VerifyResponse([]byte{1, 2}) == nil {
					t.Error("VerifyResponse does not verify Pong buffers")
				}
			})
		}
	}
}

// TestServiceRegisterTwice: one server cannot hold both implementations of
// the same service.
func TestServiceRegisterTwice(t *testing.T) {
	srv := rt.NewServer()
	if err := service.RegisterEchoServer(srv, echoObj{newObserved()}); err != nil {
		t.Fatal(err)
	}
	if err := service.RegisterEchoRawServer(srv, echoRaw{newObserved()}); err == nil {
		t.Fatal("registering Echo twice succeeded")
	}
}
