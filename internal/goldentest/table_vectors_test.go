package goldentest

import (
	"bytes"
	"sort"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// scalarVector writes a vector of n elements with StartXVector, calling
// prepend for elements n-1 down to 0.
func scalarVector(b *flatbuffers.Builder, start func(*flatbuffers.Builder, int) flatbuffers.UOffsetT, n int, prepend func(i int)) flatbuffers.UOffsetT {
	start(b, n)
	for i := n - 1; i >= 0; i-- {
		prepend(i)
	}
	return b.EndVector(n)
}

// offsetVector writes a vector of offsets.
func offsetVector(b *flatbuffers.Builder, start func(*flatbuffers.Builder, int) flatbuffers.UOffsetT, offs []flatbuffers.UOffsetT) flatbuffers.UOffsetT {
	return scalarVector(b, start, len(offs), func(i int) { b.PrependUOffsetT(offs[i]) })
}

var (
	bagBytes   = []byte{0, 1, 254, 255}
	bagSbytes  = []int8{-128, -1, 0, 127}
	bagBools   = []bool{true, false, true}
	bagShorts  = []int16{-32768, 0, 32767}
	bagUshorts = []uint16{0, 65535}
	bagInts    = []int32{-1, 2, -3}
	bagUints   = []uint32{4294967295, 1}
	bagLongs   = []int64{-1 << 63, 1<<63 - 1}
	bagUlongs  = []uint64{1<<64 - 1, 0}
	bagFloats  = []float32{1.5, -2.25}
	bagDoubles = []float64{3.125, -1e300}
	bagMoods   = []vectors.Mood{vectors.MoodSleepy, vectors.MoodCalm, vectors.MoodAngry}
	bagStrings = []string{"alpha", "", "gamma"}
	entryIDs   = []uint32{30, 10, 20, 40} // written unsorted; sorted by key below
	namedKeys  = []string{"pear", "apple", "fig"}
	timedKeys  = []int64{5, -100, 0}
)

// buildBag writes a Bag with every vector filled, keyed vectors sorted with
// the generated KeyCompare functions, and a nested Payload buffer.
func buildBag(t testing.TB) []byte {
	t.Helper()
	b := flatbuffers.NewBuilder(0)

	// Nested flatbuffer: a complete Payload buffer stored as [ubyte].
	nb := flatbuffers.NewBuilder(0)
	text := nb.CreateString("inner")
	vectors.PayloadStart(nb)
	vectors.PayloadAddText(nb, text)
	vectors.PayloadAddCount(nb, 99)
	nb.Finish(vectors.PayloadEnd(nb))
	nested := b.CreateByteVector(nb.FinishedBytes())

	strs := make([]flatbuffers.UOffsetT, len(bagStrings))
	for i, s := range bagStrings {
		strs[i] = b.CreateString(s)
	}
	var entries []flatbuffers.UOffsetT
	for _, id := range entryIDs {
		note := b.CreateString("note")
		vectors.EntryStart(b)
		vectors.EntryAddId(b, id)
		vectors.EntryAddNote(b, note)
		entries = append(entries, vectors.EntryEnd(b))
	}
	sort.Slice(entries, func(i, j int) bool { return vectors.EntryKeyCompare(entries[i], entries[j], b.Bytes) })
	var named []flatbuffers.UOffsetT
	for i, k := range namedKeys {
		name := b.CreateString(k)
		vectors.NamedStart(b)
		vectors.NamedAddName(b, name)
		vectors.NamedAddScore(b, int32(i+1))
		named = append(named, vectors.NamedEnd(b))
	}
	sort.Slice(named, func(i, j int) bool { return vectors.NamedKeyCompare(named[i], named[j], b.Bytes) })
	var timed []flatbuffers.UOffsetT
	for _, k := range timedKeys {
		vectors.TimedStart(b)
		vectors.TimedAddAt(b, k)
		timed = append(timed, vectors.TimedEnd(b))
	}
	sort.Slice(timed, func(i, j int) bool { return vectors.TimedKeyCompare(timed[i], timed[j], b.Bytes) })

	label := b.CreateSharedString("shared")
	must := b.CreateString("required")
	mustText := b.CreateString("mt")
	vectors.PayloadStart(b)
	vectors.PayloadAddText(b, mustText)
	mustTable := vectors.PayloadEnd(b)

	byteVec := b.CreateByteVector(bagBytes)
	sbytes := scalarVector(b, vectors.BagStartSbytesVector, len(bagSbytes), func(i int) { b.PrependInt8(bagSbytes[i]) })
	bools := scalarVector(b, vectors.BagStartBoolsVector, len(bagBools), func(i int) { b.PrependBool(bagBools[i]) })
	shorts := scalarVector(b, vectors.BagStartShortsVector, len(bagShorts), func(i int) { b.PrependInt16(bagShorts[i]) })
	ushorts := scalarVector(b, vectors.BagStartUshortsVector, len(bagUshorts), func(i int) { b.PrependUint16(bagUshorts[i]) })
	ints := scalarVector(b, vectors.BagStartIntsVector, len(bagInts), func(i int) { b.PrependInt32(bagInts[i]) })
	uints := scalarVector(b, vectors.BagStartUintsVector, len(bagUints), func(i int) { b.PrependUint32(bagUints[i]) })
	longs := scalarVector(b, vectors.BagStartLongsVector, len(bagLongs), func(i int) { b.PrependInt64(bagLongs[i]) })
	ulongs := scalarVector(b, vectors.BagStartUlongsVector, len(bagUlongs), func(i int) { b.PrependUint64(bagUlongs[i]) })
	floats := scalarVector(b, vectors.BagStartFloatsVector, len(bagFloats), func(i int) { b.PrependFloat32(bagFloats[i]) })
	doubles := scalarVector(b, vectors.BagStartDoublesVector, len(bagDoubles), func(i int) { b.PrependFloat64(bagDoubles[i]) })
	moods := scalarVector(b, vectors.BagStartMoodsVector, len(bagMoods), func(i int) { b.PrependUint16(uint16(bagMoods[i])) })
	pairs := scalarVector(b, vectors.BagStartPairsVector, 2, func(i int) { vectors.CreatePair(b, int16(i+1), int64(i)*1000) })
	empty := scalarVector(b, vectors.BagStartEmptyVector, 0, nil)
	strVec := offsetVector(b, vectors.BagStartStringsVector, strs)
	entVec := offsetVector(b, vectors.BagStartEntriesVector, entries)
	namedVec := offsetVector(b, vectors.BagStartNamedVector, named)
	timedVec := offsetVector(b, vectors.BagStartTimedVector, timed)

	vectors.BagStart(b)
	vectors.BagAddBytes(b, byteVec)
	vectors.BagAddSbytes(b, sbytes)
	vectors.BagAddBools(b, bools)
	vectors.BagAddShorts(b, shorts)
	vectors.BagAddUshorts(b, ushorts)
	vectors.BagAddInts(b, ints)
	vectors.BagAddUints(b, uints)
	vectors.BagAddLongs(b, longs)
	vectors.BagAddUlongs(b, ulongs)
	vectors.BagAddFloats(b, floats)
	vectors.BagAddDoubles(b, doubles)
	vectors.BagAddMoods(b, moods)
	vectors.BagAddStrings(b, strVec)
	vectors.BagAddPairs(b, pairs)
	vectors.BagAddEntries(b, entVec)
	vectors.BagAddNamed(b, namedVec)
	vectors.BagAddTimed(b, timedVec)
	vectors.BagAddNested(b, nested)
	vectors.BagAddLabel(b, label)
	vectors.BagAddMust(b, must)
	vectors.BagAddMustTable(b, mustTable)
	vectors.BagAddMustStruct(b, vectors.CreatePair(b, 7, 8))
	vectors.BagAddEmpty(b, empty)
	vectors.FinishBagBuffer(b, vectors.BagEnd(b))
	return b.FinishedBytes()
}

func TestTableVectorsOfScalars(t *testing.T) {
	bag := vectors.GetRootAsBag(buildBag(t), 0)
	check := func(name string, n, want int, eq func(i int) bool) {
		t.Helper()
		t.Run(name, func(t *testing.T) {
			if n != want {
				t.Fatalf("length %d, want %d", n, want)
			}
			for i := 0; i < n; i++ {
				if !eq(i) {
					t.Errorf("element %d differs", i)
				}
			}
		})
	}
	check("ubyte", bag.BytesLength(), len(bagBytes), func(i int) bool { return bag.Bytes(i) == bagBytes[i] })
	check("byte", bag.SbytesLength(), len(bagSbytes), func(i int) bool { return bag.Sbytes(i) == bagSbytes[i] })
	check("bool", bag.BoolsLength(), len(bagBools), func(i int) bool { return bag.Bools(i) == bagBools[i] })
	check("short", bag.ShortsLength(), len(bagShorts), func(i int) bool { return bag.Shorts(i) == bagShorts[i] })
	check("ushort", bag.UshortsLength(), len(bagUshorts), func(i int) bool { return bag.Ushorts(i) == bagUshorts[i] })
	check("int", bag.IntsLength(), len(bagInts), func(i int) bool { return bag.Ints(i) == bagInts[i] })
	check("uint", bag.UintsLength(), len(bagUints), func(i int) bool { return bag.Uints(i) == bagUints[i] })
	check("long", bag.LongsLength(), len(bagLongs), func(i int) bool { return bag.Longs(i) == bagLongs[i] })
	check("ulong", bag.UlongsLength(), len(bagUlongs), func(i int) bool { return bag.Ulongs(i) == bagUlongs[i] })
	check("float", bag.FloatsLength(), len(bagFloats), func(i int) bool { return bag.Floats(i) == bagFloats[i] })
	check("double", bag.DoublesLength(), len(bagDoubles), func(i int) bool { return bag.Doubles(i) == bagDoubles[i] })
	check("enum", bag.MoodsLength(), len(bagMoods), func(i int) bool { return bag.Moods(i) == bagMoods[i] })
	check("string", bag.StringsLength(), len(bagStrings), func(i int) bool { return string(bag.Strings(i)) == bagStrings[i] })
	check("empty", bag.EmptyLength(), 0, nil)

	if !bytes.Equal(bag.BytesBytes(), bagBytes) {
		t.Errorf("BytesBytes() = %v, want %v", bag.BytesBytes(), bagBytes)
	}
}

func TestTableVectorMutation(t *testing.T) {
	bag := vectors.GetRootAsBag(buildBag(t), 0)
	tests := []struct {
		name   string
		mutate func() bool
		read   func() any
		want   any
	}{
		{"ubyte", func() bool { return bag.MutateBytes(1, 77) }, func() any { return bag.Bytes(1) }, byte(77)},
		{"bool", func() bool { return bag.MutateBools(1, true) }, func() any { return bag.Bools(1) }, true},
		{"int", func() bool { return bag.MutateInts(2, 123456) }, func() any { return bag.Ints(2) }, int32(123456)},
		{"ulong", func() bool { return bag.MutateUlongs(1, 5) }, func() any { return bag.Ulongs(1) }, uint64(5)},
		{"double", func() bool { return bag.MutateDoubles(0, 0.5) }, func() any { return bag.Doubles(0) }, 0.5},
		{"enum", func() bool { return bag.MutateMoods(0, vectors.MoodAngry) }, func() any { return bag.Moods(0) }, vectors.MoodAngry},
		{"nested byte", func() bool { return bag.MutateNested(0, bag.Nested(0)) }, func() any { return bag.NestedLength() > 0 }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.mutate() {
				t.Fatal("mutation reported false")
			}
			if got := tc.read(); got != tc.want {
				t.Errorf("after mutation read %v, want %v", got, tc.want)
			}
		})
	}

	// On a table without the vector, reads give zero and mutations fail.
	b := flatbuffers.NewBuilder(0)
	vectors.BagStart(b)
	b.Finish(vectors.BagEnd(b))
	none := vectors.GetRootAsBag(b.FinishedBytes(), 0)
	if none.IntsLength() != 0 || none.Ints(0) != 0 || none.MutateInts(0, 1) || none.BytesBytes() != nil ||
		none.Strings(0) != nil || none.Bools(0) || none.Moods(0) != 0 {
		t.Error("absent vectors do not read as empty")
	}
	var e vectors.Entry
	if none.Entries(&e, 0) || none.EntriesByKey(&e, 10) || none.Must() != nil || none.MustTable(nil) != nil || none.MustStruct(nil) != nil {
		t.Error("absent table, struct or string fields do not read as absent")
	}
}

