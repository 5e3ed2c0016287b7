package verify_test

import (
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime/verify"
)

func TestForUntrusted(t *testing.T) {
	tests := []struct {
		name string
		opts verify.Options
		n    int
		want verify.Options
	}{
		{name: "zero options", n: 400, want: verify.Options{MaxVisits: 101}},
		{name: "empty buffer", n: 0, want: verify.Options{MaxVisits: 1}},
		{name: "negative size", n: -5, want: verify.Options{MaxVisits: 1}},
		{name: "rounds down", n: 7, want: verify.Options{MaxVisits: 2}},
		{name: "lower bound kept", opts: verify.Options{MaxVisits: 10}, n: 400, want: verify.Options{MaxVisits: 10}},
		{name: "higher bound lowered", opts: verify.Options{MaxVisits: 1000}, n: 400, want: verify.Options{MaxVisits: 101}},
		{name: "other limits kept", opts: verify.Options{MaxDepth: 3, MaxTables: 7, MaxSize: 99, IgnoreAlignment: true, SkipNested: true},
			n: 40, want: verify.Options{MaxDepth: 3, MaxTables: 7, MaxSize: 99, IgnoreAlignment: true, SkipNested: true, MaxVisits: 11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.opts.ForUntrusted(tt.n); got != tt.want {
				t.Errorf("ForUntrusted(%d) = %+v, want %+v", tt.n, got, tt.want)
			}
		})
	}
}

// sharedNodes builds a chain of depth Nodes in which each Node's kids are
// two offsets to the Node below it: 2^depth-1 tables visited in a buffer
// of about 24 bytes per level.
func sharedNodes(depth int) []byte {
	b := flatbuffers.NewBuilder(0)
	name := b.CreateString("n")
	var prev flatbuffers.UOffsetT
	for i := 0; i < depth; i++ {
		var kids flatbuffers.UOffsetT
		if i > 0 {
			kids = offsetVector(b, []flatbuffers.UOffsetT{prev, prev})
		}
		b.StartObject(numFields)
		b.PrependUOffsetTSlot(1, name, 0)
		b.PrependUOffsetTSlot(3, kids, 0)
		prev = b.EndObject()
	}
	b.FinishWithFileIdentifier(prev, []byte("NODE"))
	return b.FinishedBytes()
}

// sharedStrings builds a Node whose kids are n offsets to one Node whose
// names are n offsets to one string: n*n strings checked, 2n+1 tables.
func sharedStrings(n int) []byte {
	b := flatbuffers.NewBuilder(0)
	s := b.CreateString("n")
	offs := make([]flatbuffers.UOffsetT, n)
	for i := range offs {
		offs[i] = s
	}
	names := offsetVector(b, offs)
	b.StartObject(numFields)
	b.PrependUOffsetTSlot(1, s, 0)
	b.PrependUOffsetTSlot(6, names, 0)
	kid := b.EndObject()
	for i := range offs {
		offs[i] = kid
	}
	kids := offsetVector(b, offs)
	b.StartObject(numFields)
	b.PrependUOffsetTSlot(1, s, 0)
	b.PrependUOffsetTSlot(3, kids, 0)
	b.FinishWithFileIdentifier(b.EndObject(), []byte("NODE"))
	return b.FinishedBytes()
}

// TestUntrustedBoundsSharing: buffers that share sub-tables or vectors pass
// with the zero Options (as in C++) and fail fast with ForUntrusted; the
// same content without sharing passes ForUntrusted.
func TestUntrustedBoundsSharing(t *testing.T) {
	tree := func(depth int) node {
		n := node{}
		for i := 1; i < depth; i++ {
			n = node{kids: []node{n, n}}
		}
		return n
	}
	kids := make([]node, 40)
	for i := range kids {
		kids[i] = node{names: make([]string, 40)}
	}
	tests := []struct {
		name      string
		buf       []byte
		code      verify.Code // with the zero Options
		untrusted verify.Code // with ForUntrusted(len(buf))
	}{
		{name: "shared tables", buf: sharedNodes(12), untrusted: verify.TooManyVisits},
		{name: "shared tables past MaxTables", buf: sharedNodes(21), code: verify.TooManyTables, untrusted: verify.TooManyVisits},
		{name: "unshared tables", buf: buildNode(tree(10))},
		{name: "shared vectors of strings", buf: sharedStrings(40), untrusted: verify.TooManyVisits},
		{name: "unshared vectors of strings", buf: buildNode(node{kids: kids})},
		{name: "full", buf: buildNode(full())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := verify.CodeOf(verifyNodeBuffer(tt.buf, verify.Options{})); got != tt.code {
				t.Errorf("zero Options: code %v, want %v", got, tt.code)
			}
			err := verifyNodeBuffer(tt.buf, verify.Options{}.ForUntrusted(len(tt.buf)))
			if got := verify.CodeOf(err); got != tt.untrusted {
				t.Errorf("ForUntrusted: code %v, want %v (err: %v)", got, tt.untrusted, err)
			}
		})
	}
}

func TestUntrustedNoAllocations(t *testing.T) {
	b := buildNode(full())
	if n := testing.AllocsPerRun(100, func() {
		if err := verifyNodeBuffer(b, verify.Options{}.ForUntrusted(len(b))); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("verifying a good buffer allocates %v times, want 0", n)
	}
}

// BenchmarkVerifyShared measures the pathological buffers: a DAG of tables
// (about 500 bytes, over a million visits) and a shared vector of strings
// reached through a shared vector of tables, with C++'s defaults and with
// ForUntrusted. Rejection allocates the error.
func BenchmarkVerifyShared(b *testing.B) {
	bufs := []struct {
		name string
		buf  []byte
	}{
		{"tables", sharedNodes(21)},
		{"strings", sharedStrings(1000)},
	}
	for _, bb := range bufs {
		for _, mode := range []struct {
			name string
			opts verify.Options
		}{
			{"default", verify.Options{}},
			{"untrusted", verify.Options{}.ForUntrusted(len(bb.buf))},
		} {
			b.Run(bb.name+"/"+mode.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(bb.buf)))
				for b.Loop() {
					_ = verifyNodeBuffer(bb.buf, mode.opts)
				}
			})
		}
	}
}
