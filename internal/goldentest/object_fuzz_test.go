package goldentest

import (
	"bytes"
	"testing"

	"github.com/wsgen/wsgen/testdata/golden/enums"
	"github.com/wsgen/wsgen/testdata/golden/structs"
	"github.com/wsgen/wsgen/testdata/golden/unions"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// objFuzzRoots are the roots FuzzObjectRepack decodes, by the first byte of
// the input.
var objFuzzRoots = []struct {
	verify func([]byte) error
	unpack func([]byte) objPacker
}{
	{unions.VerifyHeroBuffer, func(b []byte) objPacker { return unions.GetRootAsHero(b, 0).UnPack() }},
	{structs.VerifyBodyBuffer, func(b []byte) objPacker { return structs.GetRootAsBody(b, 0).UnPack() }},
	{enums.VerifyPaletteBuffer, func(b []byte) objPacker { return enums.GetRootAsPalette(b, 0).UnPack() }},
	{vectors.VerifyBagBuffer, func(b []byte) objPacker { return vectors.GetRootAsBag(b, 0).UnPack() }},
}

// FuzzObjectRepack checks that any object UnPack makes from a verified
// buffer packs without panicking, and that packing is then stable: for
// x = UnPack(buf), Pack(UnPack(Pack(x))) has the same bytes as Pack(x),
// NaNs, absent and empty vectors, defaults and unknown union types
// included. (Pack sorts keyed vectors; only duplicate keys, whose order is
// unspecified, are exempt.)
func FuzzObjectRepack(f *testing.F) {
	f.Add(append([]byte{0}, objPack(&unions.HeroT{
		Name: "h",
		Main: &unions.WeaponT{Type: unions.WeaponBow, Value: &unions.BowT{Name: "b"}},
		Bag:  []*unions.WeaponT{{Type: unions.WeaponAxe, Value: &unions.AxeT{Weight: 1}}, nil},
	})...))
	f.Add(append([]byte{1}, objPack(objFullBody())...))
	f.Add(append([]byte{2}, objPack(&enums.PaletteT{Colors: []enums.Color{enums.ColorBlue}})...))
	f.Add(append([]byte{3}, objPack(objFullBag())...))
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) < 2 {
			return
		}
		root := objFuzzRoots[int(in[0])%len(objFuzzRoots)]
		// Copy, so that the buffer is aligned as the builder's are.
		buf := append([]byte(nil), in[1:]...)
		if root.verify(buf) != nil {
			return
		}
		obj := root.unpack(buf)
		first := objPack(obj)
		second := objPack(root.unpack(first))
		if !bytes.Equal(first, second) {
			if objHasDuplicateKeys(obj) {
				return
			}
			t.Fatalf("repacking is not stable:\n%x\n%x", first, second)
		}
	})
}

// objHasDuplicateKeys reports whether a Bag holds two elements with the
// same key in one keyed vector (their order after sorting is unspecified).
func objHasDuplicateKeys(obj objPacker) bool {
	bag, ok := obj.(*vectors.BagT)
	if !ok {
		return false
	}
	ids := map[uint32]bool{}
	for _, e := range bag.Entries {
		if ids[e.Id] {
			return true
		}
		ids[e.Id] = true
	}
	names := map[string]bool{}
	for _, n := range bag.Named {
		if names[n.Name] {
			return true
		}
		names[n.Name] = true
	}
	ats := map[int64]bool{}
	for _, tm := range bag.Timed {
		if ats[tm.At] {
			return true
		}
		ats[tm.At] = true
	}
	return false
}