func TestTableVectorsOfStructsAndTables(t *testing.T) {
	bag := vectors.GetRootAsBag(buildBag(t), 0)
	var p vectors.Pair
	if bag.PairsLength() != 2 {
		t.Fatalf("PairsLength() = %d", bag.PairsLength())
	}
	for i := 0; i < 2; i++ {
		if !bag.Pairs(&p, i) || p.A() != int16(i+1) || p.B() != int64(i)*1000 {
			t.Errorf("Pairs(%d) = %d, %d", i, p.A(), p.B())
		}
	}
	if !bag.Pairs(&p, 1) || !p.MutateB(-5) || p.B() != -5 {
		t.Error("mutating a struct in a vector failed")
	}

	// The entries were sorted by EntryKeyCompare before writing.
	var e vectors.Entry
	var ids []uint32
	for i := 0; i < bag.EntriesLength(); i++ {
		if !bag.Entries(&e, i) {
			t.Fatalf("Entries(%d) = false", i)
		}
		ids = append(ids, e.Id())
		if string(e.Note()) != "note" {
			t.Errorf("Entries(%d).Note() = %q", i, e.Note())
		}
	}
	if !sort.SliceIsSorted(ids, func(i, j int) bool { return ids[i] < ids[j] }) || len(ids) != len(entryIDs) {
		t.Errorf("entry ids %v are not sorted", ids)
	}

	if s := bag.MustStruct(nil); s == nil || s.A() != 7 || s.B() != 8 {
		t.Error("MustStruct does not read back (7, 8)")
	}
	if mt := bag.MustTable(nil); mt == nil || string(mt.Text()) != "mt" || mt.Count() != 0 {
		t.Error("MustTable does not read back")
	}
	if string(bag.Must()) != "required" || string(bag.Label()) != "shared" {
		t.Errorf("Must, Label = %q, %q", bag.Must(), bag.Label())
	}
}

