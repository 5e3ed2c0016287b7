package goldentest

import (
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/unions"
)

func sword(b *flatbuffers.Builder, damage int32) flatbuffers.UOffsetT {
	unions.SwordStart(b)
	unions.SwordAddDamage(b, damage)
	return unions.SwordEnd(b)
}

func axe(b *flatbuffers.Builder, weight float32) flatbuffers.UOffsetT {
	unions.AxeStart(b)
	unions.AxeAddWeight(b, weight)
	return unions.AxeEnd(b)
}

func bow(b *flatbuffers.Builder, rng uint16, name string) flatbuffers.UOffsetT {
	n := b.CreateString(name)
	unions.BowStart(b)
	unions.BowAddRange(b, rng)
	unions.BowAddName(b, n)
	return unions.BowEnd(b)
}

// bagItems are the members of Hero.bag, a vector of Weapon unions.
var bagItems = []unions.Weapon{unions.WeaponBow, unions.WeaponSword, unions.WeaponAxe, unions.WeaponSword}

// buildHero writes a Hero with two Weapon fields, a Loot (aliased members),
// a vector of Weapons and a vector of Loot.
func buildHero() []byte {
	b := flatbuffers.NewBuilder(0)
	name := b.CreateString("Ada")
	main := axe(b, 4.5)
	backup := bow(b, 250, "longbow")
	loot := sword(b, 11)

	bag := make([]flatbuffers.UOffsetT, len(bagItems))
	for i, w := range bagItems {
		switch w {
		case unions.WeaponSword:
			bag[i] = sword(b, int32(i))
		case unions.WeaponAxe:
			bag[i] = axe(b, float32(i))
		case unions.WeaponBow:
			bag[i] = bow(b, uint16(i), "b")
		}
	}
	unions.HeroStartBagTypeVector(b, len(bagItems))
	for i := len(bagItems) - 1; i >= 0; i-- {
		b.PrependByte(byte(bagItems[i]))
	}
	bagTypes := b.EndVector(len(bagItems))
	bagVec := offsetVector(b, unions.HeroStartBagVector, bag)

	stash := []flatbuffers.UOffsetT{sword(b, 1), sword(b, 2)}
	unions.HeroStartStashTypeVector(b, 2)
	b.PrependByte(byte(unions.LootSecondary))
	b.PrependByte(byte(unions.LootPrimary))
	stashTypes := b.EndVector(2)
	stashVec := offsetVector(b, unions.HeroStartStashVector, stash)

	unions.HeroStart(b)
	unions.HeroAddName(b, name)
	unions.HeroAddMainType(b, unions.WeaponAxe)
	unions.HeroAddMain(b, main)
	unions.HeroAddBackupType(b, unions.WeaponBow)
	unions.HeroAddBackup(b, backup)
	unions.HeroAddLootType(b, unions.LootSecondary)
	unions.HeroAddLoot(b, loot)
	unions.HeroAddBagType(b, bagTypes)
	unions.HeroAddBag(b, bagVec)
	unions.HeroAddStashType(b, stashTypes)
	unions.HeroAddStash(b, stashVec)
	unions.FinishHeroBuffer(b, unions.HeroEnd(b))
	return b.FinishedBytes()
}

func TestUnionEnum(t *testing.T) {
	tests := []struct {
		name string
		v    unions.Weapon
		want byte
		str  string
	}{
		{"NONE", unions.WeaponNONE, 0, "NONE"},
		{"Sword", unions.WeaponSword, 1, "Sword"},
		{"Axe", unions.WeaponAxe, 2, "Axe"},
		{"Bow", unions.WeaponBow, 3, "Bow"},
		{"unknown", unions.Weapon(9), 9, "Weapon(9)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if byte(tc.v) != tc.want || tc.v.String() != tc.str {
				t.Errorf("value %d, String %q; want %d, %q", byte(tc.v), tc.v.String(), tc.want, tc.str)
			}
			if tc.name != "unknown" && (unions.EnumValuesWeapon[tc.str] != tc.v || unions.EnumNamesWeapon[tc.v] != tc.str) {
				t.Error("name maps disagree")
			}
		})
	}
	// Aliases name the members; several may share a table type.
	if unions.LootPrimary.String() != "Primary" || unions.LootSecondary != 2 || unions.EnumValuesLoot["Ranged"] != unions.LootRanged {
		t.Error("aliased union members are misnamed")
	}
	if len(unions.EnumNamesLoot) != 4 || len(unions.EnumValuesWeapon) != 4 {
		t.Error("union name maps do not hold NONE plus every member")
	}
}

