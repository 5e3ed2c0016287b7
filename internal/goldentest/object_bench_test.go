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
