package bench

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"

	"github.com/gobwas/ws"
)

// The raw system is an echo written directly on gobwas/ws, with no RPC
// layer: the practical upper bound. Each binary message carries a one-byte
// operation, an 8-byte little-endian seq and the body:
//
//	'e' seq body   echo: the server answers with the same message
//	's' n   body   stream: the server pushes n messages 'p' i body, i = 0..n-1
//
// It has no multiplexing: a connection carries one call at a time, so it
// only runs the cases with a connection per caller.
const (
	opEcho    = 'e'
	opStream  = 's'
	opPush    = 'p'
	rawPrefix = 9           // op + seq
	rawBufIO  = 4 << 10     // bufio sizes (larger messages bypass them)
	rawMaxMsg = 1<<20 + 256 // largest message accepted
)

func rawSystem() *system {
	return &system{
		name:        "rawws",
		multiplexed: false,
		serve:       serveRaw,
		dial:        dialRaw,
	}
}

// serveRaw accepts connections and runs rawConn on each, each in its own
// goroutine; stop closes the listener and every connection and waits.
func serveRaw(l net.Listener) (func(), error) {
	var (
		mu    sync.Mutex // guards conns
		conns = map[net.Conn]struct{}{}
		wg    sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			nc, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns[nc] = struct{}{}
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				rawServeConn(nc)
				nc.Close()
				mu.Lock()
				delete(conns, nc)
				mu.Unlock()
			}()
		}
	}()
	return func() {
		l.Close()
		mu.Lock()
		for nc := range conns {
			nc.Close()
		}
		mu.Unlock()
		wg.Wait()
	}, nil
}

// rawServeConn upgrades nc and answers its messages until it closes.
func rawServeConn(nc net.Conn) {
	if _, err := ws.Upgrade(nc); err != nil {
		return
	}
	br := bufio.NewReaderSize(nc, rawBufIO)
	bw := bufio.NewWriterSize(nc, rawBufIO)
	var buf []byte
	for {
		h, err := ws.ReadHeader(br)
		if err != nil || h.OpCode == ws.OpClose || h.Length > rawMaxMsg {
			return
		}
		buf, err = readPayload(br, h, buf)
		if err != nil {
			return
		}
		if h.OpCode != ws.OpBinary || len(buf) < rawPrefix {
			continue
		}
		switch buf[0] {
		case opEcho:
			if err := ws.WriteHeader(bw, ws.Header{Fin: true, OpCode: ws.OpBinary, Length: int64(len(buf))}); err != nil {
				return
			}
			bw.Write(buf)
		case opStream:
			n := binary.LittleEndian.Uint64(buf[1:])
			body := buf[rawPrefix:]
			var prefix [rawPrefix]byte
			prefix[0] = opPush
			for i := range n {
				binary.LittleEndian.PutUint64(prefix[1:], i)
				ws.WriteHeader(bw, ws.Header{Fin: true, OpCode: ws.OpBinary, Length: int64(rawPrefix + len(body))})
				bw.Write(prefix[:])
				if _, err := bw.Write(body); err != nil {
					return
				}
			}
		}
		// Flush when no further request is already buffered: replies to
		// pipelined requests go out together.
		if br.Buffered() == 0 {
			if err := bw.Flush(); err != nil {
				return
			}
		}
	}
}

// readPayload reads the payload of h into buf (grown as needed) and unmasks
// it in place.
func readPayload(br *bufio.Reader, h ws.Header, buf []byte) ([]byte, error) {
	n := int(h.Length)
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(br, buf); err != nil {
		return buf, err
	}
	if h.Masked {
		ws.Cipher(buf, h.Mask, 0)
	}
	return buf, nil
}

