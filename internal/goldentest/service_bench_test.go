package goldentest

// Benchmarks of the generated Echo service over the in-memory listener: the
// object API against zero copy, for a unary round trip and per streamed
// message.

import (
	"testing"

	"github.com/wsgen/wsgen/testdata/golden/service"
)

func BenchmarkServiceUnary(b *testing.B) {
	for _, impl := range implKinds {
		b.Run(impl, func(b *testing.B) {
			f := startEcho(b, impl, "mem")
			ctx := ctxT(b)
			req := &service.PingT{Seq: 1, Body: "benchmark payload"}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if impl == "object" {
					if _, err := f.client.Unary(ctx, req); err != nil {
						b.Fatal(err)
					}
					continue
				}
				view, reply, err := f.client.UnaryRaw(ctx, buildPing(f.cc.NewBuilder(), 1, "benchmark payload"))
				if err != nil {
					b.Fatal(err)
				}
				if view.Seq() != 2 {
					b.Fatal("wrong reply")
				}
				reply.Release()
			}
		})
	}
}

// BenchmarkServiceServerStream measures one streamed response: each
// iteration of the loop is one message of a long server stream.
func BenchmarkServiceServerStream(b *testing.B) {
	for _, impl := range implKinds {
		b.Run(impl, func(b *testing.B) {
			f := startEcho(b, impl, "mem")
			ctx := ctxT(b)
			n := uint64(b.N)
			b.ReportAllocs()
			b.ResetTimer()
			if impl == "object" {
				call, err := f.client.ServerStream(ctx, &service.PingT{Seq: n, Body: "s"})
				if err != nil {
					b.Fatal(err)
				}
				got := uint64(0)
				for _, err := range call.All() {
					if err != nil {
						b.Fatal(err)
					}
					got++
				}
				if got != n {
					b.Fatalf("%d messages, want %d", got, n)
				}
				return
			}
			call, err := f.client.ServerStreamRaw(ctx, buildPing(f.cc.NewBuilder(), n, "s"))
			if err != nil {
				b.Fatal(err)
			}
			got := uint64(0)
			for _, err := range call.Views() {
				if err != nil {
					b.Fatal(err)
				}
				got++
			}
			if got != n {
				b.Fatalf("%d messages, want %d", got, n)
			}
		})
	}
}
