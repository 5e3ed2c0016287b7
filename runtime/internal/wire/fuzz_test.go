package wire

import (
	"bytes"
	"testing"
)

// FuzzParseFrame feeds arbitrary WebSocket message payloads to the frame
// decoder: it must never panic, and every body it accepts must re-encode to
// the same bytes.
func FuzzParseFrame(f *testing.F) {
	f.Add([]byte{})
	f.Add(AppendHeader(nil, Header{Type: TypeHalfClose, Stream: 1}))
	f.Add(append(AppendHeader(nil, Header{Type: TypeCancel, Stream: 1}), 1, 0, 0, 0))
	f.Fuzz(func(t *testing.T, frame []byte) {
		h, body, err := ParseHeader(frame)
		if err != nil {
			return
		}
		var again []byte
		switch h.Type {
		case TypeOpen:
			o, err := ParseOpen(body)
			if err != nil {
				return
			}
			again = AppendOpenHead(nil, o.Timeout, string(o.Method))
			again = appendMD(again, o.Metadata)
		case TypeHeaders:
			md, err := ParseMetadata(body)
			if err != nil {
				return
			}
			again = appendMD(nil, md)
		case TypeStatus:
			s, err := ParseStatus(body)
			if err != nil {
				return
			}
			again = AppendStatusHead(nil, s.Code, string(s.Message), s.NDetails)
			s.EachDetail(func(typ, v []byte) { again = AppendDetail(again, string(typ), v) })
			again = appendMD(again, s.Trailers)
		case TypeCancel:
			c, err := ParseCancel(body)
			if err != nil {
				return
			}
			again = AppendU32Body(nil, c)
		case TypeCredit:
			c, err := ParseCredit(body)
			if err != nil {
				return
			}
			again = AppendU32Body(nil, c)
		case TypeGoAway:
			g, err := ParseGoAway(body)
			if err != nil {
				return
			}
			again = AppendGoAway(nil, g.LastStream, g.Code, string(g.Message))
		case TypePing:
			p, err := ParsePing(body)
			if err != nil {
				return
			}
			again = p
		default:
			again = body // MESSAGE and HALF_CLOSE bodies are opaque here
		}
		if !bytes.Equal(again, body) {
			t.Fatalf("%v body %x re-encodes to %x", h.Type, body, again)
		}
		if hb := AppendHeader(nil, h); !bytes.Equal(hb, frame[:HeaderLen]) {
			t.Fatalf("header %x re-encodes to %x", frame[:HeaderLen], hb)
		}
	})
}

func appendMD(dst []byte, md Metadata) []byte {
	dst = AppendMetadataCount(dst, md.N)
	md.Each(func(k, v []byte) { dst = AppendMetadataPair(dst, string(k), string(v)) })
	return dst
}

// FuzzParseWSHeader checks the WebSocket header parser on arbitrary bytes:
// no panic, and accepted final headers re-encode identically.
func FuzzParseWSHeader(f *testing.F) {
	f.Add([]byte{0x82, 0x05})
	f.Add([]byte{0x82, 0xfe, 0x01, 0x00, 1, 2, 3, 4})
	f.Add([]byte{0x88, 0x02})
	f.Add([]byte{0xc2, 0x05})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 2 {
			return
		}
		n := WSHeaderLen(b[0], b[1])
		h, err := ParseWSHeader(b)
		if err != nil || !h.Fin {
			return
		}
		again := AppendWSHeader(nil, h.Op, int(h.Len), h.Masked, h.Mask)
		if h.Rsv1 {
			again[0] |= RSV1
		}
		if !bytes.Equal(again, b[:n]) {
			t.Fatalf("header %x re-encodes to %x", b[:n], again)
		}
	})
}
