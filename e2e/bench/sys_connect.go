package bench

import (
	"context"
	"net"
	"net/http"

	"connectrpc.com/connect"

	"github.com/wsgen/wsgen/e2e/bench/proto/echopb"
	"github.com/wsgen/wsgen/e2e/bench/proto/echopb/echopbconnect"
)

// h2MaxStreams lets one HTTP/2 connection carry the 256 concurrent calls of
// the largest case (net/http's default is 250).
const h2MaxStreams = 1024

// connectSystem is connect-go (Connect protocol, binary protobuf) over
// cleartext HTTP/2 with prior knowledge, so one connection carries many
// calls as with grpc-go. Its client would accept gzip by default, and its
// server would then gzip every response (CompressMinBytes is 0), which
// costs more CPU than the rest of the call; the client here accepts no
// compression, so that, as for the other systems, messages travel
// uncompressed.
func connectSystem() *system {
	return &system{
		name:        "connect",
		multiplexed: true,
		serve: func(l net.Listener) (func(), error) {
			mux := http.NewServeMux()
			mux.Handle(echopbconnect.NewEchoHandler(connectEcho{}))
			var p http.Protocols
			p.SetHTTP1(true)
			p.SetUnencryptedHTTP2(true)
			s := &http.Server{Handler: mux, Protocols: &p, HTTP2: &http.HTTP2Config{MaxConcurrentStreams: h2MaxStreams}}
			done := make(chan struct{})
			go func() {
				defer close(done)
				s.Serve(l)
			}()
			return func() {
				s.Close()
				<-done
			}, nil
		},
		dial: func(ctx context.Context, addr string, local *net.TCPAddr) (client, error) {
			var p http.Protocols
			p.SetUnencryptedHTTP2(true)
			tr := &http.Transport{
				Protocols:   &p,
				DialContext: tcpDialer(local).DialContext,
				HTTP2:       &http.HTTP2Config{MaxConcurrentStreams: h2MaxStreams},
			}
			hc := &http.Client{Transport: tr}
			return &connectClient{tr: tr, c: echopbconnect.NewEchoClient(hc, "http://"+addr,
				connect.WithAcceptCompression("gzip", nil, nil))}, nil
		},
	}
}

type connectEcho struct{}

var _ echopbconnect.EchoHandler = connectEcho{}

func (connectEcho) Unary(_ context.Context, req *connect.Request[echopb.Ping]) (*connect.Response[echopb.Pong], error) {
	return connect.NewResponse(&echopb.Pong{Seq: req.Msg.Seq, Body: req.Msg.Body}), nil
}

func (connectEcho) ServerStream(_ context.Context, req *connect.Request[echopb.Ping], s *connect.ServerStream[echopb.Pong]) error {
	return pbServerStream(req.Msg, s.Send)
}

func (connectEcho) ClientStream(_ context.Context, s *connect.ClientStream[echopb.Ping]) (*connect.Response[echopb.Pong], error) {
	var n uint64
	for s.Receive() {
		n++
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	return connect.NewResponse(&echopb.Pong{Seq: n}), nil
}

func (connectEcho) Bidi(_ context.Context, s *connect.BidiStream[echopb.Ping, echopb.Pong]) error {
	return pbBidi(pbStream{recv: s.Receive, send: s.Send})
}

type connectClient struct {
	tr *http.Transport
	c  echopbconnect.EchoClient
}

func (c *connectClient) unary(ctx context.Context, seq uint64, body []byte) error {
	rsp, err := c.c.Unary(ctx, connect.NewRequest(&echopb.Ping{Seq: seq, Body: body}))
	if err != nil {
		return err
	}
	return checkPong(rsp.Msg.Seq, rsp.Msg.Body, seq, body)
}

func (c *connectClient) serverStream(ctx context.Context, n int, body []byte) error {
	s, err := c.c.ServerStream(ctx, connect.NewRequest(&echopb.Ping{Seq: uint64(n), Body: body}))
	if err != nil {
		return err
	}
	defer s.Close()
	i := 0
	for s.Receive() {
		if err := checkPong(s.Msg().Seq, s.Msg().Body, uint64(i), body); err != nil {
			return err
		}
		i++
	}
	if err := s.Err(); err != nil {
		return err
	}
	return countCheck(i, n)
}

func (c *connectClient) bidi(ctx context.Context, n int, body []byte) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := c.c.Bidi(ctx)
	err := pbBidiClient(n, body, s.Send, s.CloseRequest, s.Receive)
	s.CloseResponse()
	return err
}

func (c *connectClient) close() error {
	c.tr.CloseIdleConnections()
	return nil
}
