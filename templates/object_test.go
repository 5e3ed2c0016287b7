package templates

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema"
)

// objModel is a small hand-built schema that exercises every object-API
// construct:
//
//	enum Mood : ushort { Calm = 1 }
//	struct Vec3 { x: float; y: float; z: float; }
//	struct Pose { pos: Vec3; mood: Mood; }
//	struct Grid { cells: [Mood:2]; corners: [Vec3:2]; }
//	struct Outer { grid: Grid; }
//	table Sword { damage: int; }
//	table Entry { id: uint (key); }
//	union Weapon { Sword, Label: string, Spot: Vec3, Snip.Sword }
//	table Hero {
//	  name: string (required); hp: short = 100; old: int (deprecated);
//	  maybe: int = null; pose: Pose; sword: Sword; bytes: [ubyte];
//	  moods: [Mood]; tags: [string]; path: [Vec3]; entries: [Entry];
//	  main: Weapon; bag: [Weapon]; type: bool;
//	}
func objModel() *schema.Schema {
	ns := []string{"Snip"}
	file := &schema.File{Path: "snip.fbs", Input: true}
	decl := func(name string) schema.Decl { return schema.Decl{Name: name, Namespace: ns, File: file} }
	scalar := func(k schema.Kind) schema.Type { return schema.Type{Kind: k} }

	mood := &schema.Enum{Decl: decl("Mood"), Underlying: schema.KindUint16,
		Values: []*schema.EnumVal{{Name: "Calm", Value: schema.Value{Kind: schema.ValueInt, Int: 1}}}}
	moodType := schema.Type{Kind: schema.KindUint16, Enum: mood}

	vec3 := &schema.Struct{Decl: decl("Vec3"), Size: 12, Align: 4, Fields: []*schema.Field{
		{Name: "x", Type: scalar(schema.KindFloat32), Offset: 0},
		{Name: "y", Type: scalar(schema.KindFloat32), Offset: 4},
		{Name: "z", Type: scalar(schema.KindFloat32), Offset: 8},
	}}
	pose := &schema.Struct{Decl: decl("Pose"), Size: 16, Align: 4, Fields: []*schema.Field{
		{Name: "pos", Type: schema.Type{Kind: schema.KindStruct, Struct: vec3}, Offset: 0},
		{Name: "mood", Type: moodType, Offset: 12, Padding: 2},
	}}
	arr := func(elem schema.Type, n int) schema.Type {
		return schema.Type{Kind: schema.KindArray, Elem: &elem, Len: n}
	}
	grid := &schema.Struct{Decl: decl("Grid"), Size: 28, Align: 4, Fields: []*schema.Field{
		{Name: "cells", Type: arr(moodType, 2), Offset: 0},
		{Name: "corners", Type: arr(schema.Type{Kind: schema.KindStruct, Struct: vec3}, 2), Offset: 4},
	}}
	outer := &schema.Struct{Decl: decl("Outer"), Size: 28, Align: 4, Fields: []*schema.Field{
		{Name: "grid", Type: schema.Type{Kind: schema.KindStruct, Struct: grid}, Offset: 0},
	}}
	sword := &schema.Table{Decl: decl("Sword"), Fields: []*schema.Field{
		{Name: "damage", Type: scalar(schema.KindInt32), ID: 0},
	}}
	entryID := &schema.Field{Name: "id", Type: scalar(schema.KindUint32), Key: true, ID: 0}
	entry := &schema.Table{Decl: decl("Entry"), Fields: []*schema.Field{entryID}, Key: entryID}

	weapon := &schema.Union{Decl: decl("Weapon"), Values: []*schema.UnionVal{
		{Name: "NONE", Value: 0, Type: schema.Type{Kind: schema.KindNone}},
		{Name: "Sword", Value: 1, Type: schema.Type{Kind: schema.KindTable, Table: sword}},
		{Name: "Label", Value: 2, Type: schema.Type{Kind: schema.KindString}},
		{Name: "Spot", Value: 3, Type: schema.Type{Kind: schema.KindStruct, Struct: vec3}},
		{Name: "Snip.Sword", Value: 4, Type: schema.Type{Kind: schema.KindTable, Table: sword}},
	}}
	vec := func(elem schema.Type) schema.Type { return schema.Type{Kind: schema.KindVector, Elem: &elem} }

	mainType := &schema.Field{Name: "main_type", Type: schema.Type{Kind: schema.KindUType, Union: weapon}, Hidden: true}
	mainF := &schema.Field{Name: "main", Type: schema.Type{Kind: schema.KindUnion, Union: weapon}}
	mainType.UnionValue, mainF.UnionType = mainF, mainType
	bagType := &schema.Field{Name: "bag_type", Type: vec(schema.Type{Kind: schema.KindUType, Union: weapon}), Hidden: true}
	bagF := &schema.Field{Name: "bag", Type: vec(schema.Type{Kind: schema.KindUnion, Union: weapon})}
	bagType.UnionValue, bagF.UnionType = bagF, bagType

	hero := &schema.Table{Decl: decl("Hero"), Fields: []*schema.Field{
		{Name: "name", Type: scalar(schema.KindString), Required: true},
		{Name: "hp", Type: scalar(schema.KindInt16), Default: schema.Value{Kind: schema.ValueInt, Int: 100}},
		{Name: "old", Type: scalar(schema.KindInt32), Deprecated: true},
		{Name: "maybe", Type: scalar(schema.KindInt32), Optional: true, Default: schema.Value{Kind: schema.ValueNull}},
		{Name: "pose", Type: schema.Type{Kind: schema.KindStruct, Struct: pose}},
		{Name: "sword", Type: schema.Type{Kind: schema.KindTable, Table: sword}},
		{Name: "bytes", Type: vec(scalar(schema.KindUint8))},
		{Name: "moods", Type: vec(moodType)},
		{Name: "tags", Type: vec(scalar(schema.KindString))},
		{Name: "path", Type: vec(schema.Type{Kind: schema.KindStruct, Struct: vec3})},
		{Name: "entries", Type: vec(schema.Type{Kind: schema.KindTable, Table: entry})},
		mainType, mainF, bagType, bagF,
		{Name: "type", Type: scalar(schema.KindBool)},
	}}
	for i, f := range hero.Fields {
		f.ID = i
	}
	return &schema.Schema{
		Files:   []*schema.File{file},
		Enums:   []*schema.Enum{mood},
		Unions:  []*schema.Union{weapon},
		Structs: []*schema.Struct{vec3, pose, grid, outer},
		Tables:  []*schema.Table{sword, entry, hero},
	}
}

