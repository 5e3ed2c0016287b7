package wire

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	_ "github.com/wsgen/wsgen/internal/golden"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(string(bytes.ReplaceAll([]byte(s), []byte(" "), nil)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The examples of docs/protocol.md, byte for byte.
func TestDocumentedExamples(t *testing.T) {
	open := AppendHeader(nil, Header{Type: TypeOpen, Stream: 1})
	open = AppendOpenHead(open, 1_500_000_000, "/demo.Greeter/SayHello")
	open = AppendMetadataCount(open, 1)
	open = AppendMetadataPair(open, "authorization", "Bearer t")

	msg := AppendHeader(nil, Header{Type: TypeMessage, Flags: FlagEnd, Stream: 1})
	msg = append(msg, 0x0c, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef)

	status := AppendHeader(nil, Header{Type: TypeStatus, Stream: 1})
	status = AppendStatusHead(status, 5, "no such user", 0)
	status = AppendMetadataCount(status, 0)

	credit := AppendHeader(nil, Header{Type: TypeCredit, Stream: 3})
	credit = AppendU32Body(credit, 0x30000)

	goaway := AppendHeader(nil, Header{Type: TypeGoAway})
	goaway = AppendGoAway(goaway, 7, 14, "")

	headers := AppendHeader(nil, Header{Type: TypeHeaders, Stream: 1})
	headers = AppendMetadataCount(headers, 1)
	headers = AppendMetadataPair(headers, "x-id", "7")

	statusOK := AppendHeader(nil, Header{Type: TypeStatus, Stream: 1})
	statusOK = AppendMetadataCount(AppendStatusHead(statusOK, 0, "", 0), 0)

	bare := AppendHeader(nil, Header{Type: TypeOpen, Stream: 1})
	bare = AppendMetadataCount(AppendOpenHead(bare, 0, "/demo.Greeter/SayHello"), 0)

	ping := append(AppendHeader(nil, Header{Type: TypePing}), 1, 2, 3, 4, 5, 6, 7, 8)
	pong := append(AppendHeader(nil, Header{Type: TypePing, Flags: FlagAck}), 1, 2, 3, 4, 5, 6, 7, 8)

	for _, tc := range []struct {
		name string
		got  []byte
		want string
	}{
		{"headers", headers, "02 00 0000 01000000  01 00  04 00 78 2d 69 64  01 00 00 00 37"},
		{"half close", AppendHeader(nil, Header{Type: TypeHalfClose, Stream: 1}), "04 00 0000 01000000"},
		{"cancel", AppendU32Body(AppendHeader(nil, Header{Type: TypeCancel, Stream: 5}), 1), "06 00 0000 05000000  01 00 00 00"},
		{"status ok is 20 bytes", statusOK, "05 00 0000 01000000 00000000 00000000 0000 0000"},
		{"open without metadata is 42 bytes", bare, "01 00 0000 01000000 0000000000000000 1600 2f64656d6f2e477265657465722f53617948656c6c6f 0000"},
		{"ping", ping, "08 00 0000 00000000  01 02 03 04 05 06 07 08"},
		{"ping ack", pong, "08 01 0000 00000000  01 02 03 04 05 06 07 08"},
		{"open", open, "01 00 0000 01000000 002f685900000000 1600 2f64656d6f2e477265657465722f53617948656c6c6f 0100 0d00 617574686f72697a6174696f6e 08000000 4265617265722074"},
		{"message with end", msg, "03 01 0000 01000000 0c000000deadbeef"},
		{"status", status, "05 00 0000 01000000 05000000 0c000000 6e6f2073756368207573657200 00 0000"},
		{"credit", credit, "07 00 0000 03000000 00000300"},
		{"goaway", goaway, "09 00 0000 00000000 07000000 0e000000 00000000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if want := unhex(t, tc.want); !bytes.Equal(tc.got, want) {
				t.Errorf("got  %x\nwant %x", tc.got, want)
			}
			if _, _, err := ParseHeader(tc.got); err != nil {
				t.Errorf("ParseHeader: %v", err)
			}
		})
	}
}

