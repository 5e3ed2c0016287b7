package wire

import (
	"encoding/binary"
	"errors"
	"unicode/utf8"
)

// Errors in frame bodies. The framing is intact, so they fail only the call
// the frame belongs to (or, on stream 0, close the connection).
var (
	ErrTruncated   = errors.New("wire: frame body truncated")
	ErrTrailing    = errors.New("wire: bytes after the end of the frame body")
	ErrMethod      = errors.New("wire: method name is empty, too long or not \"/service/method\"")
	ErrMetadataKey = errors.New("wire: invalid metadata key")
	ErrUTF8        = errors.New("wire: status message is not valid UTF-8")
	ErrZeroCredit  = errors.New("wire: credit increment is zero")
	ErrPingLen     = errors.New("wire: PING body is not 8 bytes")
)

// MaxMethodLen is the longest method name an OPEN frame may carry.
const MaxMethodLen = 1024

// reader consumes a body front to back; the first failure sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = ErrTruncated
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) u16() int {
	v := r.take(2)
	if v == nil {
		return 0
	}
	return int(binary.LittleEndian.Uint16(v))
}

func (r *reader) u32() uint32 {
	v := r.take(4)
	if v == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(v)
}

func (r *reader) u64() uint64 {
	v := r.take(8)
	if v == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(v)
}

func (r *reader) end() error {
	if r.err == nil && len(r.b) != 0 {
		r.err = ErrTrailing
	}
	return r.err
}

func appendU16(dst []byte, v int) []byte { return binary.LittleEndian.AppendUint16(dst, uint16(v)) }
func appendU32(dst []byte, v uint32) []byte {
	return binary.LittleEndian.AppendUint32(dst, v)
}

// Metadata is an encoded metadata block: u16 count, then count pairs of
// (u16 key length, key, u32 value length, value). It is a view into the frame.
type Metadata struct {
	N   int    // number of pairs
	Raw []byte // the pairs, validated by the parser
}

// AppendMetadataCount appends the count that starts a metadata block; append
// exactly n pairs with AppendMetadataPair after it.
func AppendMetadataCount(dst []byte, n int) []byte { return appendU16(dst, n) }

// AppendMetadataPair appends one key/value pair of a metadata block.
func AppendMetadataPair(dst []byte, key, value string) []byte {
	dst = appendU16(dst, len(key))
	dst = append(dst, key...)
	dst = appendU32(dst, uint32(len(value)))
	return append(dst, value...)
}

