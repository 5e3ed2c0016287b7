package goldentest

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/unions"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// The official Go builder reuses a vtable when the field offsets match,
// without comparing the table size the vtable records, so tables of
// different sizes can share a vtable whose recorded size is right for only
// one of them. These buffers are valid (C++ and flatc accept them) and must
// verify.

// sharedVTableBag builds, in one builder, Entry{id: 1}, then Timed{at: 5},
// then a Bag holding both: Timed (12 bytes: vtable offset, padding, an
// 8-byte long) reuses Entry's vtable, which records 8 bytes.
func sharedVTableBag(t *testing.T) []byte {
	t.Helper()
	b := flatbuffers.NewBuilder(0)
	vectors.EntryStart(b)
	vectors.EntryAddId(b, 1)
	entry := vectors.EntryEnd(b)
	vectors.TimedStart(b)
	vectors.TimedAddAt(b, 5)
	timed := vectors.TimedEnd(b)

	vectors.BagStartEntriesVector(b, 1)
	b.PrependUOffsetT(entry)
	entries := b.EndVector(1)
	vectors.BagStartTimedVector(b, 1)
	b.PrependUOffsetT(timed)
	timedVec := b.EndVector(1)
	must := b.CreateString("m")
	vectors.PayloadStart(b)
	payload := vectors.PayloadEnd(b)
	vectors.BagStart(b)
	vectors.BagAddEntries(b, entries)
	vectors.BagAddTimed(b, timedVec)
	vectors.BagAddMust(b, must)
	vectors.BagAddMustTable(b, payload)
	vectors.BagAddMustStruct(b, vectors.CreatePair(b, 1, 2))
	vectors.FinishBagBuffer(b, vectors.BagEnd(b))
	buf := b.FinishedBytes()

	// The premise: both tables point at one vtable recording 8 bytes.
	bag := vectors.GetRootAsBag(buf, 0)
	var e vectors.Entry
	var tm vectors.Timed
	if !bag.Entries(&e, 0) || !bag.Timed(&tm, 0) {
		t.Fatal("the Bag lost its elements")
	}
	vt := func(tab flatbuffers.Table) flatbuffers.UOffsetT {
		return flatbuffers.UOffsetT(int64(tab.Pos) - int64(tab.GetSOffsetT(tab.Pos)))
	}
	if ve, vt2 := vt(e.Table()), vt(tm.Table()); ve != vt2 {
		t.Fatalf("Entry's vtable at %d, Timed's at %d: the builder no longer shares them, the test proves nothing", ve, vt2)
	}
	if size := flatbuffers.GetVOffsetT(buf[vt(e.Table())+2:]); size != 8 {
		t.Fatalf("shared vtable records a table size of %d, want 8", size)
	}
	if e.Id() != 1 || tm.At() != 5 {
		t.Fatalf("read id %d, at %d; want 1, 5", e.Id(), tm.At())
	}
	return buf
}

func TestVerifySharedVTable(t *testing.T) {
	buf := sharedVTableBag(t)
	if err := vectors.VerifyBagBuffer(buf); err != nil {
		t.Fatalf("a valid buffer whose tables share a vtable is rejected: %v", err)
	}
	if err := vectors.VerifyBagBufferUntrusted(buf); err != nil {
		t.Fatalf("the bounded verifier rejects it: %v", err)
	}
	readAll(t, tableNamed(t, "vectors.Bag"), buf)
}

// TestVerifyUnionVectorNone: Pack writes a NONE element with a zero offset
// for a nil or mismatched union value in a vector; such vectors verify.
func TestVerifyUnionVectorNone(t *testing.T) {
	hero := &unions.HeroT{
		Bag: []*unions.WeaponT{
			nil,
			{Type: unions.WeaponSword, Value: &unions.SwordT{Damage: 3}},
			{Type: unions.WeaponAxe, Value: &unions.SwordT{}}, // mismatched: packed as NONE
			{Type: unions.WeaponNONE},
		},
		Stash: []*unions.LootT{nil, {Type: unions.LootRanged, Value: &unions.BowT{}}, nil},
	}
	b := flatbuffers.NewBuilder(0)
	unions.FinishHeroBuffer(b, hero.Pack(b))
	buf := b.FinishedBytes()

	h := unions.GetRootAsHero(buf, 0)
	if h.BagLength() != 4 || h.StashLength() != 3 {
		t.Fatalf("bag of %d, stash of %d; want 4 and 3", h.BagLength(), h.StashLength())
	}
	tab := h.Table()
	values := tab.Vector(flatbuffers.UOffsetT(tab.Offset(20))) // Hero.bag
	for i, want := range []unions.Weapon{unions.WeaponNONE, unions.WeaponSword, unions.WeaponNONE, unions.WeaponNONE} {
		if got := h.BagType(i); got != want {
			t.Errorf("bag type %d is %v, want %v", i, got, want)
		}
		if off := flatbuffers.GetUint32(buf[values+4*flatbuffers.UOffsetT(i):]); (off == 0) != (want == unions.WeaponNONE) {
			t.Errorf("bag element %d of type %v has offset %d: the premise (zero offsets for NONE) no longer holds", i, want, off)
		}
	}
	for _, fn := range []func([]byte) error{unions.VerifyHeroBuffer, unions.VerifyHeroBufferUntrusted} {
		if err := fn(buf); err != nil {
			t.Fatalf("a vector of unions with NONE elements is rejected: %v", err)
		}
	}
	readAll(t, tableNamed(t, "unions.Hero"), buf)
	got := h.UnPack()
	if len(got.Bag) != 4 || got.Bag[0] != nil || got.Bag[1] == nil || got.Bag[2] != nil || got.Bag[3] != nil {
		t.Errorf("unpacked bag %+v, want [nil, sword, nil, nil]", got.Bag)
	}
}