func TestParseHeader(t *testing.T) {
	for _, tc := range []struct {
		name  string
		frame string
		want  Header
		body  string
		err   error
	}{
		{"message", "03 00 0000 2a000000 aabb", Header{TypeMessage, 0, 42}, "aabb", nil},
		{"message end", "03 01 0000 2a000000", Header{TypeMessage, FlagEnd, 42}, "", nil},
		{"ping ack", "08 01 0000 00000000 0102030405060708", Header{TypePing, FlagAck, 0}, "0102030405060708", nil},
		{"empty", "", Header{}, "", ErrShortFrame},
		{"short", "03 00 0000 2a00", Header{}, "", ErrShortFrame},
		{"reserved", "03 00 0100 2a000000", Header{}, "", ErrReserved},
		{"unknown type zero", "00 00 0000 2a000000", Header{}, "", ErrUnknownType},
		{"unknown type 0x0a", "0a 00 0000 2a000000", Header{}, "", ErrUnknownType},
		{"unknown flag", "03 02 0000 2a000000", Header{}, "", ErrUnknownFlags},
		{"flag on open", "01 01 0000 2a000000", Header{}, "", ErrUnknownFlags},
		{"message on stream 0", "03 00 0000 00000000", Header{}, "", ErrStreamZero},
		{"ping on a stream", "08 00 0000 01000000 0000000000000000", Header{}, "", ErrStreamNonzero},
		{"goaway on a stream", "09 00 0000 01000000", Header{}, "", ErrStreamNonzero},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, body, err := ParseHeader(unhex(t, tc.frame))
			if !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			if err != nil {
				return
			}
			if h != tc.want || !bytes.Equal(body, unhex(t, tc.body)) {
				t.Errorf("got %+v %x, want %+v %s", h, body, tc.want, tc.body)
			}
		})
	}
}

func TestOpenRoundTrip(t *testing.T) {
	b := AppendOpenHead(nil, 99, "/a.B/C")
	b = AppendMetadataCount(b, 2)
	b = AppendMetadataPair(b, "k", "v1")
	b = AppendMetadataPair(b, "k", "")
	o, err := ParseOpen(b)
	if err != nil {
		t.Fatal(err)
	}
	if o.Timeout != 99 || string(o.Method) != "/a.B/C" || o.Metadata.N != 2 {
		t.Fatalf("%+v", o)
	}
	var pairs []string
	o.Metadata.Each(func(k, v []byte) { pairs = append(pairs, string(k)+"="+string(v)) })
	if len(pairs) != 2 || pairs[0] != "k=v1" || pairs[1] != "k=" {
		t.Fatalf("pairs %q", pairs)
	}
}

func TestParseOpenErrors(t *testing.T) {
	valid := func(method string, md ...string) []byte {
		b := AppendOpenHead(nil, 0, method)
		b = AppendMetadataCount(b, len(md)/2)
		for i := 0; i+1 < len(md); i += 2 {
			b = AppendMetadataPair(b, md[i], md[i+1])
		}
		return b
	}
	for _, tc := range []struct {
		name string
		body []byte
		err  error
	}{
		{"empty", nil, ErrTruncated},
		{"no metadata", AppendOpenHead(nil, 0, "/a.B/C"), ErrTruncated},
		{"method without slash", valid("a.B/C"), ErrMethod},
		{"method with three parts", valid("/a/B/C"), ErrMethod},
		{"method with empty part", valid("/a.B/"), ErrMethod},
		{"method with space", valid("/a B/C"), ErrMethod},
		{"uppercase key", valid("/a.B/C", "Key", "v"), ErrMetadataKey},
		{"empty key", valid("/a.B/C", "", "v"), ErrMetadataKey},
		{"trailing byte", append(valid("/a.B/C"), 0), ErrTrailing},
		{"metadata count too big", append(AppendOpenHead(nil, 0, "/a.B/C"), 5, 0), ErrTruncated},
		{"value length past the end", append(append(AppendOpenHead(nil, 0, "/a.B/C"), 1, 0, 1, 0, 'k'), 0xff, 0xff, 0xff, 0x7f), ErrTruncated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseOpen(tc.body); !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
		})
	}
}

func TestStatusRoundTrip(t *testing.T) {
	b := AppendStatusHead(nil, 9, "bad state", 2)
	b = AppendDetail(b, "x.Detail", []byte{1, 2})
	b = AppendDetail(b, "y.Detail", nil)
	b = AppendMetadataCount(b, 1)
	b = AppendMetadataPair(b, "t", "v")
	s, err := ParseStatus(b)
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	s.EachDetail(func(typ, v []byte) { details = append(details, string(typ)+":"+hex.EncodeToString(v)) })
	if s.Code != 9 || string(s.Message) != "bad state" || len(details) != 2 || details[0] != "x.Detail:0102" || details[1] != "y.Detail:" || s.Trailers.N != 1 {
		t.Fatalf("%+v %q", s, details)
	}
	for _, tc := range []struct {
		name string
		body []byte
		err  error
	}{
		{"truncated", b[:len(b)-1], ErrTruncated},
		{"no trailers", AppendStatusHead(nil, 0, "", 0), ErrTruncated},
		{"bad utf8", AppendMetadataCount(AppendStatusHead(nil, 2, "\xff", 0), 0), ErrUTF8},
		{"trailing", append(b, 0), ErrTrailing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseStatus(tc.body); !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
		})
	}
}