// ValidKey reports whether k is a legal metadata key: 1 to 255 bytes of
// lowercase ASCII letters, digits, '-', '_' and '.'.
func ValidKey[K string | []byte](k K) bool {
	if len(k) == 0 || len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func (r *reader) metadata() Metadata {
	n := r.u16()
	start := r.b
	for i := 0; i < n && r.err == nil; i++ {
		if k := r.take(r.u16()); r.err == nil && !ValidKey(k) {
			r.err = ErrMetadataKey
		}
		r.take(int(r.u32()))
	}
	if r.err != nil {
		return Metadata{}
	}
	return Metadata{N: n, Raw: start[: len(start)-len(r.b) : len(start)-len(r.b)]}
}

// Each calls fn with each pair in order. The slices are views into the frame.
func (m Metadata) Each(fn func(key, value []byte)) {
	r := reader{b: m.Raw}
	for i := 0; i < m.N; i++ {
		k := r.take(r.u16())
		v := r.take(int(r.u32()))
		if r.err != nil {
			return // unreachable for a block returned by a parser
		}
		fn(k, v)
	}
}

// ParseMetadata decodes a body that is exactly one metadata block (HEADERS).
func ParseMetadata(body []byte) (Metadata, error) {
	r := reader{b: body}
	md := r.metadata()
	return md, r.end()
}

// Open is a decoded OPEN body.
type Open struct {
	// Timeout is the time the client allows for the call, in nanoseconds,
	// counted from when the server receives the frame; 0 means none.
	Timeout uint64
	// Method is "/service/method".
	Method   []byte
	Metadata Metadata
}

// AppendOpenHead appends the start of an OPEN body (timeout and method); the
// request metadata block follows.
func AppendOpenHead(dst []byte, timeout uint64, method string) []byte {
	dst = binary.LittleEndian.AppendUint64(dst, timeout)
	dst = appendU16(dst, len(method))
	return append(dst, method...)
}

// ParseOpen decodes an OPEN body.
func ParseOpen(body []byte) (Open, error) {
	r := reader{b: body}
	o := Open{Timeout: r.u64()}
	o.Method = r.take(r.u16())
	if r.err == nil && !validMethod(o.Method) {
		return o, ErrMethod
	}
	o.Metadata = r.metadata()
	return o, r.end()
}

// validMethod checks the shape "/service/method": a leading slash, exactly one
// more slash, both parts non-empty, printable ASCII.
func validMethod(m []byte) bool {
	if len(m) < 4 || len(m) > MaxMethodLen || m[0] != '/' {
		return false
	}
	slashes := 0
	for i, c := range m {
		if c <= ' ' || c >= 0x7f {
			return false
		}
		if c == '/' && i > 0 {
			if i == 1 || i == len(m)-1 {
				return false
			}
			slashes++
		}
	}
	return slashes == 1
}

// Status is a decoded STATUS body.
type Status struct {
	Code     uint32
	Message  []byte
	NDetails int
	Details  []byte // validated (u16 type length, type, u32 value length, value) entries
	Trailers Metadata
}

// AppendStatusHead appends the start of a STATUS body: code, message and the
// number of details. Append that many details with AppendDetail, then the
// trailer metadata block.
func AppendStatusHead(dst []byte, code uint32, msg string, nDetails int) []byte {
	dst = appendU32(dst, code)
	dst = appendU32(dst, uint32(len(msg)))
	dst = append(dst, msg...)
	return appendU16(dst, nDetails)
}

// AppendDetail appends one error detail of a STATUS body.
func AppendDetail(dst []byte, typ string, value []byte) []byte {
	dst = appendU16(dst, len(typ))
	dst = append(dst, typ...)
	dst = appendU32(dst, uint32(len(value)))
	return append(dst, value...)
}

// ParseStatus decodes a STATUS body.
func ParseStatus(body []byte) (Status, error) {
	r := reader{b: body}
	s := Status{Code: r.u32()}
	s.Message = r.take(int(r.u32()))
	if r.err == nil && !utf8.Valid(s.Message) {
		return s, ErrUTF8
	}
	s.NDetails = r.u16()
	start := r.b
	for i := 0; i < s.NDetails && r.err == nil; i++ {
		r.take(r.u16())
		r.take(int(r.u32()))
	}
	if r.err == nil {
		s.Details = start[:len(start)-len(r.b)]
	}
	s.Trailers = r.metadata()
	return s, r.end()
}

// EachDetail calls fn with each detail of s.
func (s Status) EachDetail(fn func(typ, value []byte)) {
	r := reader{b: s.Details}
	for i := 0; i < s.NDetails; i++ {
		t := r.take(r.u16())
		v := r.take(int(r.u32()))
		if r.err != nil {
			return
		}
		fn(t, v)
	}
}

// AppendU32Body appends a body that is one u32 (CANCEL code, CREDIT increment).
func AppendU32Body(dst []byte, v uint32) []byte { return appendU32(dst, v) }

// ParseCancel decodes a CANCEL body: the status code the client gives up with.
func ParseCancel(body []byte) (uint32, error) {
	r := reader{b: body}
	c := r.u32()
	return c, r.end()
}

// ParseCredit decodes a CREDIT body: a non-zero byte increment.
func ParseCredit(body []byte) (uint32, error) {
	r := reader{b: body}
	c := r.u32()
	if err := r.end(); err != nil {
		return 0, err
	}
	if c == 0 {
		return 0, ErrZeroCredit
	}
	return c, nil
}

// ParsePing checks a PING body (8 opaque bytes) and returns it.
func ParsePing(body []byte) ([]byte, error) {
	if len(body) != 8 {
		return nil, ErrPingLen
	}
	return body, nil
}

// GoAway is a decoded GOAWAY body.
type GoAway struct {
	LastStream uint32
	Code       uint32
	Message    []byte
}

// AppendGoAway appends a GOAWAY body.
func AppendGoAway(dst []byte, last, code uint32, msg string) []byte {
	dst = appendU32(dst, last)
	dst = appendU32(dst, code)
	dst = appendU32(dst, uint32(len(msg)))
	return append(dst, msg...)
}

// ParseGoAway decodes a GOAWAY body.
func ParseGoAway(body []byte) (GoAway, error) {
	r := reader{b: body}
	g := GoAway{LastStream: r.u32(), Code: r.u32()}
	g.Message = r.take(int(r.u32()))
	if err := r.end(); err != nil {
		return g, err
	}
	if !utf8.Valid(g.Message) {
		return g, ErrUTF8
	}
	return g, nil
}
