package runtime_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime"
)

func TestUnaryRoundTrip(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		got, err := e.call(context.Background(), msg{Text: "hi", N: 41})
		if err != nil {
			t.Fatal(err)
		}
		if want := (msg{Text: "hi", N: 42}); got != want {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	})
}

func TestUnaryErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		text     string
		code     runtime.Code
		msg      string // substring of the message
		fromWire bool
		trailer  string
	}{
		{"status error", "error:5:gone", runtime.NotFound, "gone", true, "gone"},
		{"plain error becomes unknown", "plain-error", runtime.Unknown, "unexpected EOF", true, ""},
		{"panic becomes internal", "panic", runtime.Internal, "handler panicked: boom", true, ""},
		{"missing finish becomes internal", "nofinish", runtime.Internal, "handler panicked", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, "mem", nil)
			var tr runtime.Metadata
			_, err := e.call(context.Background(), msg{Text: tc.text}, runtime.Trailer(&tr))
			var re *runtime.Error
			if !errors.As(err, &re) {
				t.Fatalf("error %v (%T) is not a *runtime.Error", err, err)
			}
			if re.Code() != tc.code || runtime.CodeOf(err) != tc.code {
				t.Errorf("code %v, want %v", re.Code(), tc.code)
			}
			if !strings.Contains(re.Message(), tc.msg) {
				t.Errorf("message %q does not contain %q", re.Message(), tc.msg)
			}
			if re.FromWire() != tc.fromWire {
				t.Errorf("FromWire = %v, want %v", re.FromWire(), tc.fromWire)
			}
			if tr.Get("why") != tc.trailer {
				t.Errorf("trailer why=%q, want %q", tr.Get("why"), tc.trailer)
			}
			if !errors.Is(err, runtime.NewError(tc.code, "")) {
				t.Errorf("errors.Is with code %v failed", tc.code)
			}
			if tc.code == runtime.NotFound {
				d := re.Details()
				if len(d) != 1 || d[0].Type != "test.Why" || string(d[0].Value) != "gone" {
					t.Errorf("details = %+v", d)
				}
			}
			// The connection keeps serving.
			if _, err := e.call(context.Background(), msg{Text: "ok"}); err != nil {
				t.Errorf("call after error: %v", err)
			}
		})
	}
}

func TestUnimplemented(t *testing.T) {
	e := newEnv(t, "mem", nil)
	for _, name := range []string{"/test.Echo/Nope", "/other.Svc/Echo"} {
		m := &runtime.MethodDesc{Name: "x", FullName: name, Kind: runtime.Unary}
		_, err := e.cc.Invoke(context.Background(), m, msg{}.build(e.cc.NewBuilder()))
		if runtime.CodeOf(err) != runtime.Unimplemented {
			t.Errorf("%s: got %v, want Unimplemented", name, err)
		}
	}
}

func TestMetadataHeadersTrailers(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		ctx := runtime.NewOutgoingContext(context.Background(), runtime.Pairs("k", "v\x00binary"))
		var hdr, trl runtime.Metadata
		if _, err := e.call(ctx, msg{Text: "md"}, runtime.Header(&hdr), runtime.Trailer(&trl)); err != nil {
			t.Fatal(err)
		}
		if hdr.Get("echo-h") != "v\x00binary" || trl.Get("echo-t") != "v\x00binary" {
			t.Fatalf("headers %v trailers %v", hdr, trl)
		}
	})
}

func TestMetadataKeys(t *testing.T) {
	e := newEnv(t, "mem", nil)
	// Uppercase keys (a map literal bypasses Pairs) are lowercased on the wire.
	ctx := runtime.NewOutgoingContext(context.Background(), runtime.Metadata{"K": {"upper"}})
	var hdr runtime.Metadata
	if _, err := e.call(ctx, msg{Text: "md"}, runtime.Header(&hdr)); err != nil || hdr.Get("echo-h") != "upper" {
		t.Fatalf("uppercase key: %v %v", hdr, err)
	}
	for _, key := range []string{"has space", "", "wsgen-reserved", "ünïcode", strings.Repeat("k", 256)} {
		ctx := runtime.NewOutgoingContext(context.Background(), runtime.Metadata{key: {"v"}})
		_, err := e.call(ctx, msg{})
		var re *runtime.Error
		if runtime.CodeOf(err) != runtime.InvalidArgument || !errors.As(err, &re) || re.FromWire() {
			t.Errorf("key %q: %v, want a local InvalidArgument", key, err)
		}
	}
}

