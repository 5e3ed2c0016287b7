package bench

import (
	"errors"
	"io"
	"net"

	"github.com/wsgen/wsgen/e2e/bench/proto/echopb"
)

// The echo logic below is shared by the grpc-go, connect-go and DRPC
// servers and clients; each adapts its own stream types to it.

// pbStream is a server stream as two functions.
type pbStream struct {
	recv func() (*echopb.Ping, error)
	send func(*echopb.Pong) error
}

func pbServerStream(req *echopb.Ping, send func(*echopb.Pong) error) error {
	for i := range req.Seq {
		if err := send(&echopb.Pong{Seq: i, Body: req.Body}); err != nil {
			return err
		}
	}
	return nil
}

// pbCount receives until EOF and returns how many requests arrived.
func pbCount(recv func() (*echopb.Ping, error)) (uint64, error) {
	var n uint64
	for {
		_, err := recv()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

func pbBidi(s pbStream) error {
	for {
		req, err := s.recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := s.send(&echopb.Pong{Seq: req.Seq, Body: req.Body}); err != nil {
			return err
		}
	}
}

// pbRecvAll receives a stream of n Pongs and checks them.
func pbRecvAll(n int, body []byte, recv func() (*echopb.Pong, error)) error {
	i := 0
	for {
		pong, err := recv()
		if errors.Is(err, io.EOF) {
			return countCheck(i, n)
		}
		if err != nil {
			return err
		}
		if err := checkPong(pong.Seq, pong.Body, uint64(i), body); err != nil {
			return err
		}
		i++
	}
}

// pbBidiClient sends n Pings in a goroutine and receives and checks the n
// Pongs.
func pbBidiClient(n int, body []byte, send func(*echopb.Ping) error, closeSend func() error, recv func() (*echopb.Pong, error)) error {
	sendErr := make(chan error, 1)
	go func() {
		for i := range n {
			if err := send(&echopb.Ping{Seq: uint64(i), Body: body}); err != nil {
				sendErr <- err
				return
			}
		}
		sendErr <- closeSend()
	}()
	err := pbRecvAll(n, body, recv)
	if serr := <-sendErr; err == nil && serr != nil && !errors.Is(serr, io.EOF) {
		err = serr
	}
	return err
}

// tcpDialer dials from local (nil: any).
func tcpDialer(local *net.TCPAddr) *net.Dialer {
	if local == nil {
		return &net.Dialer{}
	}
	return &net.Dialer{LocalAddr: local}
}