// TestVerifySharedBuilder packs random objects of every golden table into
// ONE builder, in a different order each time, so that the builder shares
// vtables among tables of different types and sizes; each object is then
// verified (plainly and bounded) and read as the root of the buffer.
func TestVerifySharedBuilder(t *testing.T) {
	tables := goldenTables()
	// ident holds bytes 4-8 of a buffer of each table: the file identifier
	// of a root table with one, arbitrary bytes (that nothing reads) for
	// the others.
	ident := map[string][]byte{}
	for _, g := range tables {
		ident[g.name] = g.build(newFiller(1), false)[4:8]
	}
	iterations := 40
	if testing.Short() {
		iterations = 5
	}
	r := rand.New(rand.NewPCG(5, 6))
	f := newFiller(23)
	for it := 0; it < iterations; it++ {
		type packed struct {
			g   goldenTable
			off flatbuffers.UOffsetT
		}
		var objs []packed
		b := flatbuffers.NewBuilder(0)
		// Every table twice, in a random order.
		for _, i := range append(r.Perm(len(tables)), r.Perm(len(tables))...) {
			objs = append(objs, packed{tables[i], tables[i].pack(f, b)})
		}
		b.FinishWithFileIdentifier(objs[len(objs)-1].off, []byte("XXXX"))
		buf := b.FinishedBytes()
		for _, o := range objs {
			c := slices.Clone(buf)
			flatbuffers.WriteUOffsetT(c, flatbuffers.UOffsetT(len(c))-o.off)
			copy(c[4:8], ident[o.g.name])
			if err := o.g.verify(c); err != nil {
				t.Fatalf("iteration %d: %s packed in a shared builder is rejected: %v", it, o.g.name, err)
			}
			if err := o.g.verifyUntrusted(c); err != nil {
				t.Fatalf("iteration %d: %s packed in a shared builder is rejected by the bounded verifier: %v", it, o.g.name, err)
			}
			readAll(t, o.g, c)
		}
	}
}

// TestVerifyRegistryComplete fails when a table of a golden package (or of
// verifyextra, or of the .fbs view of a Go-defined golden service, named
// after the service's directory) is missing from goldenTables, so that the
// mutation and fuzz proofs cover every generated verifier.
func TestVerifyRegistryComplete(t *testing.T) {
	registered := map[string]bool{}
	for _, g := range goldenTables() {
		registered[g.name] = true
	}
	dirs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "golden", "*"))
	if err != nil {
		t.Fatal(err)
	}
	views, err := filepath.Glob(filepath.Join("..", "..", "testdata", "goservices", "*", "fbsview"))
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(append(dirs, "verifyextra"), views...)
	verifier := regexp.MustCompile(`(?m)^func Verify(\w+)Buffer\(buf \[\]byte\) error`)
	tables := 0
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range verifier.FindAllSubmatch(src, -1) {
				if strings.HasPrefix(string(m[1]), "SizePrefixed") {
					continue // VerifySizePrefixedXBuffer, the twin of VerifyXBuffer
				}
				tables++
				pkg := filepath.Base(dir)
				if pkg == "fbsview" {
					pkg = filepath.Base(filepath.Dir(dir))
				}
				if name := pkg + "." + string(m[1]); !registered[name] {
					t.Errorf("%s: table %s is not in goldenTables (verify_tables_test.go)", file, name)
				}
			}
		}
	}
	if tables < len(registered) {
		t.Errorf("found %d generated table verifiers, fewer than the %d registered: the scan is broken", tables, len(registered))
	}
}
