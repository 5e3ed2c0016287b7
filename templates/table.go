package templates

// Table emitter: the flatc 25.x Go API for `table Monster { ... }`:
//
//	type Monster struct { _tab flatbuffers.Table }
//	const MonsterIdentifier = "MONS"               // root table, file_identifier declared
//	func GetRootAsMonster(buf []byte, offset flatbuffers.UOffsetT) *Monster
//	func FinishMonsterBuffer(builder *flatbuffers.Builder, offset flatbuffers.UOffsetT)
//	func MonsterBufferHasIdentifier(buf []byte) bool  // with MonsterIdentifier
//	func GetSizePrefixedRootAsMonster, FinishSizePrefixedMonsterBuffer,
//	     SizePrefixedMonsterBufferHasIdentifier
//	func (rcv *Monster) Init(buf []byte, i flatbuffers.UOffsetT)
//	func (rcv *Monster) Table() flatbuffers.Table
//
// then, per field that is not deprecated (table_fields.go):
//
//	Hp() int16; MutateHp(n int16) bool            // scalars, with the schema default
//	Opt() *int32; MutateOpt(n int32) bool          // optional scalars (= null)
//	Color() Color                                  // enum-typed scalars
//	Name() []byte                                  // strings
//	Pos(obj *Vec3) *Vec3; Enemy(obj *Monster) *Monster
//	Test(obj *flatbuffers.Table) bool; TestType() Any
//	Inventory(j int) byte; InventoryLength() int; InventoryBytes() []byte  // [ubyte]
//	MutateInventory(j int, n byte) bool            // vectors of scalars
//	Names(j int) []byte                            // vectors of strings
//	Test4(obj *Test, j int) bool                   // vectors of structs and tables
//	TablesByKey(obj *T, key K) bool                // vectors of tables with a key
//	MonsterKeyCompare(o1, o2 flatbuffers.UOffsetT, buf []byte) bool  // the key field
//	(rcv *Monster) LookupByKey(key K, vectorLocation flatbuffers.UOffsetT, buf []byte) bool
//
// and the builders (table_build.go): MonsterStart, MonsterAddF, MonsterStartFVector,
// MonsterEnd.
//
// Beyond flatc (its Go generator refuses vectors of unions), a field
// `f: [U]` has the hidden discriminant vector `f_type: [U]` and reads as:
//
//	FType(j int) U; FTypeLength() int; MutateFType(j int, n U) bool
//	F(obj *flatbuffers.Table, j int) bool; FLength() int
//
// built with XStartFTypeVector / XAddFType and XStartFVector / XAddF like
// any other vectors. Union members that are structs or strings get typed
// accessors FAsM (union_members.go). A `nested_flatbuffer: "T"` field `f` also gets
// FNestedRoot() *T (nil when absent), as flatc's C++ and Python output have.

import (
	"sort"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// table emits a table's reader type, root accessors, field accessors and
// builders (see the top of this file).
//
//	// doc
//	type Monster struct {
//		_tab flatbuffers.Table
//	}
func (g *gen) table(f *jen.File, t *schema.Table) {
	name := g.tableName(t)
	decl(f, t.Doc).Type().Id(name).Struct(jen.Id("_tab").Add(fbQual("Table")))
	g.tableRoot(f, t)
	g.initMethod(f, name)

	// func (rcv *Monster) Table() flatbuffers.Table {
	// 	return rcv._tab
	// }
	decl(f, nil).Func().Params(jen.Id("rcv").Op("*").Id(name)).Id("Table").Params().Add(fbQual("Table")).Block(
		jen.Return(tab()),
	)

	fields := tableFieldsByID(t)
	for _, fld := range fields {
		if fld.Deprecated {
			continue
		}
		g.tableField(f, name, fld)
		if fld.UnionType != nil {
			g.unionMemberAccessors(f, name, fld)
		}
		if fld.Key {
			g.tableKeyCompare(f, name, fld)
			g.tableLookupByKey(f, name, fld)
		}
	}
	g.tableBuilders(f, t, fields)
}

// tableFieldsByID returns t's fields in id order, the order flatc emits
// them in (it sorts fields by their explicit ids).
func tableFieldsByID(t *schema.Table) []*schema.Field {
	fields := append([]*schema.Field(nil), t.Fields...)
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].ID < fields[j].ID })
	return fields
}