// renderObj runs one object emitter over objModel and returns the rendered
// source, failing if it does not parse.
func renderObj(t *testing.T, emit func(g *gen, f *jen.File)) string {
	t.Helper()
	return renderRaw(t, objModel(), emit)
}

func TestObjectFieldsInIDOrder(t *testing.T) {
	// flatc sorts a table's fields by explicit id; the object type and Pack
	// follow that order, not the declaration order.
	scalar := func(k schema.Kind) schema.Type { return schema.Type{Kind: k} }
	tb := &schema.Table{Decl: schema.Decl{Name: "Reading"}, Fields: []*schema.Field{
		{Name: "value", Type: scalar(schema.KindFloat64), ID: 2},
		{Name: "old", Type: scalar(schema.KindFloat32), ID: 0, Deprecated: true},
		{Name: "note", Type: scalar(schema.KindString), ID: 3},
		{Name: "type", Type: scalar(schema.KindInt32), ID: 1},
	}}
	s := &schema.Schema{Tables: []*schema.Table{tb}}
	g := &gen{s: s, names: NewNames(s), opts: Options{Package: "snip"}}
	f := jen.NewFile("snip")
	g.tableObject(f, tb)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatal(err)
	}
	got := squash(buf.String())
	for _, want := range []string{
		"type ReadingT struct { Type int32 `json:\"type\"` Value float64 `json:\"value\"` Note string `json:\"note\"` }",
		"ReadingStart(builder) ReadingAddType(builder, t.Type) ReadingAddValue(builder, t.Value) ReadingAddNote(builder, noteOffset)",
		"t.Type = rcv.Type() t.Value = rcv.Value() t.Note = string(rcv.Note())",
	} {
		if !strings.Contains(got, squash(want)) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestObjectEmitters(t *testing.T) {
	s := objModel()
	hero := s.Tables[2]
	pose, grid, outer, weapon := s.Structs[1], s.Structs[2], s.Structs[3], s.Unions[0]
	tests := []struct {
		name string
		emit func(g *gen, f *jen.File)
		want []string
		not  []string
	}{
		{
			name: "table type",
			emit: func(g *gen, f *jen.File) { g.objStructType(f, &hero.Decl, objTableFields(hero), "table") },
			want: []string{
				"type HeroT struct {",
				"Name string `json:\"name\"`",
				"Hp int16 `json:\"hp\"`",
				"Maybe *int32 `json:\"maybe\"`",
				"Pose *PoseT `json:\"pose\"`",
				"Sword *SwordT `json:\"sword\"`",
				"Bytes []byte `json:\"bytes\"`",
				"Moods []Mood `json:\"moods\"`",
				"Tags []string `json:\"tags\"`",
				"Path []*Vec3T `json:\"path\"`",
				"Entries []*EntryT `json:\"entries\"`",
				"Main *WeaponT `json:\"main\"`",
				"Bag []*WeaponT `json:\"bag\"`",
				"Type bool `json:\"type\"`",
			},
			not: []string{"Old", "MainType", "BagType"},
		},
		{
			name: "table pack",
			emit: func(g *gen, f *jen.File) { g.tablePack(f, hero) },
			want: []string{
				"func (t *HeroT) Pack(builder *flatbuffers.Builder) flatbuffers.UOffsetT {",
				"if t == nil { return 0 }",
				"nameOffset := builder.CreateString(t.Name)",
				"swordOffset := t.Sword.Pack(builder)",
				"bytesOffset := flatbuffers.UOffsetT(0) if t.Bytes != nil { bytesOffset = builder.CreateByteString(t.Bytes) }",
				"HeroStartMoodsVector(builder, moodsLength) for j := moodsLength - 1; j >= 0; j-- { builder.PrependUint16(uint16(t.Moods[j])) } moodsOffset = builder.EndVector(moodsLength)",
				"tagsOffsets[j] = builder.CreateString(t.Tags[j])",
				"if t.Path[j] != nil { t.Path[j].Pack(builder) } else { (&Vec3T{}).Pack(builder) }",
				"slices.SortStableFunc(entriesOffsets, func(a, b flatbuffers.UOffsetT) int { if EntryKeyCompare(a, b, builder.Bytes) { return -1 } if EntryKeyCompare(b, a, builder.Bytes) { return 1 } return 0 })",
				"entriesOffset = builder.CreateVectorOfTables(entriesOffsets)",
				"if t.Entries[j] != nil { entriesOffsets[j] = t.Entries[j].Pack(builder) } else { EntryStart(builder) entriesOffsets[j] = EntryEnd(builder) }",
				"mainOffset := t.Main.Pack(builder)",
				"HeroStartBagTypeVector(builder, bagLength)",
				"bagType := Weapon(0) if bagOffsets[j] != 0 { bagType = t.Bag[j].Type } builder.PrependByte(byte(bagType))",
				"bagTypeOffset = builder.EndVector(bagLength) HeroStartBagVector(builder, bagLength)",
				"if bagOffsets[j] == 0 { builder.PrependUint32(0) } else { builder.PrependUOffsetT(bagOffsets[j]) }",
				"HeroStart(builder) HeroAddName(builder, nameOffset) HeroAddHp(builder, t.Hp) if t.Maybe != nil { HeroAddMaybe(builder, *t.Maybe) } poseOffset := t.Pose.Pack(builder) HeroAddPose(builder, poseOffset)",
				"if mainOffset != 0 { HeroAddMainType(builder, t.Main.Type) } HeroAddMain(builder, mainOffset) HeroAddBagType(builder, bagTypeOffset) HeroAddBag(builder, bagOffset) HeroAddType(builder, t.Type) return HeroEnd(builder)",
				"Vectors of keyed tables are written sorted by key",
			},
			not: []string{"Old", "HeroAddOld", "CreateVectorOfSortedTables"},
		},
		{
			name: "table unpack",
			emit: func(g *gen, f *jen.File) { g.tableUnPackTo(f, hero); g.objUnPack(f, &hero.Decl) },
			want: []string{
				"func (rcv *Hero) UnPackTo(t *HeroT) {",
				"t.Name = string(rcv.Name())",
				"t.Hp = rcv.Hp()",
				"t.Maybe = rcv.Maybe()",
				"t.Pose = rcv.Pose(nil).UnPack()",
				"t.Sword = rcv.Sword(nil).UnPack()",
				"t.Bytes = bytes.Clone(rcv.BytesBytes())",
				"moodsLength := rcv.MoodsLength() t.Moods = make([]Mood, moodsLength) for j := 0; j < moodsLength; j++ { t.Moods[j] = rcv.Moods(j) }",
				"t.Tags[j] = string(rcv.Tags(j))",
				"x := Vec3{} rcv.Path(&x, j) t.Path[j] = x.UnPack()",
				"mainTable := flatbuffers.Table{} if rcv.Main(&mainTable) { t.Main = rcv.MainType().UnPack(mainTable) }",
				"bagTable := flatbuffers.Table{} if rcv.Bag(&bagTable, j) { t.Bag[j] = rcv.BagType(j).UnPack(bagTable) }",
				"func (rcv *Hero) UnPack() *HeroT { if rcv == nil { return nil } t := &HeroT{} rcv.UnPackTo(t) return t }",
			},
			not: []string{"Old"},
		},
		{
			name: "union",
			emit: func(g *gen, f *jen.File) { g.unionObject(f, weapon) },
			want: []string{
				"type WeaponT struct { Type Weapon Value interface{} }",
				"case WeaponSword: v, _ := t.Value.(*SwordT) return v.Pack(builder)",
				"case WeaponLabel: v, _ := t.Value.(string) return builder.CreateString(v)",
				"case WeaponSpot: v, _ := t.Value.(*Vec3T) return v.Pack(builder)",
				"case WeaponSnip_Sword: v, _ := t.Value.(*SwordT) return v.Pack(builder)",
				"case WeaponSnip_Sword: var x Sword x.Init(table.Bytes, table.Pos) return &WeaponT{ Type: WeaponSnip_Sword, Value: x.UnPack(), }",
				"func (rcv Weapon) UnPack(table flatbuffers.Table) *WeaponT { switch rcv {",
				"case WeaponSword: var x Sword x.Init(table.Bytes, table.Pos) return &WeaponT{ Type: WeaponSword, Value: x.UnPack(), }",
				"n := flatbuffers.GetUOffsetT(table.Bytes[table.Pos:]) return &WeaponT{ Type: WeaponLabel, Value: string(table.Bytes[table.Pos+4 : table.Pos+4+n]), }",
			},
			not: []string{"WeaponNONE:"},
		},
		{
			name: "struct",
			emit: func(g *gen, f *jen.File) { g.structObject(f, pose) },
			want: []string{
				"type PoseT struct { Pos *Vec3T `json:\"pos\"` Mood Mood `json:\"mood\"` }",
				"func (t *PoseT) Pack(builder *flatbuffers.Builder) flatbuffers.UOffsetT { if t == nil { return 0 }",
				"pos := t.Pos if pos == nil { pos = &Vec3T{} } return CreatePose(builder, pos.X, pos.Y, pos.Z, t.Mood)",
				"func (rcv *Pose) UnPackTo(t *PoseT) { t.Pos = rcv.Pos(nil).UnPack() t.Mood = rcv.Mood() }",
			},
		},
		{
			name: "struct with arrays",
			emit: func(g *gen, f *jen.File) { g.structObject(f, grid) },
			want: []string{
				"type GridT struct { Cells [2]Mood `json:\"cells\"` Corners [2]*Vec3T `json:\"corners\"` }",
				"var cornersX [2]float32 var cornersY [2]float32 var cornersZ [2]float32",
				"for j, e := range t.Corners { if e == nil { continue } cornersX[j] = e.X cornersY[j] = e.Y cornersZ[j] = e.Z }",
				"return CreateGrid(builder, t.Cells, cornersX, cornersY, cornersZ)",
				"for j := 0; j < 2; j++ { t.Cells[j] = rcv.Cells(j) }",
				"for j := 0; j < 2; j++ { t.Corners[j] = rcv.Corners(nil, j).UnPack() }",
			},
		},
		{
			name: "struct nesting arrays",
			emit: func(g *gen, f *jen.File) { g.structObject(f, outer) },
			want: []string{
				"grid := t.Grid if grid == nil { grid = &GridT{} }",
				"for j, e := range grid.Corners { if e == nil { continue } gridCornersX[j] = e.X",
				"return CreateOuter(builder, grid.Cells, gridCornersX, gridCornersY, gridCornersZ)",
				"t.Grid = rcv.Grid(nil).UnPack()",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := squash(renderObj(t, tc.emit))
			for _, w := range tc.want {
				if !strings.Contains(got, squash(w)) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %q in:\n%s", n, got)
				}
			}
		})
	}
}

