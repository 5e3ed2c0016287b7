package goldentest

import (
	"fmt"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/unions"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// Example_objectAPI packs an object, reads it back in place, finds a keyed
// element (Pack sorts keyed vectors), and unpacks it again.
func Example_objectAPI() {
	in := &vectors.BagT{
		Must:    "required",
		Entries: []*vectors.EntryT{{Id: 3, Note: "three"}, {Id: 1, Note: "one"}},
	}
	b := flatbuffers.NewBuilder(0)
	vectors.FinishBagBuffer(b, in.Pack(b))

	bag := vectors.GetRootAsBag(b.FinishedBytes(), 0)
	var e vectors.Entry
	if bag.EntriesByKey(&e, 3) {
		fmt.Println("found:", string(e.Note()))
	}
	out := bag.UnPack()
	fmt.Println("first after unpack:", out.Entries[0].Id, "caller's first:", in.Entries[0].Id)
	// Output:
	// found: three
	// first after unpack: 1 caller's first: 3
}

func BenchmarkObjectPack(b *testing.B) {
	cases := []struct {
		name string
		obj  objPacker
	}{
		{"Bag", objFullBag()},
		{"Hero", &unions.HeroT{
			Name: "hero",
			Main: &unions.WeaponT{Type: unions.WeaponSword, Value: &unions.SwordT{Damage: 9}},
			Bag: []*unions.WeaponT{
				{Type: unions.WeaponAxe, Value: &unions.AxeT{Weight: 2.5}},
				{Type: unions.WeaponBow, Value: &unions.BowT{Range: 7, Name: "long"}},
			},
		}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			builder := flatbuffers.NewBuilder(1024)
			b.ReportAllocs()
			for b.Loop() {
				builder.Reset()
				builder.Finish(tc.obj.Pack(builder))
			}
		})
	}
}

func BenchmarkObjectUnPack(b *testing.B) {
	buf := objPack(objFullBag())
	b.ReportAllocs()
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		_ = vectors.GetRootAsBag(buf, 0).UnPack()
	}
}

// TestObjectPackAllocs pins what BenchmarkObjectPack measures: packing into
// a builder that is large enough allocates nothing, keyed vectors included
// (Pack sorts their offsets without the builder's sort.Slice).
func TestObjectPackAllocs(t *testing.T) {
	bag := objFullBag()
	builder := flatbuffers.NewBuilder(4096)
	if n := testing.AllocsPerRun(100, func() {
		builder.Reset()
		builder.Finish(bag.Pack(builder))
	}); n != 0 {
		t.Errorf("BagT.Pack: %v allocations per run, want 0", n)
	}
}

// TestObjectPackSortIsStable checks that Pack sorts a keyed vector by key
// and keeps elements with equal keys in the caller's order.
func TestObjectPackSortIsStable(t *testing.T) {
	in := objFullBag()
	in.Entries = []*vectors.EntryT{{Id: 2, Note: "a"}, {Id: 1, Note: "b"}, {Id: 2, Note: "c"}, {Id: 1, Note: "d"}, {Id: 2, Note: "e"}}
	out := vectors.GetRootAsBag(objPack(in), 0).UnPack()
	var got []string
	for _, e := range out.Entries {
		got = append(got, fmt.Sprint(e.Id, e.Note))
	}
	if want := []string{"1b", "1d", "2a", "2c", "2e"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("packed entries %v, want %v", got, want)
	}
	if in.Entries[0].Note != "a" || in.Entries[4].Note != "e" {
		t.Error("Pack reordered the caller's slice")
	}
}
