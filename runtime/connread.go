package runtime

// The read side of a connection: one goroutine reads WebSocket frames,
// reassembles messages into pooled buffers, answers control frames and hands
// protocol frames to the peer (client or server).

import (
	"encoding/binary"
	"errors"
	"io"
	"strconv"

	"github.com/gobwas/ws"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// readLoop reads WebSocket frames, reassembles messages, answers control
// frames and hands frames to the peer. It returns why reading stopped.
func (c *conn) readLoop() error {
	limit := int64(wire.HeaderLen + c.o.maxMessage)
	var msg *rbuf // message being reassembled from fragments
	var msgRsv1 bool
	for {
		h, err := c.readWSHeader()
		if err != nil {
			c.pool.put(msg)
			return err
		}
		if h.Op >= wire.OpClose {
			var p [125]byte
			if err := c.readPayload(p[:h.Len], h); err != nil {
				c.pool.put(msg)
				return err
			}
			if err := c.control(h.Op, p[:h.Len]); err != nil {
				c.pool.put(msg)
				return err
			}
			continue
		}
		switch {
		case h.Op == wire.OpText:
			c.pool.put(msg)
			return &protoError{code: closeUnsupported, err: errors.New("text message received; the protocol uses binary messages only")}
		case h.Op == wire.OpContinuation && msg == nil:
			return protocolErr(errors.New("continuation frame without a message to continue"))
		case h.Op == wire.OpBinary && msg != nil:
			c.pool.put(msg)
			return protocolErr(errors.New("new message inside a fragmented message"))
		}
		if h.Op == wire.OpBinary && h.Fin {
			if h.Len > limit {
				if h.Rsv1 {
					return &protoError{code: closeTooBig, err: errors.New("compressed message exceeds the size limit")}
				}
				if err := c.discardOversized(h); err != nil {
					return err
				}
				continue
			}
			buf := c.pool.get(int(h.Len))
			if err := c.readPayload(buf.b, h); err != nil {
				c.pool.put(buf)
				return err
			}
			if h.Rsv1 {
				if buf, err = c.inflated(buf, int(limit)); buf == nil {
					if err != nil {
						return err
					}
					continue
				}
			}
			if err := c.dispatch(buf); err != nil {
				return err
			}
			continue
		}
		// A fragment: append to msg.
		have := 0
		if msg != nil {
			have = len(msg.b)
		} else {
			msgRsv1 = h.Rsv1
		}
		if int64(have)+h.Len > limit {
			c.pool.put(msg)
			return &protoError{code: closeTooBig, err: errors.New("fragmented message exceeds the size limit")}
		}
		next := c.pool.get(have + int(h.Len))
		if msg != nil {
			copy(next.b, msg.b)
			c.pool.put(msg)
		}
		msg = next
		if err := c.readPayload(msg.b[have:], h); err != nil {
			c.pool.put(msg)
			return err
		}
		if h.Fin {
			m := msg
			msg = nil
			if msgRsv1 {
				if m, err = c.inflated(m, int(limit)); m == nil {
					if err != nil {
						return err
					}
					continue
				}
			}
			if err := c.dispatch(m); err != nil {
				return err
			}
		}
	}
}

// readWSHeader reads and checks one WebSocket frame header.
func (c *conn) readWSHeader() (wire.WSHeader, error) {
	b, err := c.rd.Peek(2)
	if err != nil {
		return wire.WSHeader{}, err
	}
	n := wire.WSHeaderLen(b[0], b[1])
	if b, err = c.rd.Peek(n); err != nil {
		return wire.WSHeader{}, noEOF(err)
	}
	h, err := wire.ParseWSHeader(b)
	c.rd.Discard(n)
	if err != nil {
		return h, protocolErr(err)
	}
	if c.client && h.Masked {
		return h, protocolErr(wire.ErrWSMaskServer)
	}
	if !c.client && !h.Masked {
		return h, protocolErr(wire.ErrWSMaskClient)
	}
	if h.Rsv1 && (!c.deflate || h.Op == wire.OpContinuation) {
		return h, protocolErr(wire.ErrWSRsv1)
	}
	return h, nil
}

func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// readPayload reads a frame's payload into p (len(p) == h.Len) and unmasks it.
func (c *conn) readPayload(p []byte, h wire.WSHeader) error {
	if err := c.rd.ReadFull(p); err != nil {
		return noEOF(err)
	}
	if h.Masked {
		ws.Cipher(p, h.Mask, 0)
	}
	return nil
}

// discardOversized skips a message over the size limit. If it is a MESSAGE
// frame, only its call fails (ResourceExhausted); otherwise the connection
// closes with 1009.
func (c *conn) discardOversized(h wire.WSHeader) error {
	var hb [wire.HeaderLen]byte
	if err := c.readPayload(hb[:], h); err != nil {
		return err
	}
	fh, _, err := wire.ParseHeader(hb[:])
	if err != nil {
		return protocolErr(err)
	}
	if fh.Type != wire.TypeMessage {
		return &protoError{code: closeTooBig, err: errors.New(fh.Type.String() + " frame exceeds the size limit")}
	}
	if err := c.rd.Discard(int(h.Len - wire.HeaderLen)); err != nil {
		return noEOF(err)
	}
	return c.peer.tooBig(fh.Stream, h.Len-wire.HeaderLen)
}

// inflated decompresses a compressed message (recycling buf) for dispatch.
// A message inflating past limit is handled like an oversized one (see
// discardOversized): a MESSAGE fails its call and inflated returns nil, nil;
// any other frame closes with 1009. Corrupt compressed data closes with 1002.
func (c *conn) inflated(buf *rbuf, limit int) (*rbuf, error) {
	out, err := c.inflate(buf.b, limit)
	c.pool.put(buf)
	if err == nil {
		return out, nil
	}
	if !errors.Is(err, errInflatedTooBig) {
		return nil, protocolErr(errors.New("corrupt compressed message: " + err.Error()))
	}
	fh, _, perr := wire.ParseHeader(out.b)
	c.pool.put(out)
	if perr != nil {
		return nil, protocolErr(perr)
	}
	if fh.Type != wire.TypeMessage {
		return nil, &protoError{code: closeTooBig, err: errors.New(fh.Type.String() + " frame inflates past the size limit")}
	}
	return nil, c.peer.tooBig(fh.Stream, int64(limit-wire.HeaderLen+1))
}

// dispatch decodes a whole message's frame header and hands it to the peer.
func (c *conn) dispatch(buf *rbuf) error {
	h, body, err := wire.ParseHeader(buf.b)
	if err != nil {
		c.pool.put(buf)
		return protocolErr(err)
	}
	if h.Type != wire.TypeMessage && len(buf.b) > maxControlFrame {
		c.pool.put(buf)
		return &protoError{code: closeTooBig, err: errors.New(h.Type.String() + " frame exceeds 64 KiB")}
	}
	if h.Type == wire.TypePing {
		p, err := wire.ParsePing(body)
		if err == nil && h.Flags&wire.FlagAck == 0 {
			c.wmu.Lock()
			if !c.closeQueued {
				c.appendFrameLocked(wire.Header{Type: wire.TypePing, Flags: wire.FlagAck}, p, nil, nil)
			}
			c.wmu.Unlock()
			c.kick()
		}
		c.pool.put(buf)
		if err != nil {
			return protocolErr(err)
		}
		return nil
	}
	kept, err := c.peer.frame(h, body, buf)
	if !kept {
		c.pool.put(buf)
	}
	return err
}

// errPeerClosed ends the read loop after the peer's close frame.
type errPeerClosed struct {
	code   uint16
	reason string
}

func (e *errPeerClosed) Error() string {
	return "peer closed the connection (" + strconv.Itoa(int(e.code)) + " " + e.reason + ")"
}

// control handles a WebSocket control frame.
func (c *conn) control(op byte, p []byte) error {
	switch op {
	case wire.OpPing:
		c.wmu.Lock()
		if !c.closeQueued {
			c.appendControlLocked(wire.OpPong, p)
		}
		c.wmu.Unlock()
		c.kick()
	case wire.OpClose:
		code, reason := uint16(1005), ""
		if len(p) >= 2 {
			code = binary.BigEndian.Uint16(p)
			reason = string(p[2:])
		} else if len(p) == 1 {
			return protocolErr(errors.New("close frame with a 1-byte payload"))
		}
		reply := code
		if code == 1005 {
			reply = closeNormal
		}
		c.closeWith(reply, "")
		return &errPeerClosed{code: code, reason: reason}
	}
	return nil
}
