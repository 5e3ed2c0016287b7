package goldentest

// Fixtures for the service tests: the golden Echo service implemented both
// ways (object API and zero copy) with the same behaviour, and a real
// runtime.Server and runtime.ClientConn over loopback TCP or the runtime's
// in-memory listener.
//
// Behaviour, chosen by the request's body:
//
//	Unary        "fail:N"  -> error with code N
//	             "wait"    -> blocks until the call's context ends, reports it on ctxErr
//	             "md"      -> echoes request metadata "x-key" and sets header h=1, trailer t=2
//	             "deadline" -> Pong{seq: the context's deadline in Unix nanoseconds, or 0}
//	             "nil"     -> returns a nil response (sent as an empty Pong)
//	             "panic"   -> panics
//	             "nofinish" -> (zero copy only) returns nil without building a reply
//	             otherwise -> Pong{seq+1, "echo:"+body}
//	ServerStream sends seq responses {i, body}; body "fail" then fails with
//	             DataLoss; seq 0 with body "forever" sends until cancelled
//	ClientStream sums seqs and joins bodies with "+"; a body "fail" fails
//	             with Aborted
//	Bidi         answers every request {seq*2, body} as it arrives

import (
	"context"
	"errors"
	"iter"
	"net"
	goruntime "runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	flatbuffers "github.com/google/flatbuffers/go"

	rt "github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/testdata/golden/service"
)

// observed collects what handlers saw, for assertions about cancellation
// and deadlines reaching the server.
type observed struct {
	ctxErr  chan error    // the context error a handler saw when its call ended early
	waiting chan struct{} // a handler started waiting for its context to end
}

func newObserved() *observed {
	return &observed{ctxErr: make(chan error, 16), waiting: make(chan struct{}, 16)}
}

// waitCtx blocks until ctx ends and reports why.
func (o *observed) waitCtx(ctx context.Context) error {
	o.waiting <- struct{}{}
	<-ctx.Done()
	o.ctxErr <- ctx.Err()
	return ctx.Err()
}

// unaryBehaviour is the part of Unary shared by both implementations; it
// returns the response's seq and body, or an error.
func (o *observed) unaryBehaviour(ctx context.Context, seq uint64, body string) (uint64, string, bool, error) {
	switch {
	case strings.HasPrefix(body, "fail:"):
		n, _ := strconv.Atoi(strings.TrimPrefix(body, "fail:"))
		return 0, "", false, rt.NewError(rt.Code(n), "asked to fail")
	case body == "wait":
		return 0, "", false, o.waitCtx(ctx)
	case body == "md":
		if err := rt.SetHeader(ctx, rt.Pairs("h", "1")); err != nil {
			return 0, "", false, err
		}
		if err := rt.SetTrailer(ctx, rt.Pairs("t", "2")); err != nil {
			return 0, "", false, err
		}
		return seq, rt.IncomingMetadata(ctx).Get("x-key"), false, nil
	case body == "deadline":
		var n uint64
		if d, ok := ctx.Deadline(); ok {
			n = uint64(d.UnixNano())
		}
		return n, "", false, nil
	case body == "nil":
		return 0, "", true, nil
	case body == "panic":
		panic("handler asked to panic")
	}
	return seq + 1, "echo:" + body, false, nil
}

// echoObj implements service.EchoServer (object API).
type echoObj struct{ o *observed }

var _ service.EchoServer = echoObj{}

func (e echoObj) Unary(ctx context.Context, req *service.PingT) (*service.PongT, error) {
	seq, body, isNil, err := e.o.unaryBehaviour(ctx, req.Seq, req.Body)
	if err != nil || isNil {
		return nil, err
	}
	return &service.PongT{Seq: seq, Body: body}, nil
}

func (e echoObj) ServerStream(ctx context.Context, req *service.PingT, send func(*service.PongT) error) error {
	if req.Body == "forever" {
		for i := uint64(0); ; i++ {
			if err := send(&service.PongT{Seq: i, Body: req.Body}); err != nil {
				return e.o.waitCtx(ctx)
			}
			time.Sleep(time.Millisecond)
		}
	}
	for i := uint64(0); i < req.Seq; i++ {
		if err := send(&service.PongT{Seq: i, Body: req.Body}); err != nil {
			return err
		}
	}
	if req.Body == "fail" {
		return rt.NewError(rt.DataLoss, "failed after sending")
	}
	rt.SetTrailer(ctx, rt.Pairs("sent", strconv.FormatUint(req.Seq, 10)))
	return nil
}

