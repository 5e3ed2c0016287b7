package templates

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/fbs"
)

// snipModel is a small hand-built schema for the snippet tests of the enum,
// union, struct and table emitters:
//
//	enum Color : ubyte { Red = 1, Blue = 8 }          /// Colors.
//	enum Perm : ulong (bit_flags) { Read, High = 63 }
//	union Any { Mon, M2: Mon }
//	struct Vec { x: short; y: float; }                 // 2 bytes padding after x
//	struct Grid { cells: [int:2]; vs: [Vec:2]; at: Vec; tag: byte; }
//	table Mon { hp: short = 100; name: string (key); color: Color = Blue;
//	            inv: [ubyte]; opt: float = null; f: double = -inf;
//	            kids: [Mon]; pos: Vec; any: Any; anys: [Any];
//	            old: int (deprecated); names: [string]; type: Color; }
func snipModel() *schema.Schema {
	file := &schema.File{Path: "snip.fbs", Input: true}
	d := func(name string, doc ...string) schema.Decl { return schema.Decl{Name: name, File: file, Doc: doc} }
	ival := func(v int64) schema.Value { return schema.Value{Kind: schema.ValueInt, Int: v} }

	color := &schema.Enum{Decl: d("Color", "Colors."), Underlying: schema.KindUint8, Values: []*schema.EnumVal{
		{Name: "Red", Value: ival(1), Doc: []string{"Red is first."}},
		{Name: "Blue", Value: ival(8)},
	}}
	perm := &schema.Enum{Decl: d("Perm"), Underlying: schema.KindUint64, BitFlags: true, Values: []*schema.EnumVal{
		{Name: "Read", Value: ival(1)},
		{Name: "High", Value: schema.Value{Kind: schema.ValueUint, Uint: 1 << 63}},
	}}
	vec := &schema.Struct{Decl: d("Vec"), Size: 8, Align: 4, Fields: []*schema.Field{
		{Name: "x", Type: schema.Type{Kind: schema.KindInt16}, Offset: 0, Padding: 2, Doc: []string{"X is short."}},
		{Name: "y", Type: schema.Type{Kind: schema.KindFloat32}, Offset: 4},
	}}
	grid := &schema.Struct{Decl: d("Grid"), Size: 36, Align: 4, Fields: []*schema.Field{
		{Name: "cells", Type: schema.Type{Kind: schema.KindArray, Len: 2, Elem: &schema.Type{Kind: schema.KindInt32}}, Offset: 0},
		{Name: "vs", Type: schema.Type{Kind: schema.KindArray, Len: 2, Elem: &schema.Type{Kind: schema.KindStruct, Struct: vec}}, Offset: 8},
		{Name: "at", Type: schema.Type{Kind: schema.KindStruct, Struct: vec}, Offset: 24},
		{Name: "tag", Type: schema.Type{Kind: schema.KindInt8, Enum: nil}, Offset: 32, Padding: 3},
	}}
	mon := &schema.Table{Decl: d("Mon", "A monster.")}
	any := &schema.Union{Decl: d("Any"), Values: []*schema.UnionVal{
		{Name: "NONE", Value: 0},
		{Name: "Mon", Value: 1, Type: schema.Type{Kind: schema.KindTable, Table: mon}},
		{Name: "M2", Value: 2, Type: schema.Type{Kind: schema.KindTable, Table: mon}, Doc: []string{"An alias."}},
	}}
	vecOf := func(e schema.Type) schema.Type { return schema.Type{Kind: schema.KindVector, Elem: &e} }
	mon.Fields = []*schema.Field{
		{Name: "hp", ID: 0, Type: schema.Type{Kind: schema.KindInt16}, Default: ival(100), Doc: []string{"Hit points."}},
		{Name: "name", ID: 1, Type: schema.Type{Kind: schema.KindString}, Key: true},
		{Name: "color", ID: 2, Type: schema.Type{Kind: schema.KindUint8, Enum: color}, Default: schema.Value{Kind: schema.ValueInt, Int: 8, Enum: color.Values[1]}},
		{Name: "inv", ID: 3, Type: vecOf(schema.Type{Kind: schema.KindUint8})},
		{Name: "opt", ID: 4, Type: schema.Type{Kind: schema.KindFloat32}, Optional: true, Default: schema.Value{Kind: schema.ValueNull}},
		{Name: "f", ID: 5, Type: schema.Type{Kind: schema.KindFloat64}, Default: schema.Value{Kind: schema.ValueFloat, Float: math.Inf(-1)}},
		{Name: "kids", ID: 6, Type: vecOf(schema.Type{Kind: schema.KindTable, Table: mon})},
		{Name: "pos", ID: 7, Type: schema.Type{Kind: schema.KindStruct, Struct: vec}},
		{Name: "any_type", ID: 8, Type: schema.Type{Kind: schema.KindUType, Union: any}, Hidden: true},
		{Name: "any", ID: 9, Type: schema.Type{Kind: schema.KindUnion, Union: any}},
		{Name: "anys_type", ID: 10, Type: vecOf(schema.Type{Kind: schema.KindUType, Union: any}), Hidden: true},
		{Name: "anys", ID: 11, Type: vecOf(schema.Type{Kind: schema.KindUnion, Union: any})},
		{Name: "old", ID: 12, Type: schema.Type{Kind: schema.KindInt32}, Deprecated: true},
		{Name: "names", ID: 13, Type: vecOf(schema.Type{Kind: schema.KindString})},
		{Name: "type", ID: 14, Type: schema.Type{Kind: schema.KindUint8, Enum: color}},
	}
	mon.Fields[8].UnionValue, mon.Fields[9].UnionType = mon.Fields[9], mon.Fields[8]
	mon.Fields[10].UnionValue, mon.Fields[11].UnionType = mon.Fields[11], mon.Fields[10]
	mon.Key = mon.Fields[1]
	return &schema.Schema{
		Files: []*schema.File{file}, Enums: []*schema.Enum{color, perm}, Unions: []*schema.Union{any},
		Structs: []*schema.Struct{vec, grid}, Tables: []*schema.Table{mon},
		RootTable: mon, FileIdentifier: "MONS",
	}
}