func TestTableLookupByKey(t *testing.T) {
	bag := vectors.GetRootAsBag(buildBag(t), 0)
	t.Run("uint key", func(t *testing.T) {
		for _, id := range entryIDs {
			var e vectors.Entry
			if !bag.EntriesByKey(&e, id) || e.Id() != id {
				t.Errorf("EntriesByKey(%d) not found", id)
			}
		}
		var e vectors.Entry
		for _, missing := range []uint32{0, 15, 41} {
			if bag.EntriesByKey(&e, missing) {
				t.Errorf("EntriesByKey(%d) found %d", missing, e.Id())
			}
		}
	})
	t.Run("string key", func(t *testing.T) {
		for i, k := range namedKeys {
			var n vectors.Named
			if !bag.NamedByKey(&n, k) || string(n.Name()) != k || n.Score() != int32(i+1) {
				t.Errorf("NamedByKey(%q) not found", k)
			}
		}
		var n vectors.Named
		if bag.NamedByKey(&n, "banana") || bag.NamedByKey(&n, "") || bag.NamedByKey(&n, "zz") {
			t.Error("NamedByKey found a missing key")
		}
	})
	t.Run("signed key", func(t *testing.T) {
		for _, k := range timedKeys {
			var tm vectors.Timed
			if !bag.TimedByKey(&tm, k) || tm.At() != k {
				t.Errorf("TimedByKey(%d) not found", k)
			}
		}
		var tm vectors.Timed
		if bag.TimedByKey(&tm, -1) {
			t.Error("TimedByKey(-1) found a missing key")
		}
	})
}

