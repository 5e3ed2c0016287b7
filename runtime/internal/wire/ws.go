package wire

import (
	"encoding/binary"
	"errors"
)

// WebSocket opcodes (RFC 6455 section 5.2).
const (
	OpContinuation byte = 0x0
	OpText         byte = 0x1
	OpBinary       byte = 0x2
	OpClose        byte = 0x8
	OpPing         byte = 0x9
	OpPong         byte = 0xa
)

// RSV1 is the first header byte's RSV1 bit, which marks a compressed
// message under permessage-deflate (RFC 7692).
const RSV1 byte = 0x40

// MaxWSHeaderLen is the longest WebSocket frame header: 2 bytes, 8 bytes of
// extended length and a 4-byte mask key.
const MaxWSHeaderLen = 14

// WSHeader is a decoded WebSocket frame header.
type WSHeader struct {
	Fin    bool
	Op     byte
	Masked bool
	// Rsv1 is the RSV1 bit: the message is compressed (RFC 7692). The
	// parser accepts it on data frames only; whether it is allowed at all
	// (deflate negotiated, first frame of a message) is the caller's check.
	Rsv1 bool
	Mask [4]byte
	Len  int64
}

// Errors of the WebSocket frame layer (close code 1002).
var (
	ErrWSReserved   = errors.New("wire: websocket RSV bits set without a negotiated extension")
	ErrWSRsv1       = errors.New("wire: websocket RSV1 bit set without negotiated permessage-deflate or on a continuation frame")
	ErrWSOpcode     = errors.New("wire: reserved websocket opcode")
	ErrWSControl    = errors.New("wire: websocket control frame fragmented or longer than 125 bytes")
	ErrWSLength     = errors.New("wire: websocket payload length not minimally encoded or over 2^63")
	ErrWSMaskClient = errors.New("wire: unmasked websocket frame from a client")
	ErrWSMaskServer = errors.New("wire: masked websocket frame from a server")
)

// WSHeaderLen returns the length of the header that starts with the two
// bytes b0, b1.
func WSHeaderLen(b0, b1 byte) int {
	n := 2
	switch b1 & 0x7f {
	case 126:
		n += 2
	case 127:
		n += 8
	}
	if b1&0x80 != 0 {
		n += 4
	}
	return n
}

// ParseWSHeader decodes a complete WebSocket frame header (of the length
// WSHeaderLen reports). It rejects what RFC 6455 forbids regardless of role.
func ParseWSHeader(b []byte) (WSHeader, error) {
	if len(b) < 2 || len(b) < WSHeaderLen(b[0], b[1]) {
		return WSHeader{}, ErrTruncated
	}
	h := WSHeader{Fin: b[0]&0x80 != 0, Op: b[0] & 0x0f, Masked: b[1]&0x80 != 0, Rsv1: b[0]&RSV1 != 0}
	if b[0]&0x30 != 0 || (h.Rsv1 && h.Op >= OpClose) {
		return h, ErrWSReserved
	}
	switch h.Op {
	case OpContinuation, OpText, OpBinary, OpClose, OpPing, OpPong:
	default:
		return h, ErrWSOpcode
	}
	l := int64(b[1] & 0x7f)
	rest := b[2:]
	switch l {
	case 126:
		l = int64(binary.BigEndian.Uint16(rest))
		rest = rest[2:]
		if l < 126 {
			return h, ErrWSLength
		}
	case 127:
		u := binary.BigEndian.Uint64(rest)
		rest = rest[8:]
		if u>>63 != 0 || u <= 0xffff {
			return h, ErrWSLength
		}
		l = int64(u)
	}
	h.Len = l
	if h.Op >= OpClose && (!h.Fin || l > 125) {
		return h, ErrWSControl
	}
	if h.Masked {
		copy(h.Mask[:], rest)
	}
	return h, nil
}

// AppendWSHeader appends the header of a final (unfragmented) frame with
// opcode op and payload length n, masked with mask when masked is set.
func AppendWSHeader(dst []byte, op byte, n int, masked bool, mask [4]byte) []byte {
	var mbit byte
	if masked {
		mbit = 0x80
	}
	dst = append(dst, 0x80|op)
	switch {
	case n < 126:
		dst = append(dst, mbit|byte(n))
	case n <= 0xffff:
		dst = append(dst, mbit|126)
		dst = binary.BigEndian.AppendUint16(dst, uint16(n))
	default:
		dst = append(dst, mbit|127)
		dst = binary.BigEndian.AppendUint64(dst, uint64(n))
	}
	if masked {
		dst = append(dst, mask[:]...)
	}
	return dst
}
