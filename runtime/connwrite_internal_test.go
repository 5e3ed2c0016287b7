package runtime

import (
	"net"
	"testing"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// TestWriteQueueCountsPayloadOnce checks that a queued frame counts its
// protocol bytes once against WithWriteQueueLimit, whether the payload is
// copied into the write buffer or written by reference.
func TestWriteQueueCountsPayloadOnce(t *testing.T) {
	for _, tc := range []struct {
		name    string
		client  bool
		payload int
	}{
		{"client small", true, 100},
		{"client large", true, 4 * inlinePayload},
		{"server small", false, 100},
		{"server large (by reference)", false, 4 * inlinePayload},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := net.Pipe()
			defer a.Close()
			defer b.Close()
			o := defaultOptions()
			c := newConn(a, nil, tc.client, &o, &bufPool{})
			body := []byte{1, 2, 3, 4}
			c.wmu.Lock()
			c.appendFrameLocked(wire.Header{Type: wire.TypeMessage, Stream: 1}, body, make([]byte, tc.payload), nil)
			got := c.queued
			c.wmu.Unlock()
			if want := wire.HeaderLen + len(body) + tc.payload; got != want {
				t.Errorf("queued %d bytes, want %d", got, want)
			}
		})
	}
}