func TestPackRequiredVectors(t *testing.T) {
	// A required vector is written even when nil (as an empty vector), so
	// that Pack of a zero-valued object passes the verifier; an optional
	// one is left out.
	tests := []struct {
		name     string
		elem     schema.Kind
		required bool
		want     string
	}{
		{name: "required bytes", elem: schema.KindUint8, required: true,
			want: "itemsOffset := builder.CreateByteString(t.Items)"},
		{name: "optional bytes", elem: schema.KindUint8,
			want: "itemsOffset := flatbuffers.UOffsetT(0) if t.Items != nil { itemsOffset = builder.CreateByteString(t.Items) }"},
		{name: "required ints", elem: schema.KindInt32, required: true,
			want: "itemsOffset := flatbuffers.UOffsetT(0) itemsLength := len(t.Items) BoxStartItemsVector(builder, itemsLength)"},
		{name: "optional ints", elem: schema.KindInt32,
			want: "itemsOffset := flatbuffers.UOffsetT(0) if t.Items != nil { itemsLength := len(t.Items)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fld := &schema.Field{Name: "items", Required: tc.required,
				Type: schema.Type{Kind: schema.KindVector, Elem: &schema.Type{Kind: tc.elem}}}
			box := &schema.Table{Decl: schema.Decl{Name: "Box"}, Fields: []*schema.Field{fld}}
			s := &schema.Schema{Tables: []*schema.Table{box}}
			got := renderSnip(t, s, func(g *gen, f *jen.File) { g.tablePack(f, box) })
			if !strings.Contains(got, tc.want) {
				t.Errorf("missing %q in:\n%s", tc.want, got)
			}
		})
	}
}
