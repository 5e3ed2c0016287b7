package bench

import (
	"fmt"
	"testing"
)

// unarySizes are the message bodies of the unary cases.
var unarySizes = []struct {
	name string
	n    int
}{{"32B", 32}, {"1KiB", 1 << 10}, {"64KiB", 64 << 10}}

// unaryLoads are the caller counts and connection counts of the unary cases.
var unaryLoads = []struct{ callers, conns int }{
	{1, 1}, {16, 1}, {16, 16}, {256, 1}, {256, 256},
}

// BenchmarkUnary is one unary round trip per operation, with 1, 16 or 256
// concurrent callers sharing one connection or each with its own.
func BenchmarkUnary(b *testing.B) {
	for _, size := range unarySizes {
		body := payload(size.n)
		for _, load := range unaryLoads {
			for _, s := range systems() {
				if load.conns < load.callers && !s.multiplexed {
					continue
				}
				name := fmt.Sprintf("size=%s/c=%d/conns=%d/sys=%s", size.name, load.callers, load.conns, s.name)
				b.Run(name, func(b *testing.B) {
					e := startEnv(b, s, load.conns)
					runUnary(b, e, load.callers, body)
				})
			}
		}
	}
}

// BenchmarkStream is one 32-byte message per operation on one long stream:
// server streaming (the server pushes) and bidi (the client sends, the
// server echoes each message, both pipelined).
func BenchmarkStream(b *testing.B) {
	body := payload(32)
	for _, kind := range []streamKind{serverStreaming, bidiStreaming} {
		for _, s := range systems() {
			b.Run(fmt.Sprintf("kind=%v/size=32B/sys=%s", kind, s.name), func(b *testing.B) {
				e := startEnv(b, s, 1)
				runStream(b, e, kind, body)
			})
		}
	}
}
