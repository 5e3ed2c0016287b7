package bench

import (
	"context"
	"net"

	"storj.io/drpc/drpcconn"
	"storj.io/drpc/drpcmux"
	"storj.io/drpc/drpcserver"

	"github.com/wsgen/wsgen/e2e/bench/proto/echopb"
)

// drpcSystem is storj.io/drpc with protobuf messages. A DRPC connection
// runs one call at a time: concurrent callers on one connection wait for
// each other.
func drpcSystem() *system {
	return &system{
		name:        "drpc",
		multiplexed: true,
		serve: func(l net.Listener) (func(), error) {
			mux := drpcmux.New()
			if err := echopb.DRPCRegisterEcho(mux, drpcEcho{}); err != nil {
				return nil, err
			}
			s := drpcserver.New(mux)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() {
				defer close(done)
				s.Serve(ctx, l)
			}()
			return func() {
				cancel()
				<-done
			}, nil
		},
		dial: func(ctx context.Context, addr string, local *net.TCPAddr) (client, error) {
			nc, err := tcpDialer(local).DialContext(ctx, "tcp", addr)
			if err != nil {
				return nil, err
			}
			conn := drpcconn.New(nc)
			return &drpcClient{conn: conn, c: echopb.NewDRPCEchoClient(conn)}, nil
		},
	}
}

type drpcEcho struct{}

var _ echopb.DRPCEchoServer = drpcEcho{}

func (drpcEcho) Unary(_ context.Context, req *echopb.Ping) (*echopb.Pong, error) {
	return &echopb.Pong{Seq: req.Seq, Body: req.Body}, nil
}

func (drpcEcho) ServerStream(req *echopb.Ping, s echopb.DRPCEcho_ServerStreamStream) error {
	return pbServerStream(req, s.Send)
}

func (drpcEcho) ClientStream(s echopb.DRPCEcho_ClientStreamStream) error {
	n, err := pbCount(s.Recv)
	if err != nil {
		return err
	}
	return s.SendAndClose(&echopb.Pong{Seq: n})
}

func (drpcEcho) Bidi(s echopb.DRPCEcho_BidiStream) error {
	return pbBidi(pbStream{recv: s.Recv, send: s.Send})
}

type drpcClient struct {
	conn *drpcconn.Conn
	c    echopb.DRPCEchoClient
}

func (d *drpcClient) unary(ctx context.Context, seq uint64, body []byte) error {
	pong, err := d.c.Unary(ctx, &echopb.Ping{Seq: seq, Body: body})
	if err != nil {
		return err
	}
	return checkPong(pong.Seq, pong.Body, seq, body)
}

func (d *drpcClient) serverStream(ctx context.Context, n int, body []byte) error {
	s, err := d.c.ServerStream(ctx, &echopb.Ping{Seq: uint64(n), Body: body})
	if err != nil {
		return err
	}
	defer s.Close()
	return pbRecvAll(n, body, s.Recv)
}

func (d *drpcClient) bidi(ctx context.Context, n int, body []byte) error {
	s, err := d.c.Bidi(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	return pbBidiClient(n, body, s.Send, s.CloseSend, s.Recv)
}

func (d *drpcClient) close() error { return d.conn.Close() }