// renderSnip runs one emitter over a fresh file and returns the rendered
// source with whitespace runs collapsed; it fails if the code does not parse.
func renderSnip(t *testing.T, s *schema.Schema, emit func(g *gen, f *jen.File)) string {
	t.Helper()
	return squash(renderRaw(t, s, emit))
}

// renderRaw runs one emitter over a fresh file of package snip and returns
// the rendered source as is; it fails if the code does not parse.
func renderRaw(t *testing.T, s *schema.Schema, emit func(g *gen, f *jen.File)) string {
	t.Helper()
	g := &gen{s: s, names: NewNames(s), opts: Options{Package: "snip"}}
	f := jen.NewFile("snip")
	f.ImportAlias(flatbuffersPkg, "flatbuffers")
	emit(g, f)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatalf("render: %v", err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "snip.go", buf.Bytes(), parser.ParseComments); err != nil {
		t.Fatalf("emitted code does not parse: %v\n%s", err, buf.String())
	}
	return buf.String()
}

// squash collapses whitespace so expectations do not depend on gofmt's
// alignment.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestEmitters(t *testing.T) {
	s := snipModel()
	color, perm, any := s.Enums[0], s.Enums[1], s.Unions[0]
	vec, grid, mon := s.Structs[0], s.Structs[1], s.Tables[0]
	tests := []struct {
		name string
		emit func(g *gen, f *jen.File)
		want []string // snippets that must appear, compared after squash
		not  []string // snippets that must not appear
	}{
		{
			name: "enum",
			emit: func(g *gen, f *jen.File) { g.enum(f, color) },
			want: []string{
				"// Colors. type Color byte",
				"const ( // Red is first. ColorRed Color = 1 ColorBlue Color = 8 )",
				`var EnumNamesColor = map[Color]string{ ColorRed: "Red", ColorBlue: "Blue", }`,
				`var EnumValuesColor = map[string]Color{ "Red": ColorRed, "Blue": ColorBlue, }`,
				`func (v Color) String() string { if s, ok := EnumNamesColor[v]; ok { return s } return "Color(" + strconv.FormatInt(int64(v), 10) + ")" }`,
			},
		},
		{
			name: "bit_flags enum over ulong",
			emit: func(g *gen, f *jen.File) { g.enum(f, perm) },
			want: []string{"type Perm uint64", "PermRead Perm = 1", "PermHigh Perm = 9223372036854775808"},
		},
		{
			name: "union",
			emit: func(g *gen, f *jen.File) { g.union(f, any) },
			want: []string{
				"type Any byte",
				"AnyNONE Any = 0 AnyMon Any = 1 // An alias. AnyM2 Any = 2",
				`"M2": AnyM2,`,
				`return "Any(" + strconv.FormatInt(int64(v), 10) + ")"`,
			},
		},
		{
			name: "struct",
			emit: func(g *gen, f *jen.File) { g.structDecl(f, vec) },
			want: []string{
				"type Vec struct { _tab flatbuffers.Struct }",
				"func (rcv *Vec) Init(buf []byte, i flatbuffers.UOffsetT) { rcv._tab.Bytes = buf rcv._tab.Pos = i }",
				"func (rcv *Vec) Table() flatbuffers.Table { return rcv._tab.Table }",
				"// X is short. func (rcv *Vec) X() int16 { return rcv._tab.GetInt16(rcv._tab.Pos + flatbuffers.UOffsetT(0)) }",
				"// X is short. func (rcv *Vec) MutateX(n int16) bool { return rcv._tab.MutateInt16(rcv._tab.Pos+flatbuffers.UOffsetT(0), n) }",
				"func (rcv *Vec) Y() float32 { return rcv._tab.GetFloat32(rcv._tab.Pos + flatbuffers.UOffsetT(4)) }",
				"func CreateVec(builder *flatbuffers.Builder, x int16, y float32) flatbuffers.UOffsetT { builder.Prep(4, 8) builder.PrependFloat32(y) builder.Pad(2) builder.PrependInt16(x) return builder.Offset() }",
			},
		},
		{
			name: "struct with arrays and a nested struct",
			emit: func(g *gen, f *jen.File) { g.structDecl(f, grid) },
			want: []string{
				"func (rcv *Grid) Cells(j int) int32 { if j < 0 || j >= 2 { return 0 } return rcv._tab.GetInt32(rcv._tab.Pos + flatbuffers.UOffsetT(j*4)) }",
				"func (rcv *Grid) CellsLength() int { return 2 }",
				"func (rcv *Grid) MutateCells(j int, n int32) bool { if j < 0 || j >= 2 { return false } return rcv._tab.MutateInt32(rcv._tab.Pos+flatbuffers.UOffsetT(j*4), n) }",
				"func (rcv *Grid) Vs(obj *Vec, j int) *Vec { if j < 0 || j >= 2 { return nil } if obj == nil { obj = new(Vec) } obj.Init(rcv._tab.Bytes, rcv._tab.Pos+flatbuffers.UOffsetT(8+j*8)) return obj }",
				"func (rcv *Grid) At(obj *Vec) *Vec { if obj == nil { obj = new(Vec) } obj.Init(rcv._tab.Bytes, rcv._tab.Pos+24) return obj }",
				"func CreateGrid(builder *flatbuffers.Builder, cells [2]int32, vs_x [2]int16, vs_y [2]float32, at_x int16, at_y float32, tag int8) flatbuffers.UOffsetT {",
				"builder.Prep(4, 36) builder.Pad(3) builder.PrependInt8(tag) builder.Prep(4, 8) builder.PrependFloat32(at_y) builder.Pad(2) builder.PrependInt16(at_x)",
				"for j := 1; j >= 0; j-- { builder.Prep(4, 8) builder.PrependFloat32(vs_y[j]) builder.Pad(2) builder.PrependInt16(vs_x[j]) }",
				"for j := 1; j >= 0; j-- { builder.PrependInt32(cells[j]) } return builder.Offset() }",
			},
			not: []string{"MutateVs", "MutateAt"},
		},
		{
			name: "table root, identifier and scalars",
			emit: func(g *gen, f *jen.File) { g.table(f, mon) },
			want: []string{
				"// A monster. type Mon struct { _tab flatbuffers.Table }",
				`const MonIdentifier = "MONS"`,
				"func GetRootAsMon(buf []byte, offset flatbuffers.UOffsetT) *Mon { n := flatbuffers.GetUOffsetT(buf[offset:]) x := &Mon{} x.Init(buf, n+offset) return x }",
				"func FinishMonBuffer(builder *flatbuffers.Builder, offset flatbuffers.UOffsetT) { identifierBytes := []byte(MonIdentifier) builder.FinishWithFileIdentifier(offset, identifierBytes) }",
				"func MonBufferHasIdentifier(buf []byte) bool { return flatbuffers.BufferHasIdentifier(buf, MonIdentifier) }",
				"func GetSizePrefixedRootAsMon(buf []byte, offset flatbuffers.UOffsetT) *Mon { n := flatbuffers.GetUOffsetT(buf[offset+flatbuffers.SizeUint32:]) x := &Mon{} x.Init(buf, n+offset+flatbuffers.SizeUint32) return x }",
				"builder.FinishSizePrefixedWithFileIdentifier(offset, identifierBytes)",
				"func SizePrefixedMonBufferHasIdentifier(buf []byte) bool { return flatbuffers.SizePrefixedBufferHasIdentifier(buf, MonIdentifier) }",
				"func (rcv *Mon) Table() flatbuffers.Table { return rcv._tab }",
				"// Hit points. func (rcv *Mon) Hp() int16 { o := flatbuffers.UOffsetT(rcv._tab.Offset(4)) if o != 0 { return rcv._tab.GetInt16(o + rcv._tab.Pos) } return 100 }",
				"// Hit points. func (rcv *Mon) MutateHp(n int16) bool { return rcv._tab.MutateInt16Slot(4, n) }",
				"func (rcv *Mon) Color() Color { o := flatbuffers.UOffsetT(rcv._tab.Offset(8)) if o != 0 { return Color(rcv._tab.GetByte(o + rcv._tab.Pos)) } return 8 }",
				"func (rcv *Mon) MutateColor(n Color) bool { return rcv._tab.MutateByteSlot(8, byte(n)) }",
				"func (rcv *Mon) Opt() *float32 { o := flatbuffers.UOffsetT(rcv._tab.Offset(12)) if o != 0 { v := rcv._tab.GetFloat32(o + rcv._tab.Pos) return &v } return nil }",
				"return float64(math.Inf(-1)) }",
				"func (rcv *Mon) Type() Color {",
			},
			not: []string{"Old()", "MutateOld", "MonAddOld"},
		},
		{
			name: "table strings, structs, tables, unions and keys",
			emit: func(g *gen, f *jen.File) { g.table(f, mon) },
			want: []string{
				"func (rcv *Mon) Name() []byte { o := flatbuffers.UOffsetT(rcv._tab.Offset(6)) if o != 0 { return rcv._tab.ByteVector(o + rcv._tab.Pos) } return nil }",
				"func MonKeyCompare(o1, o2 flatbuffers.UOffsetT, buf []byte) bool { obj1 := &Mon{} obj2 := &Mon{} obj1.Init(buf, flatbuffers.UOffsetT(len(buf))-o1) obj2.Init(buf, flatbuffers.UOffsetT(len(buf))-o2) return string(obj1.Name()) < string(obj2.Name()) }",
				"func (rcv *Mon) LookupByKey(key string, vectorLocation flatbuffers.UOffsetT, buf []byte) bool { span := flatbuffers.GetUOffsetT(buf[vectorLocation-4:]) start := flatbuffers.UOffsetT(0) bKey := []byte(key) for span != 0 {",
				"comp := bytes.Compare(obj.Name(), bKey)",
				"func (rcv *Mon) Pos(obj *Vec) *Vec { o := flatbuffers.UOffsetT(rcv._tab.Offset(18)) if o != 0 { x := o + rcv._tab.Pos if obj == nil { obj = new(Vec) } obj.Init(rcv._tab.Bytes, x) return obj } return nil }",
				"func (rcv *Mon) AnyType() Any { o := flatbuffers.UOffsetT(rcv._tab.Offset(20)) if o != 0 { return Any(rcv._tab.GetByte(o + rcv._tab.Pos)) } return 0 }",
				"func (rcv *Mon) Any(obj *flatbuffers.Table) bool { o := flatbuffers.UOffsetT(rcv._tab.Offset(22)) if o != 0 { rcv._tab.Union(obj, o) return true } return false }",
			},
		},
		{
			name: "table vectors",
			emit: func(g *gen, f *jen.File) { g.table(f, mon) },
			want: []string{
				"func (rcv *Mon) Inv(j int) byte { o := flatbuffers.UOffsetT(rcv._tab.Offset(10)) if o != 0 { a := rcv._tab.Vector(o) return rcv._tab.GetByte(a + flatbuffers.UOffsetT(j*1)) } return 0 }",
				"func (rcv *Mon) InvLength() int { o := flatbuffers.UOffsetT(rcv._tab.Offset(10)) if o != 0 { return rcv._tab.VectorLen(o) } return 0 }",
				"func (rcv *Mon) InvBytes() []byte { o := flatbuffers.UOffsetT(rcv._tab.Offset(10)) if o != 0 { return rcv._tab.ByteVector(o + rcv._tab.Pos) } return nil }",
				"func (rcv *Mon) MutateInv(j int, n byte) bool { o := flatbuffers.UOffsetT(rcv._tab.Offset(10)) if o != 0 { a := rcv._tab.Vector(o) return rcv._tab.MutateByte(a+flatbuffers.UOffsetT(j*1), n) } return false }",
				"func (rcv *Mon) Kids(obj *Mon, j int) bool { o := flatbuffers.UOffsetT(rcv._tab.Offset(16)) if o != 0 { x := rcv._tab.Vector(o) x += flatbuffers.UOffsetT(j) * 4 x = rcv._tab.Indirect(x) obj.Init(rcv._tab.Bytes, x) return true } return false }",
				"func (rcv *Mon) KidsByKey(obj *Mon, key string) bool { o := flatbuffers.UOffsetT(rcv._tab.Offset(16)) if o != 0 { x := rcv._tab.Vector(o) return obj.LookupByKey(key, x, rcv._tab.Bytes) } return false }",
				"func (rcv *Mon) Names(j int) []byte { o := flatbuffers.UOffsetT(rcv._tab.Offset(30)) if o != 0 { a := rcv._tab.Vector(o) return rcv._tab.ByteVector(a + flatbuffers.UOffsetT(j*4)) } return nil }",
				"func (rcv *Mon) AnysType(j int) Any { o := flatbuffers.UOffsetT(rcv._tab.Offset(24)) if o != 0 { a := rcv._tab.Vector(o) return Any(rcv._tab.GetByte(a + flatbuffers.UOffsetT(j*1))) } return 0 }",
				"func (rcv *Mon) MutateAnysType(j int, n Any) bool {",
				"func (rcv *Mon) Anys(obj *flatbuffers.Table, j int) bool { o := flatbuffers.UOffsetT(rcv._tab.Offset(26)) if o != 0 { x := rcv._tab.Vector(o) x += flatbuffers.UOffsetT(j) * 4 obj.Bytes = rcv._tab.Bytes obj.Pos = rcv._tab.Indirect(x) return true } return false }",
				"func (rcv *Mon) AnysLength() int {",
			},
			not: []string{"NamesBytes", "AnysTypeBytes", "MutateNames", "MutateKids"},
		},
		{
			name: "table builders",
			emit: func(g *gen, f *jen.File) { g.table(f, mon) },
			want: []string{
				"func MonStart(builder *flatbuffers.Builder) { builder.StartObject(15) }",
				"func MonAddHp(builder *flatbuffers.Builder, hp int16) { builder.PrependInt16Slot(0, hp, 100) }",
				"func MonAddName(builder *flatbuffers.Builder, name flatbuffers.UOffsetT) { builder.PrependUOffsetTSlot(1, flatbuffers.UOffsetT(name), 0) }",
				"func MonAddColor(builder *flatbuffers.Builder, color Color) { builder.PrependByteSlot(2, byte(color), 8) }",
				"func MonStartInvVector(builder *flatbuffers.Builder, numElems int) flatbuffers.UOffsetT { return builder.StartVector(1, numElems, 1) }",
				"func MonAddOpt(builder *flatbuffers.Builder, opt float32) { builder.PrependFloat32(opt) builder.Slot(4) }",
				"func MonAddF(builder *flatbuffers.Builder, f float64) { builder.PrependFloat64Slot(5, f, float64(math.Inf(-1))) }",
				"func MonStartKidsVector(builder *flatbuffers.Builder, numElems int) flatbuffers.UOffsetT { return builder.StartVector(4, numElems, 4) }",
				"func MonAddPos(builder *flatbuffers.Builder, pos flatbuffers.UOffsetT) { builder.PrependStructSlot(7, flatbuffers.UOffsetT(pos), 0) }",
				"func MonAddAnyType(builder *flatbuffers.Builder, anyType Any) { builder.PrependByteSlot(8, byte(anyType), 0) }",
				"func MonAddAny(builder *flatbuffers.Builder, any_ flatbuffers.UOffsetT) { builder.PrependUOffsetTSlot(9, flatbuffers.UOffsetT(any_), 0) }",
				"func MonStartAnysTypeVector(builder *flatbuffers.Builder, numElems int) flatbuffers.UOffsetT { return builder.StartVector(1, numElems, 1) }",
				"func MonStartAnysVector(builder *flatbuffers.Builder, numElems int) flatbuffers.UOffsetT { return builder.StartVector(4, numElems, 4) }",
				"func MonAddType(builder *flatbuffers.Builder, type_ Color) { builder.PrependByteSlot(14, byte(type_), 0) }",
				"func MonEnd(builder *flatbuffers.Builder) flatbuffers.UOffsetT { return builder.EndObject() }",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := renderSnip(t, s, tc.emit)
			bad := false
			for _, w := range tc.want {
				if !strings.Contains(got, squash(w)) {
					t.Errorf("missing: %s", w)
					bad = true
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected: %s", n)
					bad = true
				}
			}
			if bad {
				t.Logf("emitted: %s", got)
			}
		})
	}
}

