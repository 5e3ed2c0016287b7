package goldentest

// The generated Echo service over a real runtime, the unhappy paths: status
// codes from handlers, deadlines and cancellation reaching the handler,
// metadata, headers and trailers, payloads that fail verification, and
// handler panics.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	flatbuffers "github.com/google/flatbuffers/go"

	rt "github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/testdata/golden/service"
)

func TestServiceErrorCodes(t *testing.T) {
	forEach(t, func(t *testing.T, f *fixture) {
		ctx := ctxT(t)
		for _, code := range []rt.Code{rt.NotFound, rt.PermissionDenied, rt.Unavailable, rt.Internal} {
			_, err := f.client.Unary(ctx, &service.PingT{Body: fmt.Sprint("fail:", int(code))})
			wantCode(t, err, code, true)
			var e *rt.Error
			if errors.As(err, &e) && e.Message() != "asked to fail" {
				t.Errorf("message %q", e.Message())
			}
			_, _, err = f.client.UnaryRaw(ctx, buildPing(f.cc.NewBuilder(), 0, fmt.Sprint("fail:", int(code))))
			wantCode(t, err, code, true)
		}

		// A server stream fails after two responses: both arrive, then
		// the error, once.
		call, err := f.client.ServerStream(ctx, &service.PingT{Seq: 2, Body: "fail"})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		var last error
		for rsp, err := range call.All() {
			if err != nil {
				last = err
				continue
			}
			if rsp.Seq != uint64(n) {
				t.Errorf("response %d has seq %d", n, rsp.Seq)
			}
			n++
		}
		if n != 2 {
			t.Errorf("%d responses before the error, want 2", n)
		}
		wantCode(t, last, rt.DataLoss, true)

		// A client stream whose handler fails.
		cs, err := f.client.ClientStream(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cs.Send(&service.PingT{Seq: 1})
		cs.Send(&service.PingT{Body: "fail"})
		_, err = cs.CloseAndRecv()
		wantCode(t, err, rt.Aborted, true)

		// A handler panic becomes Internal; the connection stays usable.
		_, err = f.client.Unary(ctx, &service.PingT{Body: "panic"})
		wantCode(t, err, rt.Internal, true)
		if _, err := f.client.Unary(ctx, &service.PingT{Body: "after"}); err != nil {
			t.Fatalf("call after a panic: %v", err)
		}
	})
}

func TestServiceDeadline(t *testing.T) {
	forEach(t, func(t *testing.T, f *fixture) {
		ctx, cancel := context.WithTimeout(ctxT(t), 100*time.Millisecond)
		defer cancel()
		_, err := f.client.Unary(ctx, &service.PingT{Body: "wait"})
		// Either side's timer may fire first: the server's ends the call
		// with a STATUS (from the wire), the client's locally.
		if rt.CodeOf(err) != rt.DeadlineExceeded {
			t.Fatalf("got %v, want deadline_exceeded", err)
		}
		var e *rt.Error
		if errors.As(err, &e) && !e.FromWire() && !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("local %v does not unwrap to context.DeadlineExceeded", err)
		}
		// If the handler ran (on a loaded machine the deadline may pass
		// before it starts), its context ended too: the deadline travelled
		// with the call, or the client's CANCEL followed it.
		select {
		case <-f.obs.waiting:
			if err := waitErr(f.obs.ctxErr); err == nil || err.Error() == "the handler's context did not end" {
				t.Errorf("handler context: %v", err)
			}
		default:
		}

		// An expired context fails before anything is sent.
		_, err = f.client.Unary(ctx, &service.PingT{})
		wantCode(t, err, rt.DeadlineExceeded, false)
	})
}

// TestServiceDeadlineReachesHandler: the handler's context carries the
// client's deadline, in both implementations.
func TestServiceDeadlineReachesHandler(t *testing.T) {
	for _, impl := range implKinds {
		t.Run(impl, func(t *testing.T) {
			f := startEcho(t, impl, "mem")
			ctx, cancel := context.WithTimeout(ctxT(t), 5*time.Second)
			defer cancel()
			want, _ := ctx.Deadline()
			got, err := f.client.Unary(ctx, &service.PingT{Body: "deadline"})
			if err != nil {
				t.Fatal(err)
			}
			if got.Seq == 0 {
				t.Fatal("the handler's context has no deadline")
			}
			if d := time.Unix(0, int64(got.Seq)).Sub(want); d < -time.Second || d > time.Second {
				t.Errorf("handler deadline differs from the client's by %v", d)
			}
			// Without a deadline, none arrives.
			got, err = f.client.Unary(context.Background(), &service.PingT{Body: "deadline"})
			if err != nil || got.Seq != 0 {
				t.Errorf("no deadline: got %+v, %v", got, err)
			}
		})
	}
}

func TestServiceCancel(t *testing.T) {
	forEach(t, func(t *testing.T, f *fixture) {
		// Unary: cancelling the caller's context cancels the handler's.
		ctx, cancel := context.WithCancel(ctxT(t))
		go func() {
			select {
			case <-f.obs.waiting: // cancel once the handler runs
			case <-time.After(10 * time.Second):
			}
			cancel()
		}()
		_, err := f.client.Unary(ctx, &service.PingT{Body: "wait"})
		wantCode(t, err, rt.Canceled, false)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%v does not unwrap to context.Canceled", err)
		}
		if err := waitErr(f.obs.ctxErr); !errors.Is(err, context.Canceled) {
			t.Errorf("handler saw %v, want context.Canceled", err)
		}

		// Breaking out of All cancels an endless server stream.
		call, err := f.client.ServerStream(ctxT(t), &service.PingT{Body: "forever"})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, err := range call.All() {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 3 {
				break
			}
		}
		if err := waitErr(f.obs.ctxErr); !errors.Is(err, context.Canceled) {
			t.Errorf("stream handler saw %v, want context.Canceled", err)
		}

		// So does breaking out of Views, and cancelling the context.
		sctx, scancel := context.WithCancel(ctxT(t))
		defer scancel()
		call, err = f.client.ServerStream(sctx, &service.PingT{Body: "forever"})
		if err != nil {
			t.Fatal(err)
		}
		var last error
		for _, err := range call.Views() {
			if err != nil {
				last = err
				break
			}
			scancel()
		}
		wantCode(t, last, rt.Canceled, false)
		if err := waitErr(f.obs.ctxErr); !errors.Is(err, context.Canceled) {
			t.Errorf("stream handler saw %v, want context.Canceled", err)
		}
	})
}

