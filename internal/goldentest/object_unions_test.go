package goldentest

import (
	"testing"

	"github.com/wsgen/wsgen/testdata/golden/unions"
)

func TestObjectUnions(t *testing.T) {
	tests := []struct {
		name string
		in   *unions.HeroT
		want *unions.HeroT // nil: same as in
	}{
		{
			name: "members",
			in: &unions.HeroT{
				Name:   "h",
				Main:   &unions.WeaponT{Type: unions.WeaponSword, Value: &unions.SwordT{Damage: 9}},
				Backup: &unions.WeaponT{Type: unions.WeaponBow, Value: &unions.BowT{Range: 7, Name: "long"}},
				Loot:   &unions.LootT{Type: unions.LootSecondary, Value: &unions.SwordT{Damage: -1}},
				Bag: []*unions.WeaponT{
					{Type: unions.WeaponAxe, Value: &unions.AxeT{Weight: 2.5}},
					{Type: unions.WeaponSword, Value: &unions.SwordT{}},
					{Type: unions.WeaponBow, Value: &unions.BowT{Range: 100}},
				},
				Stash: []*unions.LootT{
					{Type: unions.LootPrimary, Value: &unions.SwordT{Damage: 1}},
					{Type: unions.LootRanged, Value: &unions.BowT{Name: "x"}},
					{Type: unions.LootSecondary, Value: &unions.SwordT{Damage: 2}},
				},
			},
		},
		{
			name: "absent",
			in:   &unions.HeroT{},
			want: &unions.HeroT{Bag: []*unions.WeaponT{}, Stash: []*unions.LootT{}},
		},
		{
			// NONE and nil elements of a vector of unions unpack as nil.
			name: "none in vectors",
			in: &unions.HeroT{
				Bag:   []*unions.WeaponT{nil, {Type: unions.WeaponNONE}, {Type: unions.WeaponAxe, Value: &unions.AxeT{Weight: 1}}, nil},
				Stash: []*unions.LootT{},
			},
			want: &unions.HeroT{
				Bag:   []*unions.WeaponT{nil, nil, {Type: unions.WeaponAxe, Value: &unions.AxeT{Weight: 1}}, nil},
				Stash: []*unions.LootT{},
			},
		},
		{
			// A NONE union, and a Value that does not match its Type, pack
			// as no value: no panic, and nil after UnPack.
			name: "none and mismatched",
			in: &unions.HeroT{
				Main:   &unions.WeaponT{Type: unions.WeaponNONE},
				Backup: &unions.WeaponT{Type: unions.WeaponAxe, Value: &unions.SwordT{Damage: 1}},
				Loot:   &unions.LootT{Type: unions.LootRanged},
				Bag:    []*unions.WeaponT{{Type: unions.WeaponBow, Value: "not a bow"}},
			},
			want: &unions.HeroT{Bag: []*unions.WeaponT{nil}, Stash: []*unions.LootT{}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if want == nil {
				want = tc.in
			}
			buf := objPack(tc.in)
			hero := unions.GetRootAsHero(buf, 0)
			objEqual(t, hero.UnPack(), want)
			if hero.BagTypeLength() != hero.BagLength() {
				t.Errorf("bag has %d types and %d values", hero.BagTypeLength(), hero.BagLength())
			}
		})
	}
}

func TestObjectUnionAliases(t *testing.T) {
	// Two members of the same table type stay distinct through Type.
	for _, typ := range []unions.Loot{unions.LootPrimary, unions.LootSecondary} {
		in := &unions.HeroT{Loot: &unions.LootT{Type: typ, Value: &unions.SwordT{Damage: 4}}}
		got := unions.GetRootAsHero(objPack(in), 0).UnPack()
		if got.Loot == nil || got.Loot.Type != typ {
			t.Errorf("Loot type %v unpacked as %+v", typ, got.Loot)
		}
	}
}

func TestObjectUnionUnPackUnknown(t *testing.T) {
	// An unknown discriminant unpacks as nil rather than failing.
	in := &unions.HeroT{Main: &unions.WeaponT{Type: unions.WeaponSword, Value: &unions.SwordT{Damage: 3}}}
	hero := unions.GetRootAsHero(objPack(in), 0)
	var tbl = hero.Table()
	if !hero.Main(&tbl) {
		t.Fatal("main is absent")
	}
	if got := unions.Weapon(200).UnPack(tbl); got != nil {
		t.Errorf("Weapon(200).UnPack = %+v, want nil", got)
	}
	if got := unions.WeaponNONE.UnPack(tbl); got != nil {
		t.Errorf("WeaponNONE.UnPack = %+v, want nil", got)
	}
}
