package flatc

import (
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// TestVerifierAcceptsSharedVtables: the Go flatbuffers Builder deduplicates
// vtables by their field offsets alone, not by the table size they also
// hold, so a table can point at another table's vtable whose table size is
// smaller than its own fields reach. Here Timed{at: long} shares the vtable
// of Entry{id: uint}: one field at offset 4, table size 8. C++'s verifier
// does not check fields against that size; the buffer is valid and must
// verify.
func TestVerifierAcceptsSharedVtables(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	vectors.EntryStart(b)
	vectors.EntryAddId(b, 7)
	entry := vectors.EntryEnd(b)
	vectors.TimedStart(b)
	vectors.TimedAddAt(b, 5)
	timed := vectors.TimedEnd(b)
	if got, want := vtableOf(b, timed), vtableOf(b, entry); got != want {
		t.Fatalf("the Builder did not share the vtable (Timed's at %d, Entry's at %d): the case is gone", got, want)
	}

	vectors.BagStartEntriesVector(b, 1)
	b.PrependUOffsetT(entry)
	entries := b.EndVector(1)
	vectors.BagStartTimedVector(b, 1)
	b.PrependUOffsetT(timed)
	timeds := b.EndVector(1)
	must := b.CreateString("m")
	vectors.PayloadStart(b)
	payload := vectors.PayloadEnd(b)
	vectors.BagStart(b)
	vectors.BagAddMust(b, must)
	vectors.BagAddMustTable(b, payload)
	vectors.BagAddMustStruct(b, vectors.CreatePair(b, 1, 2))
	vectors.BagAddEntries(b, entries)
	vectors.BagAddTimed(b, timeds)
	vectors.FinishBagBuffer(b, vectors.BagEnd(b))
	buf := b.FinishedBytes()

	if err := vectors.VerifyBagBuffer(buf); err != nil {
		t.Errorf("VerifyBagBuffer: %v", err)
	}
	bag := vectors.GetRootAsBag(buf, 0)
	var tm vectors.Timed
	if !bag.Timed(&tm, 0) || tm.At() != 5 {
		t.Errorf("timed[0].at does not read 5")
	}
}

// vtableOf returns the position (from the end of the buffer) of the vtable
// of the table at off, in the builder's unfinished buffer.
func vtableOf(b *flatbuffers.Builder, off flatbuffers.UOffsetT) int {
	pos := len(b.Bytes) - int(off)
	return int(off) + int(flatbuffers.GetSOffsetT(b.Bytes[pos:]))
}