func TestUnionFields(t *testing.T) {
	buf := buildHero()
	if !unions.HeroBufferHasIdentifier(buf) {
		t.Error("Hero buffer lacks its identifier")
	}
	h := unions.GetRootAsHero(buf, 0)
	if string(h.Name()) != "Ada" {
		t.Errorf("Name() = %q", h.Name())
	}

	var tab flatbuffers.Table
	if h.MainType() != unions.WeaponAxe || !h.Main(&tab) {
		t.Fatalf("MainType() = %v", h.MainType())
	}
	var a unions.Axe
	a.Init(tab.Bytes, tab.Pos)
	if a.Weight() != 4.5 {
		t.Errorf("main axe weight = %v", a.Weight())
	}

	if h.BackupType() != unions.WeaponBow || !h.Backup(&tab) {
		t.Fatalf("BackupType() = %v", h.BackupType())
	}
	var bw unions.Bow
	bw.Init(tab.Bytes, tab.Pos)
	if bw.Range() != 250 || string(bw.Name()) != "longbow" {
		t.Errorf("backup bow = %d %q", bw.Range(), bw.Name())
	}

	if h.LootType() != unions.LootSecondary || !h.Loot(&tab) {
		t.Fatalf("LootType() = %v", h.LootType())
	}
	var s unions.Sword
	s.Init(tab.Bytes, tab.Pos)
	if s.Damage() != 11 {
		t.Errorf("loot sword damage = %d", s.Damage())
	}

	// The discriminant can be mutated in place.
	if !h.MutateLootType(unions.LootPrimary) || h.LootType() != unions.LootPrimary {
		t.Error("MutateLootType failed")
	}
}

func TestUnionAbsent(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	unions.HeroStart(b)
	b.Finish(unions.HeroEnd(b))
	h := unions.GetRootAsHero(b.FinishedBytes(), 0)
	var tab flatbuffers.Table
	if h.MainType() != unions.WeaponNONE || h.Main(&tab) || h.Loot(&tab) {
		t.Error("absent union reads as present")
	}
	if h.BagLength() != 0 || h.BagTypeLength() != 0 || h.Bag(&tab, 0) || h.BagType(0) != unions.WeaponNONE {
		t.Error("absent vector of unions reads as present")
	}
	if h.MutateMainType(unions.WeaponSword) {
		t.Error("MutateMainType on an absent field succeeded")
	}
	// Defaults of the member tables.
	b = flatbuffers.NewBuilder(0)
	unions.SwordStart(b)
	b.Finish(unions.SwordEnd(b))
	if d := unions.GetRootAsSword(b.FinishedBytes(), 0).Damage(); d != 3 {
		t.Errorf("Sword default damage = %d, want 3", d)
	}
}

func TestUnionVectors(t *testing.T) {
	h := unions.GetRootAsHero(buildHero(), 0)
	if h.BagLength() != len(bagItems) || h.BagTypeLength() != len(bagItems) {
		t.Fatalf("BagLength() = %d, BagTypeLength() = %d", h.BagLength(), h.BagTypeLength())
	}
	var tab flatbuffers.Table
	for j, want := range bagItems {
		if got := h.BagType(j); got != want {
			t.Errorf("BagType(%d) = %v, want %v", j, got, want)
		}
		if !h.Bag(&tab, j) {
			t.Fatalf("Bag(%d) = false", j)
		}
		switch want {
		case unions.WeaponSword:
			var s unions.Sword
			s.Init(tab.Bytes, tab.Pos)
			if s.Damage() != int32(j) {
				t.Errorf("Bag(%d) sword damage %d", j, s.Damage())
			}
		case unions.WeaponAxe:
			var a unions.Axe
			a.Init(tab.Bytes, tab.Pos)
			if a.Weight() != float32(j) {
				t.Errorf("Bag(%d) axe weight %v", j, a.Weight())
			}
		case unions.WeaponBow:
			var bw unions.Bow
			bw.Init(tab.Bytes, tab.Pos)
			if bw.Range() != uint16(j) || string(bw.Name()) != "b" {
				t.Errorf("Bag(%d) bow %d %q", j, bw.Range(), bw.Name())
			}
		}
	}

	if h.StashLength() != 2 || h.StashType(0) != unions.LootPrimary || h.StashType(1) != unions.LootSecondary {
		t.Fatalf("stash types %v %v", h.StashType(0), h.StashType(1))
	}
	for j := 0; j < 2; j++ {
		var s unions.Sword
		if !h.Stash(&tab, j) {
			t.Fatalf("Stash(%d) = false", j)
		}
		s.Init(tab.Bytes, tab.Pos)
		if s.Damage() != int32(j+1) {
			t.Errorf("Stash(%d) damage %d", j, s.Damage())
		}
	}

	if !h.MutateBagType(1, unions.WeaponNONE) || h.BagType(1) != unions.WeaponNONE || h.BagType(2) != bagItems[2] {
		t.Error("MutateBagType failed or touched a neighbour")
	}
}
