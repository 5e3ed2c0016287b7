package goifacetest

import (
	"math/rand/v2"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/goservices/kitchen"
)

// benchItem is a mid-sized Item without a parent chain.
func benchItem() *kitchen.Item {
	g := &gen{r: rand.New(rand.NewPCG(21, 22)), depth: 3}
	for {
		it := g.item()
		if len(it.Tags) > 0 && len(it.Attrs) > 0 && len(it.Children) > 0 {
			return it
		}
	}
}

// TestEncodeDoesNotAllocate pins the claim of docs/go-services.md: encoding
// into a reused builder allocates nothing (vectors and maps of up to 16
// elements).
func TestEncodeDoesNotAllocate(t *testing.T) {
	it := benchItem()
	b := flatbuffers.NewBuilder(64 << 10)
	encodeItem(b, it)
	if n := testing.AllocsPerRun(100, func() { encodeItem(b, it) }); n != 0 {
		t.Errorf("EncodeItem allocates %v times per call", n)
	}
}

func BenchmarkEncodeItem(b *testing.B) {
	it := benchItem()
	fb := flatbuffers.NewBuilder(64 << 10)
	b.ReportAllocs()
	for b.Loop() {
		encodeItem(fb, it)
	}
	b.SetBytes(int64(len(fb.FinishedBytes())))
}

func BenchmarkDecodeItem(b *testing.B) {
	buf := encodeItem(flatbuffers.NewBuilder(0), benchItem())
	var it kitchen.Item
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		if err := kitchen.DecodeItem(buf, &it); err != nil {
			b.Fatal(err)
		}
	}
}
