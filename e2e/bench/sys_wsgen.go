package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/e2e/bench/wsgenecho"
	"github.com/wsgen/wsgen/runtime"
)

// wsgenSystem is wsgen with the zero-copy API on both sides: requests and
// replies are built in pooled builders and read as views.
func wsgenSystem() *system {
	return &system{
		name:        "wsgen",
		multiplexed: true,
		serve: func(l net.Listener) (func(), error) {
			return serveWsgen(l, func(s *runtime.Server) error { return wsgenecho.RegisterEchoRawServer(s, rawEcho{}) })
		},
		dial: func(ctx context.Context, addr string, local *net.TCPAddr) (client, error) {
			cc, err := dialWsgen(ctx, addr, local)
			if err != nil {
				return nil, err
			}
			return &wsgenRawClient{cc: cc, c: wsgenecho.NewEchoClient(cc)}, nil
		},
	}
}

// wsgenObjSystem is wsgen with the object API on both sides (PingT/PongT
// values, packed and unpacked by the generated code).
func wsgenObjSystem() *system {
	return &system{
		name:        "wsgen-obj",
		multiplexed: true,
		serve: func(l net.Listener) (func(), error) {
			return serveWsgen(l, func(s *runtime.Server) error { return wsgenecho.RegisterEchoServer(s, objEcho{}) })
		},
		dial: func(ctx context.Context, addr string, local *net.TCPAddr) (client, error) {
			cc, err := dialWsgen(ctx, addr, local)
			if err != nil {
				return nil, err
			}
			return &wsgenObjClient{cc: cc, c: wsgenecho.NewEchoClient(cc)}, nil
		},
	}
}

func serveWsgen(l net.Listener, register func(*runtime.Server) error) (func(), error) {
	s := runtime.NewServer()
	if err := register(s); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Serve(l)
	}()
	return func() {
		s.Close()
		<-done
	}, nil
}

func dialWsgen(ctx context.Context, addr string, local *net.TCPAddr) (*runtime.ClientConn, error) {
	var opts []runtime.Option
	if local != nil {
		d := &net.Dialer{LocalAddr: local}
		opts = append(opts, runtime.WithContextDialer(d.DialContext))
	}
	return runtime.Dial(ctx, "ws://"+addr+"/", opts...)
}

// rawEcho is the zero-copy server.
type rawEcho struct{}

var _ wsgenecho.EchoRawServer = rawEcho{}

// buildPong writes Pong{seq, body} into b and finishes it.
func buildPong(b *flatbuffers.Builder, seq uint64, body []byte) {
	bo := b.CreateByteVector(body)
	wsgenecho.PongStart(b)
	wsgenecho.PongAddSeq(b, seq)
	wsgenecho.PongAddBody(b, bo)
	wsgenecho.FinishPongBuffer(b, wsgenecho.PongEnd(b))
}

// buildPing writes Ping{seq, body} into b and finishes it.
func buildPing(b *flatbuffers.Builder, seq uint64, body []byte) *flatbuffers.Builder {
	bo := b.CreateByteVector(body)
	wsgenecho.PingStart(b)
	wsgenecho.PingAddSeq(b, seq)
	wsgenecho.PingAddBody(b, bo)
	wsgenecho.FinishPingBuffer(b, wsgenecho.PingEnd(b))
	return b
}

func (rawEcho) Unary(_ context.Context, req *wsgenecho.Ping, reply *flatbuffers.Builder) error {
	buildPong(reply, req.Seq(), req.BodyBytes())
	return nil
}

func (rawEcho) ServerStream(_ context.Context, req *wsgenecho.Ping, stream runtime.ServerStreamer) error {
	body := req.BodyBytes() // valid until the handler returns
	for i := range req.Seq() {
		b := stream.NewBuilder()
		buildPong(b, i, body)
		if err := stream.Send(b); err != nil {
			return err
		}
	}
	return nil
}

func (rawEcho) ClientStream(_ context.Context, reqs iter.Seq2[*wsgenecho.Ping, error], reply *flatbuffers.Builder) error {
	var n uint64
	for _, err := range reqs {
		if err != nil {
			return err
		}
		n++
	}
	buildPong(reply, n, nil)
	return nil
}

func (rawEcho) Bidi(_ context.Context, reqs iter.Seq2[*wsgenecho.Ping, error], stream runtime.ServerStreamer) error {
	for req, err := range reqs {
		if err != nil {
			return err
		}
		b := stream.NewBuilder()
		buildPong(b, req.Seq(), req.BodyBytes())
		if err := stream.Send(b); err != nil {
			return err
		}
	}
	return nil
}

// objEcho is the object-API server.
type objEcho struct{}

var _ wsgenecho.EchoServer = objEcho{}

func (objEcho) Unary(_ context.Context, req *wsgenecho.PingT) (*wsgenecho.PongT, error) {
	return &wsgenecho.PongT{Seq: req.Seq, Body: req.Body}, nil
}

