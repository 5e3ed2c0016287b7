package bench

import (
	"bytes"
	"context"
	"fmt"
	"net"
)

// A system is one RPC stack under test, serving the echo service on a
// loopback listener and calling it.
type system struct {
	name string
	// multiplexed: one connection carries concurrent calls. Systems without
	// it (raw ws) only run the cases with a connection per caller.
	multiplexed bool
	// serve starts serving the echo service on l and returns a function
	// that stops the server and waits for it.
	serve func(l net.Listener) (stop func(), err error)
	// dial connects to the server at addr, from the local address local
	// (nil: any).
	dial func(ctx context.Context, addr string, local *net.TCPAddr) (client, error)
}

// client is one connection to an echo server. Its methods are safe for
// concurrent use when the system is multiplexed.
type client interface {
	// unary sends Ping{seq, body} and checks that the Pong echoes both.
	unary(ctx context.Context, seq uint64, body []byte) error
	// serverStream asks for n Pongs carrying body and seq 0..n-1, and checks
	// each as it arrives.
	serverStream(ctx context.Context, n int, body []byte) error
	// bidi sends n Pings (seq 0..n-1) from one goroutine while receiving and
	// checking the n echoed Pongs in another.
	bidi(ctx context.Context, n int, body []byte) error
	// close closes the connection.
	close() error
}

// systems returns every system in the order of the result tables: grpc-go
// first, the baseline of benchstat's comparisons.
func systems() []*system {
	return []*system{grpcSystem(), wsgenSystem(), wsgenObjSystem(), connectSystem(), drpcSystem(), rawSystem()}
}

// systemNamed returns the system called name, or nil.
func systemNamed(name string) *system {
	for _, s := range systems() {
		if s.name == name {
			return s
		}
	}
	return nil
}

// checkPong reports whether a reply carries the expected seq and body.
func checkPong(gotSeq uint64, gotBody []byte, seq uint64, body []byte) error {
	if gotSeq != seq {
		return fmt.Errorf("reply seq %d, want %d", gotSeq, seq)
	}
	if !bytes.Equal(gotBody, body) {
		return fmt.Errorf("reply %d: body of %d bytes differs from the %d sent", seq, len(gotBody), len(body))
	}
	return nil
}

// payload returns n bytes of a fixed, non-trivial pattern.
func payload(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}