func TestWireErrorsMatchContextErrors(t *testing.T) {
	for _, tc := range []struct {
		code   runtime.Code
		target error
	}{
		{runtime.DeadlineExceeded, context.DeadlineExceeded},
		{runtime.Canceled, context.Canceled},
	} {
		if err := error(runtime.NewError(tc.code, "from the wire")); !errors.Is(err, tc.target) {
			t.Errorf("%v does not match %v", tc.code, tc.target)
		}
	}
	if errors.Is(runtime.NewError(runtime.Internal, ""), context.Canceled) {
		t.Error("Internal matches context.Canceled")
	}
}

func TestDeadlinePropagates(t *testing.T) {
	e := newEnv(t, "tcp", nil)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	got, err := e.call(ctx, msg{Text: "deadline"})
	if err != nil {
		t.Fatal(err)
	}
	if got.N < 1000 || got.N > 2000 {
		t.Fatalf("server saw %dms left, want about 2000", got.N)
	}
}

func TestDeadlineExceeded(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		e.impl.started = make(chan string, 1)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := e.call(ctx, msg{Text: "block"})
		if runtime.CodeOf(err) != runtime.DeadlineExceeded {
			t.Fatalf("got %v, want DeadlineExceeded", err)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error does not match context.DeadlineExceeded: %v", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v", d)
		}
		<-e.impl.started
		// An expired context fails before sending anything.
		if _, err := e.call(ctx, msg{Text: "x"}); runtime.CodeOf(err) != runtime.DeadlineExceeded {
			t.Errorf("call with expired ctx: %v", err)
		}
	})
}

func TestClientCancelReachesHandler(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		handlerDone := make(chan error, 1)
		sd := &runtime.ServiceDesc{Name: "t.C", Methods: []runtime.MethodDesc{{
			Name: "Wait", Kind: runtime.Unary,
			Unary: func(_ any, ctx context.Context, _ []byte, _ *flatbuffers.Builder) error {
				<-ctx.Done()
				handlerDone <- ctx.Err()
				return ctx.Err()
			},
		}}}
		e := newEnv(t, tr, nil)
		if err := e.srv.Register(sd, nil); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		go func() { time.Sleep(30 * time.Millisecond); cancel() }()
		_, err := e.cc.Invoke(ctx, &runtime.MethodDesc{FullName: "/t.C/Wait"}, msg{}.build(e.cc.NewBuilder()))
		if runtime.CodeOf(err) != runtime.Canceled || !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want Canceled wrapping context.Canceled", err)
		}
		var re *runtime.Error
		if errors.As(err, &re) && re.FromWire() {
			t.Error("local cancellation reported as from the wire")
		}
		select {
		case herr := <-handlerDone:
			if !errors.Is(herr, context.Canceled) {
				t.Errorf("handler saw %v", herr)
			}
		case <-time.After(2 * time.Second):
			t.Fatal("handler context was not cancelled")
		}
	})
}

func TestInvalidPayloads(t *testing.T) {
	e := newEnv(t, "mem", nil)
	// A request that fails the server's verifier: InvalidArgument.
	for _, n := range []int{0, 4, 64} {
		_, err := e.cc.Invoke(context.Background(), descEcho, garbage(n))
		var re *runtime.Error
		if runtime.CodeOf(err) != runtime.InvalidArgument || !errors.As(err, &re) || !re.FromWire() {
			t.Errorf("garbage request of %d bytes: %v, want InvalidArgument from the server", n, err)
		}
	}
	// A response that fails the client's verifier: Internal, local.
	strict := *descEcho
	strict.VerifyResponse = func([]byte) error { return errors.New("nope") }
	_, err := e.cc.Invoke(context.Background(), &strict, msg{Text: "x"}.build(e.cc.NewBuilder()))
	var re *runtime.Error
	if runtime.CodeOf(err) != runtime.Internal || !errors.As(err, &re) || re.FromWire() {
		t.Errorf("bad response: %v, want local Internal", err)
	}
	if _, err := e.call(context.Background(), msg{Text: "still fine"}); err != nil {
		t.Errorf("connection unusable after invalid payloads: %v", err)
	}
}

