package runtime

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// TestAppendStatusLimits checks what docs/protocol.md section 4.5 promises:
// the message is cut to 8 KiB at a rune boundary, and details and
// trailers that would push the frame past 64 KiB are dropped.
func TestAppendStatusLimits(t *testing.T) {
	big := strings.Repeat("v", 40<<10)
	for _, tc := range []struct {
		name         string
		e            *Error
		trailer      Metadata
		msgLen       int
		nDetails     int
		wantTrailers bool
	}{
		{"ok with trailers", nil, Pairs("k", "v"), 0, 0, true},
		{"short message kept", NewError(NotFound, "no such item").WithDetails(Detail{"t", []byte("x")}), Pairs("k", "v"), 12, 1, true},
		{"long message cut", NewError(Internal, strings.Repeat("m", 20<<10)), nil, maxStatusMessage, 0, false},
		{"cut inside a rune", NewError(Internal, "m"+strings.Repeat("é", 5<<10)), nil, maxStatusMessage - 1, 0, false},
		{"oversized trailers dropped", NewError(Unknown, "x").WithDetails(Detail{"t", []byte("d")}), Pairs("a", big, "b", big), 1, 0, false},
		{"oversized details dropped", NewError(Unknown, "x").WithDetails(Detail{"t", []byte(big)}, Detail{"u", []byte(big)}), Pairs("k", "v"), 1, 0, false},
		{"ok with oversized trailers", nil, Pairs("a", big, "b", big), 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := appendStatus(nil, tc.e, tc.trailer)
			if len(body) > maxControlFrame-wire.HeaderLen {
				t.Fatalf("STATUS body is %d bytes, over the frame limit", len(body))
			}
			st, err := wire.ParseStatus(body)
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Message) != tc.msgLen || !utf8.Valid(st.Message) {
				t.Errorf("message: %d bytes (valid UTF-8: %v), want %d", len(st.Message), utf8.Valid(st.Message), tc.msgLen)
			}
			if st.NDetails != tc.nDetails {
				t.Errorf("%d details, want %d", st.NDetails, tc.nDetails)
			}
			if got := st.Trailers.N > 0; got != tc.wantTrailers {
				t.Errorf("trailers sent: %v, want %v", got, tc.wantTrailers)
			}
		})
	}
}
