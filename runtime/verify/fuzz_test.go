package verify_test

import (
	"math/rand/v2"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/internal/mutate"
	"github.com/wsgen/wsgen/runtime/verify"
)

// readNode reads every field of the Node at pos the way flatc's Go
// accessors do (flatbuffers.Table methods, which panic on bad offsets), and
// follows sub-tables, vectors, unions and the nested flatbuffer.
func readNode(tab *flatbuffers.Table) (sum int) {
	slot := func(vo flatbuffers.VOffsetT) flatbuffers.UOffsetT {
		return flatbuffers.UOffsetT(tab.Offset(vo))
	}
	sum += int(tab.GetInt32Slot(voNum, 0))
	if o := slot(voName); o != 0 {
		sum += len(tab.String(o + tab.Pos))
	}
	if o := slot(voNums); o != 0 {
		n, x := tab.VectorLen(o), tab.Vector(o)
		for j := 0; j < n; j++ {
			sum += int(tab.GetInt32(x + flatbuffers.UOffsetT(j*4)))
		}
	}
	sub := func(at flatbuffers.UOffsetT) int {
		return readNode(&flatbuffers.Table{Bytes: tab.Bytes, Pos: tab.Indirect(at)})
	}
	if o := slot(voKids); o != 0 {
		n, x := tab.VectorLen(o), tab.Vector(o)
		for j := 0; j < n; j++ {
			sum += sub(x + flatbuffers.UOffsetT(j*4))
		}
	}
	if o := slot(voChild); o != 0 {
		sum += sub(o + tab.Pos)
	}
	if o := slot(voPt); o != 0 {
		sum += int(tab.GetInt64(o + tab.Pos))
	}
	if o := slot(voNames); o != 0 {
		n, x := tab.VectorLen(o), tab.Vector(o)
		for j := 0; j < n; j++ {
			sum += len(tab.String(x + flatbuffers.UOffsetT(j*4)))
		}
	}
	union := func(typ byte, at flatbuffers.UOffsetT) int {
		var u flatbuffers.Table
		u.Bytes, u.Pos = tab.Bytes, at+tab.GetUOffsetT(at)
		switch typ {
		case 1:
			return readNode(&u)
		case 2:
			return int(u.GetInt64(u.Pos))
		case 3:
			return len(u.ByteVector(at))
		}
		return 0
	}
	if o := slot(voU); o != 0 {
		sum += union(tab.GetByteSlot(voUType, 0), o+tab.Pos)
	}
	if o := slot(voUs); o != 0 {
		n, x := tab.VectorLen(o), tab.Vector(o)
		types := slot(voUsType)
		if types == 0 || tab.VectorLen(types) != n {
			panic("verified union vectors differ")
		}
		tx := tab.Vector(types)
		for j := 0; j < n; j++ {
			sum += union(tab.GetByte(tx+flatbuffers.UOffsetT(j)), x+flatbuffers.UOffsetT(j*4))
		}
	}
	if o := slot(voNested); o != 0 {
		nb := tab.ByteVector(o + tab.Pos)
		sum += readNode(&flatbuffers.Table{Bytes: nb, Pos: flatbuffers.GetUOffsetT(nb)})
	}
	return sum
}

func readNodeBuffer(b []byte) int {
	return readNode(&flatbuffers.Table{Bytes: b, Pos: flatbuffers.GetUOffsetT(b)})
}

// TestMutatedNodesDoNotPanic is the deterministic twin of FuzzNode.
func TestMutatedNodesDoNotPanic(t *testing.T) {
	seeds := [][]byte{buildNode(full()), buildNode(node{}), buildNode(node{uType: 3, u: "x", usTypes: []byte{2}, us: []any{int64(1)}})}
	r := rand.New(rand.NewPCG(1, 2))
	accepted := 0
	for i := 0; i < 20000; i++ {
		b := seeds[i%len(seeds)]
		for k := r.IntN(3); k >= 0; k-- {
			b = mutate.Buffer(r, b)
		}
		if verifyNodeBuffer(b, verify.Options{}) == nil {
			accepted++
			readNodeBuffer(b) // must not panic
		}
		// Alignment is for other languages' sake: Go reads unaligned
		// values, so turning the checks off must stay safe.
		if verifyNodeBuffer(b, verify.Options{IgnoreAlignment: true}) == nil {
			readNodeBuffer(b)
		}
	}
	if accepted == 0 {
		t.Fatal("no mutated buffer passed: the mutations are too coarse to test anything")
	}
}

func FuzzNode(f *testing.F) {
	f.Add(buildNode(full()))
	f.Add(buildNode(node{}))
	f.Add(buildNode(node{uType: 3, u: "x", usTypes: []byte{2}, us: []any{int64(1)}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		if verifyNodeBuffer(b, verify.Options{IgnoreAlignment: true}) == nil {
			readNodeBuffer(b)
		}
	})
}

func TestNoAllocations(t *testing.T) {
	b := buildNode(full())
	if n := testing.AllocsPerRun(100, func() {
		if err := verifyNodeBuffer(b, verify.Options{}); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("verifying a good buffer allocates %v times, want 0", n)
	}
}

func BenchmarkVerify(b *testing.B) {
	buf := buildNode(full())
	b.ReportAllocs()
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		if err := verifyNodeBuffer(buf, verify.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
