package goldentest

import (
	"math"
	"slices"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// objFullBag has every vector of Bag set, keyed vectors out of order.
func objFullBag() *vectors.BagT {
	return &vectors.BagT{
		Bytes:   []byte{0, 1, 255},
		Sbytes:  []int8{math.MinInt8, 0, math.MaxInt8},
		Bools:   []bool{true, false, true},
		Shorts:  []int16{math.MinInt16, math.MaxInt16},
		Ushorts: []uint16{0, math.MaxUint16},
		Ints:    []int32{math.MinInt32, -1, math.MaxInt32},
		Uints:   []uint32{math.MaxUint32},
		Longs:   []int64{math.MinInt64, math.MaxInt64},
		Ulongs:  []uint64{math.MaxUint64, 0},
		Floats:  []float32{-1.5, float32(math.Inf(1)), math.SmallestNonzeroFloat32},
		Doubles: []float64{math.MaxFloat64, -0.25},
		Moods:   []vectors.Mood{vectors.MoodSleepy, vectors.MoodCalm, 9},
		Strings: []string{"", "a", "日本語", "with\x00nul"},
		Pairs:   []*vectors.PairT{{A: 1, B: -2}, {A: math.MinInt16, B: math.MaxInt64}},
		Entries: []*vectors.EntryT{{Id: 30, Note: "thirty"}, {Id: 10}, {Id: 20, Note: "twenty"}, {Id: 0, Note: "zero"}},
		Named:   []*vectors.NamedT{{Name: "pear", Score: 1}, {Name: "apple", Score: 2}, {Name: "", Score: 3}, {Name: "Zebra"}},
		Timed:   []*vectors.TimedT{{At: 5}, {At: -1}, {At: math.MinInt64}, {At: math.MaxInt64}, {At: 0}},
		Nested: func() []byte {
			return objPack(&vectors.PayloadT{Text: "inner", Count: 42})
		}(),
		Label:      "shared",
		Must:       "required",
		MustTable:  &vectors.PayloadT{Text: "t", Count: -1},
		MustStruct: &vectors.PairT{A: 7, B: 8},
		Empty:      []int32{},
	}
}

// objSortedBag is what unpacking objFullBag gives: keyed vectors in key
// order.
func objSortedBag(in *vectors.BagT) *vectors.BagT {
	want := *in
	want.Entries = slices.Clone(in.Entries)
	slices.SortStableFunc(want.Entries, func(a, b *vectors.EntryT) int { return objCmp(a.Id, b.Id) })
	want.Named = slices.Clone(in.Named)
	slices.SortStableFunc(want.Named, func(a, b *vectors.NamedT) int { return objCmp(a.Name, b.Name) })
	want.Timed = slices.Clone(in.Timed)
	slices.SortStableFunc(want.Timed, func(a, b *vectors.TimedT) int { return objCmp(a.At, b.At) })
	return &want
}

func objCmp[T int64 | uint32 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestObjectVectors(t *testing.T) {
	in := objFullBag()
	orig := objFullBag()
	buf := objPack(in)
	got := vectors.GetRootAsBag(buf, 0).UnPack()
	objEqual(t, got, objSortedBag(orig))
	// Pack sorts its own offsets, never the caller's slices.
	objEqual(t, in, orig)
	// The nested flatbuffer is a []byte holding a buffer of its own.
	nested := vectors.GetRootAsPayload(got.Nested, 0)
	if string(nested.Text()) != "inner" || nested.Count() != 42 {
		t.Errorf("nested Payload = %q, %d", nested.Text(), nested.Count())
	}
}

func TestObjectKeyedLookup(t *testing.T) {
	in := objFullBag()
	bag := vectors.GetRootAsBag(objPack(in), 0)
	for _, e := range in.Entries {
		var x vectors.Entry
		if !bag.EntriesByKey(&x, e.Id) || x.Id() != e.Id || string(x.Note()) != e.Note {
			t.Errorf("EntriesByKey(%d) did not find its entry", e.Id)
		}
	}
	for _, n := range in.Named {
		var x vectors.Named
		if !bag.NamedByKey(&x, n.Name) || string(x.Name()) != n.Name || x.Score() != n.Score {
			t.Errorf("NamedByKey(%q) did not find its entry", n.Name)
		}
	}
	for _, tm := range in.Timed {
		var x vectors.Timed
		if !bag.TimedByKey(&x, tm.At) || x.At() != tm.At {
			t.Errorf("TimedByKey(%d) did not find its entry", tm.At)
		}
	}
	var e vectors.Entry
	if bag.EntriesByKey(&e, 15) {
		t.Errorf("EntriesByKey(15) found a missing key")
	}
	var n vectors.Named
	if bag.NamedByKey(&n, "banana") {
		t.Errorf("NamedByKey(banana) found a missing key")
	}
	// The stored order is the key order.
	for j := 1; j < bag.EntriesLength(); j++ {
		var a, b vectors.Entry
		bag.Entries(&a, j-1)
		bag.Entries(&b, j)
		if a.Id() > b.Id() {
			t.Errorf("entries %d and %d out of order: %d > %d", j-1, j, a.Id(), b.Id())
		}
	}
}

func TestObjectNilAndEmptyVectors(t *testing.T) {
	tests := []struct {
		name string
		in   *vectors.BagT
		want *vectors.BagT
	}{
		{
			// Absent vectors unpack as empty, non-nil slices (flatc does the
			// same); absent []byte stays nil; absent strings are "".
			name: "nil",
			in:   &vectors.BagT{},
			want: &vectors.BagT{
				Sbytes: []int8{}, Bools: []bool{}, Shorts: []int16{}, Ushorts: []uint16{},
				Ints: []int32{}, Uints: []uint32{}, Longs: []int64{}, Ulongs: []uint64{},
				Floats: []float32{}, Doubles: []float64{}, Moods: []vectors.Mood{}, Strings: []string{},
				Pairs: []*vectors.PairT{}, Entries: []*vectors.EntryT{}, Named: []*vectors.NamedT{},
				Timed: []*vectors.TimedT{}, Empty: []int32{},
			},
		},
		{
			name: "empty",
			in: &vectors.BagT{
				Bytes: []byte{}, Sbytes: []int8{}, Bools: []bool{}, Shorts: []int16{}, Ushorts: []uint16{},
				Ints: []int32{}, Uints: []uint32{}, Longs: []int64{}, Ulongs: []uint64{},
				Floats: []float32{}, Doubles: []float64{}, Moods: []vectors.Mood{}, Strings: []string{},
				Pairs: []*vectors.PairT{}, Entries: []*vectors.EntryT{}, Named: []*vectors.NamedT{},
				Timed: []*vectors.TimedT{}, Nested: []byte{}, Empty: []int32{},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if want == nil {
				want = tc.in
			}
			buf := objPack(tc.in)
			got := vectors.GetRootAsBag(buf, 0).UnPack()
			objEqual(t, got, want)
			if (got.Bytes == nil) != (tc.in.Bytes == nil) {
				t.Errorf("Bytes nil = %v, want %v", got.Bytes == nil, tc.in.Bytes == nil)
			}
		})
	}
}

func TestObjectNilElements(t *testing.T) {
	// nil elements of vectors of tables and structs are written as empty
	// tables and zero structs instead of broken offsets.
	in := &vectors.BagT{
		Pairs:   []*vectors.PairT{nil, {A: 1}},
		Entries: []*vectors.EntryT{{Id: 3}, nil},
	}
	got := vectors.GetRootAsBag(objPack(in), 0).UnPack()
	if want := []*vectors.PairT{{}, {A: 1}}; !objDeepEqual(got.Pairs, want) {
		t.Errorf("Pairs = %s, want %s", objDump(got.Pairs), objDump(want))
	}
	if want := []*vectors.EntryT{{}, {Id: 3}}; !objDeepEqual(got.Entries, want) {
		t.Errorf("Entries = %s, want %s", objDump(got.Entries), objDump(want))
	}
}

func TestObjectBytesAreCopied(t *testing.T) {
	in := &vectors.BagT{Bytes: []byte{1, 2, 3}}
	buf := objPack(in)
	got := vectors.GetRootAsBag(buf, 0).UnPack()
	for i := range buf {
		buf[i] = 0xee
	}
	if !objDeepEqual(got.Bytes, []byte{1, 2, 3}) {
		t.Errorf("Bytes = %v after the buffer was overwritten: UnPack aliased the buffer", got.Bytes)
	}
}

func TestObjectSharedAndRequired(t *testing.T) {
	// A shared string written twice is stored once.
	b := flatbuffers.NewBuilder(0)
	o1 := (&vectors.BagT{Label: "same-label-text"}).Pack(b)
	o2 := (&vectors.BagT{Label: "same-label-text"}).Pack(b)
	vectors.BagStartNamedVector(b, 2)
	b.PrependUOffsetT(o2)
	b.PrependUOffsetT(o1)
	b.Finish(b.EndVector(2))
	if n := objCount(b.FinishedBytes(), "same-label-text"); n != 1 {
		t.Errorf("shared string stored %d times, want 1", n)
	}
	// A required string is written even when empty.
	bag := vectors.GetRootAsBag(objPack(&vectors.BagT{}), 0)
	if bag.Must() == nil {
		t.Errorf("required string must is absent")
	}
	if bag.Label() != nil {
		t.Errorf("optional empty string label is present")
	}
}