func TestTableNestedFlatbuffer(t *testing.T) {
	bag := vectors.GetRootAsBag(buildBag(t), 0)
	inner := bag.NestedBytes()
	if len(inner) == 0 || len(inner) != bag.NestedLength() {
		t.Fatalf("NestedBytes() has %d bytes, NestedLength() = %d", len(inner), bag.NestedLength())
	}
	p := vectors.GetRootAsPayload(inner, 0)
	if string(p.Text()) != "inner" || p.Count() != 99 {
		t.Errorf("nested Payload = %q, %d", p.Text(), p.Count())
	}
	if r := bag.NestedNestedRoot(); r == nil || string(r.Text()) != "inner" || r.Count() != 99 {
		t.Error("NestedNestedRoot() does not read the nested Payload")
	}
	b := flatbuffers.NewBuilder(0)
	vectors.BagStart(b)
	b.Finish(vectors.BagEnd(b))
	if vectors.GetRootAsBag(b.FinishedBytes(), 0).NestedNestedRoot() != nil {
		t.Error("NestedNestedRoot() of an absent field is not nil")
	}
}

func TestTableTimedDefaultKey(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	vectors.TimedStart(b)
	b.Finish(vectors.TimedEnd(b))
	if at := vectors.GetRootAsTimed(b.FinishedBytes(), 0).At(); at != -1 {
		t.Errorf("At() = %d, want the default -1", at)
	}
	if !vectors.BagBufferHasIdentifier(buildBag(t)) {
		t.Error("Bag buffer lacks its identifier")
	}
}