func TestSmallBodies(t *testing.T) {
	if c, err := ParseCancel(AppendU32Body(nil, 1)); c != 1 || err != nil {
		t.Errorf("cancel: %d %v", c, err)
	}
	if _, err := ParseCancel([]byte{1}); !errors.Is(err, ErrTruncated) {
		t.Errorf("short cancel: %v", err)
	}
	if _, err := ParseCredit(AppendU32Body(nil, 0)); !errors.Is(err, ErrZeroCredit) {
		t.Errorf("zero credit: %v", err)
	}
	if _, err := ParseCredit(AppendU32Body(nil, 5)[:3]); !errors.Is(err, ErrTruncated) {
		t.Errorf("short credit: %v", err)
	}
	if _, err := ParsePing(make([]byte, 7)); !errors.Is(err, ErrPingLen) {
		t.Errorf("short ping: %v", err)
	}
	g, err := ParseGoAway(AppendGoAway(nil, 3, 14, "bye"))
	if err != nil || g.LastStream != 3 || g.Code != 14 || string(g.Message) != "bye" {
		t.Errorf("goaway: %+v %v", g, err)
	}
	if _, err := ParseGoAway(AppendGoAway(nil, 3, 14, "bye")[:10]); !errors.Is(err, ErrTruncated) {
		t.Errorf("short goaway: %v", err)
	}
}

func TestWSHeaderRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name   string
		n      int
		masked bool
		hlen   int
	}{
		{"tiny", 5, false, 2},
		{"125", 125, true, 6},
		{"126", 126, false, 4},
		{"64k-1", 0xffff, true, 8},
		{"64k", 0x10000, false, 10},
		{"big masked", 1 << 24, true, 14},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mask := [4]byte{1, 2, 3, 4}
			b := AppendWSHeader(nil, OpBinary, tc.n, tc.masked, mask)
			if len(b) != tc.hlen || WSHeaderLen(b[0], b[1]) != tc.hlen {
				t.Fatalf("header length %d (computed %d), want %d", len(b), WSHeaderLen(b[0], b[1]), tc.hlen)
			}
			h, err := ParseWSHeader(b)
			if err != nil {
				t.Fatal(err)
			}
			if !h.Fin || h.Op != OpBinary || h.Len != int64(tc.n) || h.Masked != tc.masked || tc.masked && h.Mask != mask {
				t.Fatalf("%+v", h)
			}
		})
	}
}

// TestParseWSHeaderRsv1 checks that RSV1 on a data frame is reported, not
// rejected: the connection decides whether deflate was negotiated.
func TestParseWSHeaderRsv1(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    string
		rsv1 bool
	}{
		{"binary compressed", "c2 00", true},
		{"text compressed", "c1 00", true},
		{"continuation", "40 00", true},
		{"plain binary", "82 00", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := ParseWSHeader(unhex(t, tc.b))
			if err != nil || h.Rsv1 != tc.rsv1 {
				t.Fatalf("rsv1 %v err %v, want rsv1 %v", h.Rsv1, err, tc.rsv1)
			}
		})
	}
}

func TestParseWSHeaderErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    string
		err  error
	}{
		{"rsv2", "a2 00", ErrWSReserved},
		{"rsv3", "92 00", ErrWSReserved},
		{"rsv1 on ping", "c9 00", ErrWSReserved},
		{"rsv1 on close", "c8 00", ErrWSReserved},
		{"opcode 3", "83 00", ErrWSOpcode},
		{"fragmented ping", "09 00", ErrWSControl},
		{"long close", "88 7e 0080", ErrWSControl},
		{"non-minimal 16-bit", "82 7e 0010", ErrWSLength},
		{"non-minimal 64-bit", "82 7f 000000000000ffff", ErrWSLength},
		{"64-bit high bit", "82 7f 8000000000010000", ErrWSLength},
		{"truncated", "82 7e 00", ErrTruncated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseWSHeader(unhex(t, tc.b)); !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
		})
	}
}

func BenchmarkParseFrame(b *testing.B) {
	frame := AppendHeader(nil, Header{Type: TypeOpen, Stream: 9})
	frame = AppendOpenHead(frame, 1e9, "/demo.Greeter/SayHello")
	frame = AppendMetadataCount(frame, 1)
	frame = AppendMetadataPair(frame, "authorization", "Bearer t")
	b.ReportAllocs()
	for b.Loop() {
		_, body, err := ParseHeader(frame)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ParseOpen(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendFrame(b *testing.B) {
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendHeader(buf[:0], Header{Type: TypeStatus, Stream: 9})
		buf = AppendStatusHead(buf, 0, "", 0)
		buf = AppendMetadataCount(buf, 0)
	}
}
