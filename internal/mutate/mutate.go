package mutate

import "math/rand/v2"

// Buffer returns a copy of b changed in one of the ways that find verifier
// gaps: flip a bit, set a byte, set a 32-bit word to an interesting value
// (offsets and lengths at the edges, the buffer's length), insert or delete
// a byte, truncate. b itself is not modified; an empty b is returned as is.
func Buffer(r *rand.Rand, b []byte) []byte {
	if len(b) == 0 {
		return b
	}
	b = append([]byte(nil), b...)
	i := r.IntN(len(b))
	switch r.IntN(6) {
	case 0:
		b[i] ^= byte(1 << r.IntN(8))
	case 1:
		b[i] = byte(r.Uint32())
	case 2:
		if i+4 <= len(b) {
			vals := []uint32{0, 1, 2, 3, 4, 8, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffc, uint32(len(b)), uint32(len(b) - i)}
			x := vals[r.IntN(len(vals))]
			b[i], b[i+1], b[i+2], b[i+3] = byte(x), byte(x>>8), byte(x>>16), byte(x>>24)
		}
	case 3:
		b = append(b[:i], append([]byte{byte(r.Uint32())}, b[i:]...)...)
	case 4:
		b = append(b[:i], b[i+1:]...)
	case 5:
		b = b[:i]
	}
	return b
}
