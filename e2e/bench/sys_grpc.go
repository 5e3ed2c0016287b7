package bench

import (
	"context"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/wsgen/wsgen/e2e/bench/proto/echopb"
)

// grpcSystem is grpc-go with its default options and protobuf messages.
func grpcSystem() *system {
	return &system{
		name:        "grpc",
		multiplexed: true,
		serve: func(l net.Listener) (func(), error) {
			s := grpc.NewServer()
			echopb.RegisterEchoServer(s, grpcEcho{})
			done := make(chan struct{})
			go func() {
				defer close(done)
				s.Serve(l)
			}()
			return func() {
				s.Stop()
				<-done
			}, nil
		},
		dial: func(ctx context.Context, addr string, local *net.TCPAddr) (client, error) {
			d := tcpDialer(local)
			cc, err := grpc.NewClient("passthrough:///"+addr,
				grpc.WithTransportCredentials(insecure.NewCredentials()),
				grpc.WithContextDialer(func(ctx context.Context, a string) (net.Conn, error) {
					return d.DialContext(ctx, "tcp", a)
				}))
			if err != nil {
				return nil, err
			}
			cc.Connect()
			return &grpcClient{cc: cc, c: echopb.NewEchoClient(cc)}, nil
		},
	}
}

type grpcEcho struct {
	echopb.UnimplementedEchoServer
}

func (grpcEcho) Unary(_ context.Context, req *echopb.Ping) (*echopb.Pong, error) {
	return &echopb.Pong{Seq: req.Seq, Body: req.Body}, nil
}

func (grpcEcho) ServerStream(req *echopb.Ping, s grpc.ServerStreamingServer[echopb.Pong]) error {
	return pbServerStream(req, s.Send)
}

func (grpcEcho) ClientStream(s grpc.ClientStreamingServer[echopb.Ping, echopb.Pong]) error {
	n, err := pbCount(s.Recv)
	if err != nil {
		return err
	}
	return s.SendAndClose(&echopb.Pong{Seq: n})
}

func (grpcEcho) Bidi(s grpc.BidiStreamingServer[echopb.Ping, echopb.Pong]) error {
	return pbBidi(pbStream{recv: s.Recv, send: s.Send})
}

type grpcClient struct {
	cc *grpc.ClientConn
	c  echopb.EchoClient
}

func (g *grpcClient) unary(ctx context.Context, seq uint64, body []byte) error {
	pong, err := g.c.Unary(ctx, &echopb.Ping{Seq: seq, Body: body})
	if err != nil {
		return err
	}
	return checkPong(pong.Seq, pong.Body, seq, body)
}

func (g *grpcClient) serverStream(ctx context.Context, n int, body []byte) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s, err := g.c.ServerStream(ctx, &echopb.Ping{Seq: uint64(n), Body: body})
	if err != nil {
		return err
	}
	return pbRecvAll(n, body, s.Recv)
}

func (g *grpcClient) bidi(ctx context.Context, n int, body []byte) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s, err := g.c.Bidi(ctx)
	if err != nil {
		return err
	}
	return pbBidiClient(n, body, s.Send, s.CloseSend, s.Recv)
}

func (g *grpcClient) close() error { return g.cc.Close() }