func TestTableWithoutIdentifier(t *testing.T) {
	got := renderSnip(t, snipModel(), func(g *gen, f *jen.File) {
		g.s.FileIdentifier = ""
		g.table(f, g.s.Tables[0])
	})
	for _, n := range []string{"Identifier", "WithFileIdentifier"} {
		if strings.Contains(got, n) {
			t.Errorf("table without file_identifier emits %q", n)
		}
	}
	for _, w := range []string{
		"func FinishMonBuffer(builder *flatbuffers.Builder, offset flatbuffers.UOffsetT) { builder.Finish(offset) }",
		"func FinishSizePrefixedMonBuffer(builder *flatbuffers.Builder, offset flatbuffers.UOffsetT) { builder.FinishSizePrefixed(offset) }",
	} {
		if !strings.Contains(got, squash(w)) {
			t.Errorf("missing %s", w)
		}
	}
}

func TestScalarConstants(t *testing.T) {
	render := func(k schema.Kind, v schema.Value) string {
		var buf bytes.Buffer
		if err := jen.Return(valueLit(k, v)).Render(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	tests := []struct {
		name string
		kind schema.Kind
		v    schema.Value
		want string
	}{
		{"no default int", schema.KindInt32, schema.Value{}, "return 0"},
		{"no default bool", schema.KindBool, schema.Value{}, "return false"},
		{"bool", schema.KindBool, schema.Value{Kind: schema.ValueBool, Bool: true}, "return true"},
		{"negative", schema.KindInt64, schema.Value{Kind: schema.ValueInt, Int: -9223372036854775808}, "return -9223372036854775808"},
		{"uint64 max", schema.KindUint64, schema.Value{Kind: schema.ValueUint, Uint: 18446744073709551615}, "return 18446744073709551615"},
		{"float", schema.KindFloat32, schema.Value{Kind: schema.ValueFloat, Float: 0.1}, "return 0.1"},
		{"int default on float", schema.KindFloat64, schema.Value{Kind: schema.ValueInt, Int: 2}, "return 2"},
		{"nan", schema.KindFloat32, schema.Value{Kind: schema.ValueFloat, Float: math.NaN()}, "return float32(math.NaN())"},
		{"inf", schema.KindFloat64, schema.Value{Kind: schema.ValueFloat, Float: math.Inf(1)}, "return float64(math.Inf(1))"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := render(tc.kind, tc.v); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// Generate renders a loaded schema as one Go file per schema file; these are
// the flatc-compatible reader and builder functions of a small table.
func ExampleGenerate() {
	src := []byte(`
namespace Game;
table Monster { hp: short = 100; name: string; }
root_type Monster;
`)
	s, err := fbs.Load([]string{"monster.fbs"}, fbs.Options{
		ReadFile: func(string) ([]byte, error) { return src, nil },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	files, err := Generate(s, Options{Package: "game"})
	if err != nil {
		fmt.Println(err)
		return
	}
	show := regexp.MustCompile(`^func (GetRootAsMonster|MonsterStart|MonsterAdd\w+|MonsterEnd|\(rcv \*Monster\) (Hp|Name))\(`)
	for _, f := range files {
		fmt.Println(f.Name)
		for _, line := range strings.Split(string(f.Content), "\n") {
			if show.MatchString(line) {
				fmt.Println(strings.TrimSuffix(line, " {"))
			}
		}
	}
	// Output:
	// monster.wsgen.go
	// func GetRootAsMonster(buf []byte, offset flatbuffers.UOffsetT) *Monster
	// func (rcv *Monster) Hp() int16
	// func (rcv *Monster) Name() []byte
	// func MonsterStart(builder *flatbuffers.Builder)
	// func MonsterAddHp(builder *flatbuffers.Builder, hp int16)
	// func MonsterAddName(builder *flatbuffers.Builder, name flatbuffers.UOffsetT)
	// func MonsterEnd(builder *flatbuffers.Builder) flatbuffers.UOffsetT
}

func TestNestedFlatbufferRoot(t *testing.T) {
	s := snipModel()
	mon := s.Tables[0]
	mon.Fields[3].NestedFlatbuffer = mon // inv: [ubyte] (nested_flatbuffer: "Mon")
	got := renderSnip(t, s, func(g *gen, f *jen.File) { g.table(f, mon) })
	want := "func (rcv *Mon) InvNestedRoot() *Mon { b := rcv.InvBytes() if len(b) == 0 { return nil } return GetRootAsMon(b, 0) }"
	if !strings.Contains(got, squash(want)) {
		t.Errorf("missing %s", want)
	}
	if strings.Count(got, "NestedRoot()") != 1 {
		t.Error("NestedRoot emitted for a field without nested_flatbuffer")
	}
}

func TestStructCreateLoopVariablesAvoidParameters(t *testing.T) {
	// struct S { j: [int:2]; k: [V:2]; }  struct V { k: short; }
	file := &schema.File{Path: "s.fbs", Input: true}
	v := &schema.Struct{Decl: schema.Decl{Name: "V", File: file}, Size: 2, Align: 2, Fields: []*schema.Field{
		{Name: "k", Type: schema.Type{Kind: schema.KindInt16}},
	}}
	st := &schema.Struct{Decl: schema.Decl{Name: "S", File: file}, Size: 12, Align: 4, Fields: []*schema.Field{
		{Name: "j", Type: schema.Type{Kind: schema.KindArray, Len: 2, Elem: &schema.Type{Kind: schema.KindInt32}}},
		{Name: "k", Type: schema.Type{Kind: schema.KindArray, Len: 2, Elem: &schema.Type{Kind: schema.KindStruct, Struct: v}}, Offset: 8},
	}}
	s := &schema.Schema{Files: []*schema.File{file}, Structs: []*schema.Struct{v, st}}
	got := renderSnip(t, s, func(g *gen, f *jen.File) { g.structDecl(f, st) })
	for _, w := range []string{
		"func CreateS(builder *flatbuffers.Builder, j [2]int32, k_k [2]int16) flatbuffers.UOffsetT",
		"for j_ := 1; j_ >= 0; j_-- { builder.Prep(2, 2) builder.PrependInt16(k_k[j_]) }",
		"for j_ := 1; j_ >= 0; j_-- { builder.PrependInt32(j[j_]) }",
	} {
		if !strings.Contains(got, squash(w)) {
			t.Errorf("missing %s\nin %s", w, got)
		}
	}
}