// tableRoot emits the root accessors and finishers:
//
//	const MonsterIdentifier = "MONS"
//
//	func GetRootAsMonster(buf []byte, offset flatbuffers.UOffsetT) *Monster {
//		n := flatbuffers.GetUOffsetT(buf[offset:])
//		x := &Monster{}
//		x.Init(buf, n+offset)
//		return x
//	}
//
//	func FinishMonsterBuffer(builder *flatbuffers.Builder, offset flatbuffers.UOffsetT) {
//		identifierBytes := []byte(MonsterIdentifier)
//		builder.FinishWithFileIdentifier(offset, identifierBytes)
//	}
//
//	func MonsterBufferHasIdentifier(buf []byte) bool {
//		return flatbuffers.BufferHasIdentifier(buf, MonsterIdentifier)
//	}
//
// and the same with SizePrefixed. Like flatc, only the root table of the
// input gets the identifier; the others finish without one.
func (g *gen) tableRoot(f *jen.File, t *schema.Table) {
	name := g.tableName(t)
	ident := g.s.RootTable == t && g.s.FileIdentifier != ""
	if ident {
		decl(f, nil).Const().Id(name + "Identifier").Op("=").Lit(g.s.FileIdentifier)
	}
	for _, prefix := range []string{"", "SizePrefixed"} {
		var off, pos jen.Code
		if prefix == "" {
			off = jen.Id("offset")
			pos = jen.Id("n").Op("+").Id("offset")
		} else {
			off = jen.Id("offset").Op("+").Add(fbQual("SizeUint32"))
			pos = jen.Id("n").Op("+").Id("offset").Op("+").Add(fbQual("SizeUint32"))
		}
		decl(f, nil).Func().Id("Get"+prefix+"RootAs"+name).Params(
			jen.Id("buf").Index().Byte(), jen.Id("offset").Add(fbQual("UOffsetT")),
		).Op("*").Id(name).Block(
			jen.Id("n").Op(":=").Add(fbQual("GetUOffsetT")).Call(jen.Id("buf").Index(off, jen.Empty())),
			jen.Id("x").Op(":=").Op("&").Id(name).Values(),
			jen.Id("x").Dot("Init").Call(jen.Id("buf"), pos),
			jen.Return(jen.Id("x")),
		)

		var finish []jen.Code
		if ident {
			finish = []jen.Code{
				jen.Id("identifierBytes").Op(":=").Index().Byte().Call(jen.Id(name + "Identifier")),
				jen.Id("builder").Dot("Finish"+prefix+"WithFileIdentifier").Call(jen.Id("offset"), jen.Id("identifierBytes")),
			}
		} else {
			finish = []jen.Code{jen.Id("builder").Dot("Finish" + prefix).Call(jen.Id("offset"))}
		}
		decl(f, nil).Func().Id("Finish"+prefix+name+"Buffer").Params(
			jen.Id("builder").Op("*").Add(fbQual("Builder")), jen.Id("offset").Add(fbQual("UOffsetT")),
		).Block(finish...)

		if ident {
			decl(f, nil).Func().Id(prefix + name + "BufferHasIdentifier").Params(jen.Id("buf").Index().Byte()).Bool().Block(
				jen.Return(fbQual(prefix+"BufferHasIdentifier").Call(jen.Id("buf"), jen.Id(name+"Identifier"))),
			)
		}
	}
}

// tableKeyCompare emits the comparison used to sort a vector of tables by
// their key:
//
//	func MonsterKeyCompare(o1, o2 flatbuffers.UOffsetT, buf []byte) bool {
//		obj1 := &Monster{}
//		obj2 := &Monster{}
//		obj1.Init(buf, flatbuffers.UOffsetT(len(buf))-o1)
//		obj2.Init(buf, flatbuffers.UOffsetT(len(buf))-o2)
//		return string(obj1.Name()) < string(obj2.Name())   // obj1.Id() < obj2.Id() for scalars
//	}
func (g *gen) tableKeyCompare(f *jen.File, name string, key *schema.Field) {
	fn := g.fieldName(key)
	a := jen.Id("obj1").Dot(fn).Call()
	b := jen.Id("obj2").Dot(fn).Call()
	if key.Type.Kind == schema.KindString {
		a = jen.String().Call(a)
		b = jen.String().Call(b)
	}
	end := fbQual("UOffsetT").Call(jen.Len(jen.Id("buf")))
	decl(f, nil).Func().Id(name+"KeyCompare").Params(
		jen.List(jen.Id("o1"), jen.Id("o2")).Add(fbQual("UOffsetT")), jen.Id("buf").Index().Byte(),
	).Bool().Block(
		jen.Id("obj1").Op(":=").Op("&").Id(name).Values(),
		jen.Id("obj2").Op(":=").Op("&").Id(name).Values(),
		jen.Id("obj1").Dot("Init").Call(jen.Id("buf"), end.Clone().Op("-").Id("o1")),
		jen.Id("obj2").Dot("Init").Call(jen.Id("buf"), end.Clone().Op("-").Id("o2")),
		jen.Return(a.Op("<").Add(b)),
	)
}