// garbage returns a finished builder whose root offset points at n bytes
// of 0xff: not a valid Msg.
func garbage(n int) *flatbuffers.Builder {
	b := flatbuffers.NewBuilder(0)
	b.Prep(4, n)
	for i := 0; i < n; i++ {
		b.PlaceByte(0xff)
	}
	b.Finish(b.Offset())
	return b
}

func TestOversizedMessage(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, []runtime.Option{runtime.WithMaxMessageSize(4 << 10)})
		_, err := e.call(context.Background(), msg{Text: strings.Repeat("x", 8<<10)})
		if runtime.CodeOf(err) != runtime.ResourceExhausted {
			t.Fatalf("got %v, want ResourceExhausted", err)
		}
		if _, err := e.call(context.Background(), msg{Text: "small"}); err != nil {
			t.Fatalf("connection unusable after oversized message: %v", err)
		}
	})
}

func TestManyConcurrentCalls(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for g := 0; g < 16; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 25; i++ {
					got, err := e.call(context.Background(), msg{Text: "c", N: int64(g*1000 + i)})
					if err != nil {
						errs <- err
						return
					}
					if got.N != int64(g*1000+i+1) {
						errs <- errors.New("mixed up replies")
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}

func TestManyConnections(t *testing.T) {
	e := newEnv(t, "tcp", nil)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cc, err := e.dial()
			if err != nil {
				t.Error(err)
				return
			}
			defer cc.Close()
			for j := 0; j < 10; j++ {
				if _, err := callOn(context.Background(), cc, msg{Text: "m"}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestUnaryInterceptors(t *testing.T) {
	var order []string
	var mu sync.Mutex
	rec := func(s string) {
		mu.Lock()
		order = append(order, s)
		mu.Unlock()
	}
	si := func(name string) runtime.UnaryServerInterceptor {
		return func(ctx context.Context, req []byte, b *flatbuffers.Builder, info *runtime.MethodInfo, next runtime.UnaryServerHandlerFunc) error {
			rec("server " + name + " " + info.Method.Name)
			return next(ctx, req, b)
		}
	}
	ci := func(name string) runtime.UnaryClientInterceptor {
		return func(ctx context.Context, m *runtime.MethodDesc, req *flatbuffers.Builder, next runtime.UnaryInvoker, opts ...runtime.CallOption) (runtime.Reply, error) {
			rec("client " + name)
			return next(runtime.NewOutgoingContext(ctx, runtime.Pairs("k", name)), m, req, opts...)
		}
	}
	deny := func(ctx context.Context, req []byte, b *flatbuffers.Builder, info *runtime.MethodInfo, next runtime.UnaryServerHandlerFunc) error {
		if runtime.IncomingMetadata(ctx).Get("k") == "" {
			return runtime.NewError(runtime.Unauthenticated, "no k")
		}
		return next(ctx, req, b)
	}
	e := newEnv(t, "mem",
		[]runtime.Option{runtime.WithUnaryServerInterceptor(si("1"), si("2"), deny)},
		runtime.WithUnaryClientInterceptor(ci("a"), ci("b")))
	if _, err := e.call(context.Background(), msg{Text: "x"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"client a", "client b", "server 1 Echo", "server 2 Echo"}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		t.Fatalf("order %q, want %q", order, want)
	}
	cc, err := e.dial()
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	if _, err := callOn(context.Background(), cc, msg{}); runtime.CodeOf(err) != runtime.Unauthenticated {
		t.Fatalf("interceptor did not reject: %v", err)
	}
}

var _ = io.EOF
