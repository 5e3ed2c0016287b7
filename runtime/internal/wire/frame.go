package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// HeaderLen is the size of the frame header that starts every WebSocket
// message: type (1), flags (1), reserved (2, zero), stream id (4, little
// endian).
const HeaderLen = 8

// Type is a frame type.
type Type uint8

// The frame types. See docs/protocol.md for each one's body.
const (
	TypeOpen      Type = 0x01 // client opens a call: deadline, method, metadata
	TypeHeaders   Type = 0x02 // server sends response headers
	TypeMessage   Type = 0x03 // one payload, either direction
	TypeHalfClose Type = 0x04 // client has no more messages
	TypeStatus    Type = 0x05 // server ends the call: code, message, details, trailers
	TypeCancel    Type = 0x06 // client abandons the call: code
	TypeCredit    Type = 0x07 // flow-control credit, either direction
	TypePing      Type = 0x08 // liveness check on stream 0; FlagAck marks the answer
	TypeGoAway    Type = 0x09 // server drains: last stream id, code, message
)

var typeNames = [...]string{"", "OPEN", "HEADERS", "MESSAGE", "HALF_CLOSE", "STATUS", "CANCEL", "CREDIT", "PING", "GOAWAY"}

func (t Type) String() string {
	if t > 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("TYPE_0x%02x", uint8(t))
}

// Known reports whether t is a frame type of this protocol version.
func (t Type) Known() bool { return t >= TypeOpen && t <= TypeGoAway }

// Flags.
const (
	// FlagEnd on MESSAGE: the sender sends nothing after this message (a
	// client half-close folded into its last message).
	FlagEnd uint8 = 0x01
	// FlagAck on PING: this is the answer to a PING.
	FlagAck uint8 = 0x01
)

// allowedFlags lists, per type, the flag bits that may be set.
var allowedFlags = [...]uint8{TypeMessage: FlagEnd, TypePing: FlagAck, TypeGoAway: 0}

// Header is a decoded frame header.
type Header struct {
	Type   Type
	Flags  uint8
	Stream uint32
}

// Errors of the frame layer. They break the framing itself, so the receiver
// closes the connection with close code 1002 (protocol error).
var (
	ErrShortFrame    = errors.New("wire: frame shorter than its 8-byte header")
	ErrReserved      = errors.New("wire: reserved header bytes are not zero")
	ErrUnknownType   = errors.New("wire: unknown frame type")
	ErrUnknownFlags  = errors.New("wire: undefined flag bits set")
	ErrStreamZero    = errors.New("wire: call frame on stream 0")
	ErrStreamNonzero = errors.New("wire: connection frame on a nonzero stream")
)

// AppendHeader appends the 8-byte header h to dst.
func AppendHeader(dst []byte, h Header) []byte {
	return append(dst, byte(h.Type), h.Flags, 0, 0,
		byte(h.Stream), byte(h.Stream>>8), byte(h.Stream>>16), byte(h.Stream>>24))
}

// PutHeader writes h into the first 8 bytes of dst, which must be long enough.
func PutHeader(dst []byte, h Header) {
	_ = dst[HeaderLen-1]
	dst[0], dst[1], dst[2], dst[3] = byte(h.Type), h.Flags, 0, 0
	binary.LittleEndian.PutUint32(dst[4:], h.Stream)
}

// ParseHeader decodes the header of frame (one whole WebSocket message) and
// returns it with the body. It checks everything the header alone decides:
// length, reserved bytes, known type, allowed flags, and whether the type
// belongs on stream 0 (PING, GOAWAY) or on a call stream (all others).
func ParseHeader(frame []byte) (Header, []byte, error) {
	if len(frame) < HeaderLen {
		return Header{}, nil, ErrShortFrame
	}
	h := Header{Type: Type(frame[0]), Flags: frame[1], Stream: binary.LittleEndian.Uint32(frame[4:])}
	if frame[2] != 0 || frame[3] != 0 {
		return h, nil, ErrReserved
	}
	if !h.Type.Known() {
		return h, nil, ErrUnknownType
	}
	var allowed uint8
	if int(h.Type) < len(allowedFlags) {
		allowed = allowedFlags[h.Type]
	}
	if h.Flags&^allowed != 0 {
		return h, nil, ErrUnknownFlags
	}
	connLevel := h.Type == TypePing || h.Type == TypeGoAway
	switch {
	case connLevel && h.Stream != 0:
		return h, nil, ErrStreamNonzero
	case !connLevel && h.Stream == 0:
		return h, nil, ErrStreamZero
	}
	return h, frame[HeaderLen:], nil
}
