package goldentest

import (
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/internal/goldentest/verifyextra"
	"github.com/wsgen/wsgen/runtime/verify"
)

// The package verifyextra is generated from testdata/verifyextra/extra.fbs
// by templates' TestVerifyExtraGolden (go test ./templates -update), so that
// it can be regenerated even when this package does not compile.

// tree builds a chain of depth Trees, each the child of the one before;
// nested puts each in the inner flatbuffer of the one before instead.
func tree(depth int, nested bool) []byte {
	var inner []byte
	var child *verifyextra.TreeT
	for i := 0; i < depth; i++ {
		t := &verifyextra.TreeT{Leaf: &verifyextra.LeafT{}}
		if nested {
			t.Inner = inner
		} else {
			t.Child = child
		}
		b := flatbuffers.NewBuilder(0)
		verifyextra.FinishTreeBuffer(b, t.Pack(b))
		inner, child = b.FinishedBytes(), t
	}
	return inner
}

// shared builds a Tree of depth levels whose kids are two offsets to the
// same Tree of the level below: 2^depth tables visited in a small buffer.
func shared(depth int) []byte {
	b := flatbuffers.NewBuilder(0)
	verifyextra.LeafStart(b)
	leaf := verifyextra.LeafEnd(b)
	var kids, prev flatbuffers.UOffsetT
	for i := 0; i < depth; i++ {
		verifyextra.TreeStart(b)
		verifyextra.TreeAddLeaf(b, leaf)
		if i > 0 {
			verifyextra.TreeAddKids(b, kids)
		}
		prev = verifyextra.TreeEnd(b)
		verifyextra.TreeStartKidsVector(b, 2)
		b.PrependUOffsetT(prev)
		b.PrependUOffsetT(prev)
		kids = b.EndVector(2)
	}
	verifyextra.FinishTreeBuffer(b, prev)
	return b.FinishedBytes()
}

func TestVerifyLimits(t *testing.T) {
	tests := []struct {
		name   string
		buf    []byte
		opts   verify.Options
		code   verify.Code
		reason string
	}{
		// The deepest Tree's Leaf is one level below it.
		{name: "children at the limit", buf: tree(63, false)},
		{name: "children past the limit", buf: tree(64, false), code: verify.TooDeep},
		{name: "nested at the limit", buf: tree(63, true)},
		{name: "nested past the limit", buf: tree(64, true), code: verify.TooDeep,
			reason: "depth carries on into nested flatbuffers"},
		{name: "option at the limit", buf: tree(4, false), opts: verify.Options{MaxDepth: 5}},
		{name: "option", buf: tree(5, false), opts: verify.Options{MaxDepth: 5}, code: verify.TooDeep},
		{name: "table count", buf: tree(3, true), opts: verify.Options{MaxTables: 5}, code: verify.TooManyTables},
		{name: "nested skipped", buf: tree(40, true), opts: verify.Options{SkipNested: true}},
		{name: "shared tables", buf: shared(10), reason: "2047 visits are within the default"},
		{name: "shared tables, linear bound", buf: shared(10), opts: verify.Options{MaxTables: len(shared(10))/4 + 1},
			code: verify.TooManyTables},
		{name: "no sharing, linear bound", buf: tree(40, false), opts: verify.Options{MaxTables: len(tree(40, false))/4 + 1}},
		{name: "shared tables, untrusted", buf: shared(10), opts: verify.Options{}.ForUntrusted(len(shared(10))),
			code: verify.TooManyVisits},
		{name: "no sharing, untrusted", buf: tree(40, false), opts: verify.Options{}.ForUntrusted(len(tree(40, false)))},
		{name: "nested, untrusted", buf: tree(40, true), opts: verify.Options{}.ForUntrusted(len(tree(40, true)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := verifyextra.VerifyTreeBufferWith(tt.buf, tt.opts)
			if got := verify.CodeOf(err); got != tt.code {
				t.Fatalf("code %v, want %v (%s; err: %v)", got, tt.code, tt.reason, err)
			}
		})
	}
}

// TestVerifyUntrustedGenerated: VerifyTreeBufferUntrusted is
// VerifyTreeBufferWith(buf, verify.Options{}.ForUntrusted(len(buf))).
func TestVerifyUntrustedGenerated(t *testing.T) {
	for _, depth := range []int{1, 5, 8, 12} {
		buf := shared(depth)
		want := verify.CodeOf(verifyextra.VerifyTreeBufferWith(buf, verify.Options{}.ForUntrusted(len(buf))))
		if got := verify.CodeOf(verifyextra.VerifyTreeBufferUntrusted(buf)); got != want {
			t.Errorf("depth %d: code %v, want %v", depth, got, want)
		}
		if depth >= 8 && want != verify.TooManyVisits {
			t.Errorf("depth %d: %v, want too many visits", depth, want)
		}
	}
}

// BenchmarkVerifyShared: the pathological DAG (shared(19): 4 tables per
// level reached 2^19 times, about 1,000,000 visits) with C++'s defaults and
// with VerifyTreeBufferUntrusted.
func BenchmarkVerifyShared(b *testing.B) {
	buf := shared(19)
	for _, bb := range []struct {
		name   string
		verify func([]byte) error
	}{
		{"default", verifyextra.VerifyTreeBuffer},
		{"untrusted", verifyextra.VerifyTreeBufferUntrusted},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(buf)))
			for b.Loop() {
				_ = bb.verify(buf)
			}
		})
	}
}

func FuzzVerifyTree(f *testing.F) { fuzzTable(f, "verifyextra.Tree") }