func (objEcho) ServerStream(_ context.Context, req *wsgenecho.PingT, send func(*wsgenecho.PongT) error) error {
	for i := range req.Seq {
		if err := send(&wsgenecho.PongT{Seq: i, Body: req.Body}); err != nil {
			return err
		}
	}
	return nil
}

func (objEcho) ClientStream(_ context.Context, reqs iter.Seq2[*wsgenecho.PingT, error]) (*wsgenecho.PongT, error) {
	var n uint64
	for _, err := range reqs {
		if err != nil {
			return nil, err
		}
		n++
	}
	return &wsgenecho.PongT{Seq: n}, nil
}

func (objEcho) Bidi(_ context.Context, reqs iter.Seq2[*wsgenecho.PingT, error], send func(*wsgenecho.PongT) error) error {
	for req, err := range reqs {
		if err != nil {
			return err
		}
		if err := send(&wsgenecho.PongT{Seq: req.Seq, Body: req.Body}); err != nil {
			return err
		}
	}
	return nil
}

// wsgenRawClient calls with builders and reads views.
type wsgenRawClient struct {
	cc *runtime.ClientConn
	c  *wsgenecho.EchoClient
}

func (w *wsgenRawClient) unary(ctx context.Context, seq uint64, body []byte) error {
	pong, reply, err := w.c.UnaryRaw(ctx, buildPing(w.cc.NewBuilder(), seq, body))
	if err != nil {
		return err
	}
	err = checkPong(pong.Seq(), pong.BodyBytes(), seq, body)
	reply.Release()
	return err
}

func (w *wsgenRawClient) serverStream(ctx context.Context, n int, body []byte) error {
	call, err := w.c.ServerStreamRaw(ctx, buildPing(w.cc.NewBuilder(), uint64(n), body))
	if err != nil {
		return err
	}
	defer call.Cancel()
	i := 0
	for pong, err := range call.Views() {
		if err != nil {
			return err
		}
		if err := checkPong(pong.Seq(), pong.BodyBytes(), uint64(i), body); err != nil {
			return err
		}
		i++
	}
	return countCheck(i, n)
}

func (w *wsgenRawClient) bidi(ctx context.Context, n int, body []byte) error {
	call, err := w.c.Bidi(ctx)
	if err != nil {
		return err
	}
	defer call.Cancel()
	sendErr := make(chan error, 1)
	go func() {
		for i := range n {
			if err := call.SendBuilder(buildPing(call.NewBuilder(), uint64(i), body)); err != nil {
				sendErr <- err
				return
			}
		}
		sendErr <- call.CloseSend()
	}()
	i := 0
	for pong, err := range call.Views() {
		if err != nil {
			return err
		}
		if err := checkPong(pong.Seq(), pong.BodyBytes(), uint64(i), body); err != nil {
			return err
		}
		i++
	}
	if err := <-sendErr; err != nil && err != io.EOF {
		return err
	}
	return countCheck(i, n)
}

func (w *wsgenRawClient) close() error { return w.cc.Close() }

// wsgenObjClient calls with PingT and receives PongT values.
type wsgenObjClient struct {
	cc *runtime.ClientConn
	c  *wsgenecho.EchoClient
}

func (w *wsgenObjClient) unary(ctx context.Context, seq uint64, body []byte) error {
	pong, err := w.c.Unary(ctx, &wsgenecho.PingT{Seq: seq, Body: body})
	if err != nil {
		return err
	}
	return checkPong(pong.Seq, pong.Body, seq, body)
}

func (w *wsgenObjClient) serverStream(ctx context.Context, n int, body []byte) error {
	call, err := w.c.ServerStream(ctx, &wsgenecho.PingT{Seq: uint64(n), Body: body})
	if err != nil {
		return err
	}
	defer call.Cancel()
	i := 0
	for pong, err := range call.All() {
		if err != nil {
			return err
		}
		if err := checkPong(pong.Seq, pong.Body, uint64(i), body); err != nil {
			return err
		}
		i++
	}
	return countCheck(i, n)
}

func (w *wsgenObjClient) bidi(ctx context.Context, n int, body []byte) error {
	call, err := w.c.Bidi(ctx)
	if err != nil {
		return err
	}
	defer call.Cancel()
	sendErr := make(chan error, 1)
	go func() {
		for i := range n {
			if err := call.Send(&wsgenecho.PingT{Seq: uint64(i), Body: body}); err != nil {
				sendErr <- err
				return
			}
		}
		sendErr <- call.CloseSend()
	}()
	i := 0
	for pong, err := range call.All() {
		if err != nil {
			return err
		}
		if err := checkPong(pong.Seq, pong.Body, uint64(i), body); err != nil {
			return err
		}
		i++
	}
	if err := <-sendErr; err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return countCheck(i, n)
}

func (w *wsgenObjClient) close() error { return w.cc.Close() }

// countCheck fails when a stream ended after got of want messages.
func countCheck(got, want int) error {
	if got != want {
		return fmt.Errorf("stream ended after %d of %d messages", got, want)
	}
	return nil
}