// keyType is the Go type a key is looked up by: string for string keys,
// else the field's scalar (or enum) type.
func (g *gen) keyType(key *schema.Field) jen.Code {
	if key.Type.Kind == schema.KindString {
		return jen.String()
	}
	return g.scalarType(&key.Type)
}

// tableLookupByKey emits the binary search over a sorted vector of tables:
//
//	func (rcv *Monster) LookupByKey(key string, vectorLocation flatbuffers.UOffsetT, buf []byte) bool {
//		span := flatbuffers.GetUOffsetT(buf[vectorLocation-4:])
//		start := flatbuffers.UOffsetT(0)
//		bKey := []byte(key)
//		for span != 0 {
//			middle := span / 2
//			tableOffset := flatbuffers.GetIndirectOffset(buf, vectorLocation+4*(start+middle))
//			obj := &Monster{}
//			obj.Init(buf, tableOffset)
//			comp := bytes.Compare(obj.Name(), bKey)
//			if comp > 0 {
//				span = middle
//			} else if comp < 0 {
//				middle += 1
//				start += middle
//				span -= middle
//			} else {
//				rcv.Init(buf, tableOffset)
//				return true
//			}
//		}
//		return false
//	}
func (g *gen) tableLookupByKey(f *jen.File, name string, key *schema.Field) {
	fn := g.fieldName(key)
	isString := key.Type.Kind == schema.KindString
	loop := []jen.Code{
		jen.Id("middle").Op(":=").Id("span").Op("/").Lit(2),
		jen.Id("tableOffset").Op(":=").Add(fbQual("GetIndirectOffset")).Call(
			jen.Id("buf"), jen.Id("vectorLocation").Op("+").Lit(4).Op("*").Parens(jen.Id("start").Op("+").Id("middle")),
		),
		jen.Id("obj").Op(":=").Op("&").Id(name).Values(),
		jen.Id("obj").Dot("Init").Call(jen.Id("buf"), jen.Id("tableOffset")),
	}
	if isString {
		loop = append(loop, jen.Id("comp").Op(":=").Qual("bytes", "Compare").Call(jen.Id("obj").Dot(fn).Call(), jen.Id("bKey")))
	} else {
		loop = append(loop,
			jen.Id("val").Op(":=").Id("obj").Dot(fn).Call(),
			jen.Id("comp").Op(":=").Lit(0),
			jen.If(jen.Id("val").Op(">").Id("key")).Block(
				jen.Id("comp").Op("=").Lit(1),
			).Else().If(jen.Id("val").Op("<").Id("key")).Block(
				jen.Id("comp").Op("=").Lit(-1),
			),
		)
	}
	loop = append(loop, jen.If(jen.Id("comp").Op(">").Lit(0)).Block(
		jen.Id("span").Op("=").Id("middle"),
	).Else().If(jen.Id("comp").Op("<").Lit(0)).Block(
		jen.Id("middle").Op("+=").Lit(1),
		jen.Id("start").Op("+=").Id("middle"),
		jen.Id("span").Op("-=").Id("middle"),
	).Else().Block(
		jen.Id("rcv").Dot("Init").Call(jen.Id("buf"), jen.Id("tableOffset")),
		jen.Return(jen.True()),
	))

	body := []jen.Code{
		jen.Id("span").Op(":=").Add(fbQual("GetUOffsetT")).Call(jen.Id("buf").Index(jen.Id("vectorLocation").Op("-").Lit(4), jen.Empty())),
		jen.Id("start").Op(":=").Add(fbQual("UOffsetT")).Call(jen.Lit(0)),
	}
	if isString {
		body = append(body, jen.Id("bKey").Op(":=").Index().Byte().Call(jen.Id("key")))
	}
	body = append(body,
		jen.For(jen.Id("span").Op("!=").Lit(0)).Block(loop...),
		jen.Return(jen.False()),
	)
	decl(f, nil).Func().Params(jen.Id("rcv").Op("*").Id(name)).Id("LookupByKey").Params(
		jen.Id("key").Add(g.keyType(key)),
		jen.Id("vectorLocation").Add(fbQual("UOffsetT")),
		jen.Id("buf").Index().Byte(),
	).Bool().Block(body...)
}