func dialRaw(ctx context.Context, addr string, local *net.TCPAddr) (client, error) {
	d := ws.Dialer{NetDial: tcpDialer(local).DialContext}
	nc, br, _, err := d.Dial(ctx, "ws://"+addr+"/")
	if err != nil {
		return nil, err
	}
	c := &rawClient{nc: nc, bw: bufio.NewWriterSize(nc, rawBufIO)}
	if br != nil {
		c.br = br // holds bytes that arrived with the handshake reply
	} else {
		c.br = bufio.NewReaderSize(nc, rawBufIO)
	}
	return c, nil
}

// rawClient is one connection; mu serializes calls (one in flight).
type rawClient struct {
	mu   sync.Mutex
	nc   net.Conn
	br   *bufio.Reader
	bw   *bufio.Writer
	wbuf []byte // masked outgoing message
	rbuf []byte // incoming message
}

// write sends one masked message op seq body (not flushed).
func (c *rawClient) write(wbuf []byte, op byte, seq uint64, body []byte) ([]byte, error) {
	wbuf = append(wbuf[:0], op, 0, 0, 0, 0, 0, 0, 0, 0)
	binary.LittleEndian.PutUint64(wbuf[1:], seq)
	wbuf = append(wbuf, body...)
	mask := ws.NewMask()
	ws.Cipher(wbuf, mask, 0)
	if err := ws.WriteHeader(c.bw, ws.Header{Fin: true, OpCode: ws.OpBinary, Masked: true, Mask: mask, Length: int64(len(wbuf))}); err != nil {
		return wbuf, err
	}
	_, err := c.bw.Write(wbuf)
	return wbuf, err
}

// read receives one message and checks it is op seq body.
func (c *rawClient) read(op byte, seq uint64, body []byte) error {
	h, err := ws.ReadHeader(c.br)
	if err != nil {
		return err
	}
	if h.OpCode != ws.OpBinary || h.Length > rawMaxMsg {
		return fmt.Errorf("raw: unexpected frame %v of %d bytes", h.OpCode, h.Length)
	}
	if c.rbuf, err = readPayload(c.br, h, c.rbuf); err != nil {
		return err
	}
	m := c.rbuf
	if len(m) < rawPrefix || m[0] != op {
		return errors.New("raw: malformed reply")
	}
	return checkPong(binary.LittleEndian.Uint64(m[1:]), m[rawPrefix:], seq, body)
}

func (c *rawClient) unary(_ context.Context, seq uint64, body []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	if c.wbuf, err = c.write(c.wbuf, opEcho, seq, body); err != nil {
		return err
	}
	if err := c.bw.Flush(); err != nil {
		return err
	}
	return c.read(opEcho, seq, body)
}

func (c *rawClient) serverStream(_ context.Context, n int, body []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var err error
	if c.wbuf, err = c.write(c.wbuf, opStream, uint64(n), body); err != nil {
		return err
	}
	if err := c.bw.Flush(); err != nil {
		return err
	}
	for i := range n {
		if err := c.read(opPush, uint64(i), body); err != nil {
			return err
		}
	}
	return nil
}

// bidi pipelines n echoes: one goroutine writes, flushing only when the
// write buffer fills and at the end (the coalescing an RPC layer does under
// load, at no cost), while this one reads.
func (c *rawClient) bidi(_ context.Context, n int, body []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	sendErr := make(chan error, 1)
	go func() {
		var err error
		for i := range n {
			if c.wbuf, err = c.write(c.wbuf, opEcho, uint64(i), body); err != nil {
				break
			}
		}
		if err == nil {
			err = c.bw.Flush()
		}
		sendErr <- err
	}()
	var err error
	for i := range n {
		if err = c.read(opEcho, uint64(i), body); err != nil {
			break
		}
	}
	if serr := <-sendErr; err == nil {
		err = serr
	}
	return err
}

func (c *rawClient) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	ws.WriteFrame(c.bw, ws.MaskFrame(ws.NewCloseFrame(ws.NewCloseFrameBody(ws.StatusNormalClosure, ""))))
	c.bw.Flush()
	return c.nc.Close()
}