func (e echoObj) ClientStream(ctx context.Context, reqs iter.Seq2[*service.PingT, error]) (*service.PongT, error) {
	var sum uint64
	var bodies []string
	for req, err := range reqs {
		if err != nil {
			return nil, err
		}
		if req.Body == "fail" {
			return nil, rt.NewError(rt.Aborted, "asked to fail")
		}
		sum += req.Seq
		bodies = append(bodies, req.Body)
	}
	return &service.PongT{Seq: sum, Body: strings.Join(bodies, "+")}, nil
}

func (e echoObj) Bidi(ctx context.Context, reqs iter.Seq2[*service.PingT, error], send func(*service.PongT) error) error {
	for req, err := range reqs {
		if err != nil {
			return err
		}
		if err := send(&service.PongT{Seq: req.Seq * 2, Body: req.Body}); err != nil {
			return err
		}
	}
	return nil
}

// echoRaw implements service.EchoRawServer (zero copy) with the behaviour
// of echoObj.
type echoRaw struct{ o *observed }

var _ service.EchoRawServer = echoRaw{}

// buildPong finishes a Pong in b.
func buildPong(b *flatbuffers.Builder, seq uint64, body string) {
	s := b.CreateString(body)
	service.PongStart(b)
	service.PongAddSeq(b, seq)
	service.PongAddBody(b, s)
	service.FinishPongBuffer(b, service.PongEnd(b))
}

// buildPing finishes a Ping in b and returns b.
func buildPing(b *flatbuffers.Builder, seq uint64, body string) *flatbuffers.Builder {
	s := b.CreateString(body)
	service.PingStart(b)
	service.PingAddSeq(b, seq)
	service.PingAddBody(b, s)
	service.FinishPingBuffer(b, service.PingEnd(b))
	return b
}

func (e echoRaw) Unary(ctx context.Context, req *service.Ping, reply *flatbuffers.Builder) error {
	if string(req.Body()) == "nofinish" {
		return nil // forgets to build the reply
	}
	seq, body, isNil, err := e.o.unaryBehaviour(ctx, req.Seq(), string(req.Body()))
	if err != nil {
		return err
	}
	if isNil {
		service.PongStart(reply)
		service.FinishPongBuffer(reply, service.PongEnd(reply))
		return nil
	}
	buildPong(reply, seq, body)
	return nil
}

func (e echoRaw) ServerStream(ctx context.Context, req *service.Ping, stream rt.ServerStreamer) error {
	body := string(req.Body())
	send := func(i uint64) error {
		b := stream.NewBuilder()
		buildPong(b, i, body)
		return stream.Send(b)
	}
	if body == "forever" {
		for i := uint64(0); ; i++ {
			if err := send(i); err != nil {
				return e.o.waitCtx(ctx)
			}
			time.Sleep(time.Millisecond)
		}
	}
	for i := uint64(0); i < req.Seq(); i++ {
		if err := send(i); err != nil {
			return err
		}
	}
	if body == "fail" {
		return rt.NewError(rt.DataLoss, "failed after sending")
	}
	stream.SetTrailer(rt.Pairs("sent", strconv.FormatUint(req.Seq(), 10)))
	return nil
}

func (e echoRaw) ClientStream(ctx context.Context, reqs iter.Seq2[*service.Ping, error], reply *flatbuffers.Builder) error {
	var sum uint64
	var bodies []string
	for req, err := range reqs {
		if err != nil {
			return err
		}
		if string(req.Body()) == "fail" {
			return rt.NewError(rt.Aborted, "asked to fail")
		}
		sum += req.Seq()
		bodies = append(bodies, string(req.Body())) // copied: the view dies with the iteration
	}
	buildPong(reply, sum, strings.Join(bodies, "+"))
	return nil
}

