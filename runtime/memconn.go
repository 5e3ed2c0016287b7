package runtime

import (
	"context"
	"errors"
	"net"
	"sync"
)

// MemListener is an in-memory net.Listener for tests and examples, like
// grpc's bufconn: no sockets are involved. Each direction of a connection
// buffers 256 KiB, like a loopback socket, and deadlines work. Serve
// it with [Server.Serve] and dial it with
// Dial(ctx, "ws://mem", WithContextDialer(l.DialContext)).
type MemListener struct {
	conns chan net.Conn
	once  sync.Once
	done  chan struct{}
}

var _ net.Listener = (*MemListener)(nil)

// NewMemListener returns an open in-memory listener.
func NewMemListener() *MemListener {
	return &MemListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

// errMemClosed is returned by a closed MemListener.
var errMemClosed = errors.New("runtime: MemListener closed")

// Accept waits for the next DialContext.
func (l *MemListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops the listener; pending and future dials fail.
func (l *MemListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

// Addr returns a placeholder address ("mem").
func (l *MemListener) Addr() net.Addr { return memAddr{} }

// DialContext connects to the listener; network and addr are ignored. Its
// signature fits [WithContextDialer].
func (l *MemListener) DialContext(ctx context.Context, _, _ string) (net.Conn, error) {
	client, server := newMemPipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
	case <-ctx.Done():
		client.Close()
		server.Close()
		return nil, ctx.Err()
	}
	client.Close()
	server.Close()
	return nil, errMemClosed
}

type memAddr struct{}

func (memAddr) Network() string { return "mem" }
func (memAddr) String() string  { return "mem" }