// waitErr waits for a handler to report how its context ended.
func waitErr(ch chan error) error {
	select {
	case err := <-ch:
		return err
	case <-time.After(10 * time.Second):
		return errors.New("the handler's context did not end")
	}
}

func TestServiceMetadata(t *testing.T) {
	forEach(t, func(t *testing.T, f *fixture) {
		ctx := rt.NewOutgoingContext(ctxT(t), rt.Pairs("x-key", "v1"))
		var header, trailer rt.Metadata
		got, err := f.client.Unary(ctx, &service.PingT{Seq: 3, Body: "md"}, rt.Header(&header), rt.Trailer(&trailer))
		if err != nil {
			t.Fatal(err)
		}
		if got.Body != "v1" {
			t.Errorf("handler saw x-key %q, want v1", got.Body)
		}
		if header.Get("h") != "1" || trailer.Get("t") != "2" {
			t.Errorf("header %v trailer %v", header, trailer)
		}

		// Streams: headers and trailers through the call.
		call, err := f.client.ServerStream(ctx, &service.PingT{Seq: 1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := call.Header(); err != nil {
			t.Fatal(err)
		}
		for _, err := range call.All() {
			if err != nil {
				t.Fatal(err)
			}
		}
		if call.Trailer().Get("sent") != "1" {
			t.Errorf("stream trailer %v", call.Trailer())
		}
	})
}

// corruptPing returns a builder holding a finished Ping whose root offset
// points far outside the buffer.
func corruptPing(b *flatbuffers.Builder) *flatbuffers.Builder {
	buildPing(b, 1, "x")
	flatbuffers.WriteUint32(b.Bytes[b.Head():], 0x7ffffff0)
	return b
}

func TestServiceInvalidPayload(t *testing.T) {
	forEach(t, func(t *testing.T, f *fixture) {
		ctx := ctxT(t)
		_, _, err := f.client.UnaryRaw(ctx, corruptPing(f.cc.NewBuilder()))
		wantCode(t, err, rt.InvalidArgument, true)

		call, err := f.client.Bidi(ctx)
		if err != nil {
			t.Fatal(err)
		}
		call.Send(&service.PingT{Seq: 1})
		call.SendBuilder(corruptPing(call.NewBuilder()))
		var last error
		n := 0
		for _, err := range call.All() {
			if err != nil {
				last = err
				break
			}
			n++
		}
		if n > 1 {
			t.Errorf("%d responses, want at most the one to the good request", n)
		}
		wantCode(t, last, rt.InvalidArgument, true)
		call.Cancel()

		// The connection survives.
		if _, err := f.client.Unary(ctx, &service.PingT{}); err != nil {
			t.Fatalf("call after a bad payload: %v", err)
		}
	})
}

// TestServiceRawHandlerForgetsReply: a zero-copy handler that returns nil
// without finishing its reply ends the call with Internal.
func TestServiceRawHandlerForgetsReply(t *testing.T) {
	f := startEcho(t, "raw", "mem")
	_, err := f.client.Unary(ctxT(t), &service.PingT{Body: "nofinish"})
	wantCode(t, err, rt.Internal, true)
}

// TestServiceInterceptorsSeeDescriptors: interceptors receive the generated
// method descriptors.
func TestServiceInterceptorsSeeDescriptors(t *testing.T) {
	var seen []string
	f := startEcho(t, "object", "mem", rt.WithUnaryServerInterceptor(
		func(ctx context.Context, req []byte, reply *flatbuffers.Builder, info *rt.MethodInfo, next rt.UnaryServerHandlerFunc) error {
			seen = append(seen, info.Method.FullName)
			return next(ctx, req, reply)
		}))
	if _, err := f.client.Unary(ctxT(t), &service.PingT{}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen[0] != "/Corpus.Service.Echo/Unary" {
		t.Errorf("interceptor saw %v", seen)
	}
}

// TestServiceUnimplemented: a generated client calling a server without the
// service gets Unimplemented from the wire, in every kind.
func TestServiceUnimplemented(t *testing.T) {
	checkGoroutines(t)
	srv := rt.NewServer()
	cc := serveMem(t, srv)
	client, ctx := service.NewEchoClient(cc), ctxT(t)

	_, err := client.Unary(ctx, &service.PingT{})
	wantCode(t, err, rt.Unimplemented, true)
	ss, err := client.ServerStream(ctx, &service.PingT{Seq: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ss.Recv()
	wantCode(t, err, rt.Unimplemented, true)
	cs, err := client.ClientStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = cs.CloseAndRecv()
	wantCode(t, err, rt.Unimplemented, true)
	bd, err := client.Bidi(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, err := range bd.All() {
		wantCode(t, err, rt.Unimplemented, true)
		n++
	}
	if n != 1 {
		t.Errorf("bidi: %d results, want the one error", n)
	}
}
