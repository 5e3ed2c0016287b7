package runtime

import (
	"bytes"
	"compress/flate"
	"errors"
	"testing"
)

// FuzzInflate feeds arbitrary bytes to the inflater (no panic, output
// within the limit) and checks that compressing the same bytes inflates
// back to them.
func FuzzInflate(f *testing.F) {
	const limit = 4 << 10
	f.Add([]byte{0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00}) // "Hello" compressed
	f.Add([]byte{0x00, 0x00, 0xff, 0xff})
	f.Add(bytes.Repeat([]byte("wsgen "), 100))
	f.Add([]byte{})
	c := &conn{pool: new(bufPool)} // pools reused across inputs, as on a connection
	f.Fuzz(func(t *testing.T, in []byte) {
		if out, err := c.inflate(in, limit); err == nil {
			if len(out.b) > limit {
				t.Fatalf("inflated %d bytes, limit %d", len(out.b), limit)
			}
			c.pool.put(out)
		} else if errors.Is(err, errInflatedTooBig) {
			if len(out.b) > limit {
				t.Fatalf("inflated %d bytes, limit %d", len(out.b), limit)
			}
			c.pool.put(out)
		}
		d := c.pool.flate.compress(flate.BestSpeed, in[:len(in)/3], in[len(in)/3:len(in)/2], in[len(in)/2:])
		out, err := c.inflate(d.out.b, limit)
		c.pool.flate.putDeflater(d)
		switch {
		case len(in) > limit:
			if !errors.Is(err, errInflatedTooBig) {
				t.Fatalf("%d bytes inflated within limit %d: %v", len(in), limit, err)
			}
		case err != nil:
			t.Fatal(err)
		case !bytes.Equal(out.b, in):
			t.Fatalf("round trip changed %x to %x", in, out.b)
		}
	})
}