func (e echoRaw) Bidi(ctx context.Context, reqs iter.Seq2[*service.Ping, error], stream rt.ServerStreamer) error {
	for req, err := range reqs {
		if err != nil {
			return err
		}
		b := stream.NewBuilder()
		buildPong(b, req.Seq()*2, string(req.Body()))
		if err := stream.Send(b); err != nil {
			return err
		}
	}
	return nil
}

// fixture is a server with the Echo service and a connected client.
type fixture struct {
	obs    *observed
	cc     *rt.ClientConn
	client *service.EchoClient
	mem    *rt.MemListener // the listener of the "mem" transport, else nil
}

// implKinds and transports are the axes every behaviour runs along.
var (
	implKinds  = []string{"object", "raw"}
	transports = []string{"mem", "tcp"}
)

// startEcho serves Echo implemented as impl ("object" or "raw") over
// transport ("mem" or "tcp") and connects a client. Everything is torn down,
// and goroutines checked to be back to their baseline, when t ends.
func startEcho(t testing.TB, impl, transport string, opts ...rt.Option) *fixture {
	t.Helper()
	checkGoroutines(t)
	f := &fixture{obs: newObserved()}
	srv := rt.NewServer(opts...)
	var err error
	switch impl {
	case "object":
		err = service.RegisterEchoServer(srv, echoObj{f.obs})
	case "raw":
		err = service.RegisterEchoRawServer(srv, echoRaw{f.obs})
	}
	if err != nil {
		t.Fatal(err)
	}
	var l net.Listener
	var dialOpts []rt.Option
	url := "ws://mem/"
	switch transport {
	case "mem":
		ml := rt.NewMemListener()
		l, f.mem = ml, ml
		dialOpts = append(dialOpts, rt.WithContextDialer(ml.DialContext))
	case "tcp":
		if l, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
		url = "ws://" + l.Addr().String() + "/"
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		srv.Serve(l)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	f.cc, err = rt.Dial(ctx, url, dialOpts...)
	if err != nil {
		srv.Close()
		<-served
		t.Fatal(err)
	}
	f.client = service.NewEchoClient(f.cc)
	t.Cleanup(func() {
		f.cc.Close()
		srv.Close()
		<-served
	})
	return f
}

// serveMem serves srv on an in-memory listener and dials it; the server
// and the connection are closed, and Serve joined, when t ends.
func serveMem(t testing.TB, srv *rt.Server) *rt.ClientConn {
	t.Helper()
	l := rt.NewMemListener()
	served := make(chan struct{})
	go func() { defer close(served); srv.Serve(l) }()
	t.Cleanup(func() { srv.Close(); <-served })
	cc, err := rt.Dial(ctxT(t), "ws://mem/", rt.WithContextDialer(l.DialContext))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

// checkGoroutines fails t if, after t and its cleanups finish, more
// goroutines run than before it started (after a grace period for
// goroutines that are still exiting). It must be called before the
// fixture's own cleanups are registered so that it runs after them.
func checkGoroutines(t testing.TB) {
	t.Helper()
	before := goruntime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for goruntime.NumGoroutine() > before {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				n := goruntime.Stack(buf, true)
				t.Errorf("goroutines: %d before, %d after:\n%s", before, goruntime.NumGoroutine(), buf[:n])
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// ctxT is a context bounded by a generous test timeout.
func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// wantCode fails unless err carries code and came from the wire (or not,
// as fromWire says).
func wantCode(t *testing.T, err error, code rt.Code, fromWire bool) {
	t.Helper()
	if got := rt.CodeOf(err); got != code {
		t.Fatalf("error %v: code %v, want %v", err, got, code)
	}
	var e *rt.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *runtime.Error", err, err)
	}
	if e.FromWire() != fromWire {
		t.Fatalf("error %v: FromWire %v, want %v", err, e.FromWire(), fromWire)
	}
}

// forEach runs fn for every implementation and transport as named subtests.
func forEach(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, impl := range implKinds {
		for _, tr := range transports {
			t.Run(impl+"/"+tr, func(t *testing.T) { fn(t, startEcho(t, impl, tr)) })
		}
	}
}
