package templates

// Table field accessors and mutators; see table.go for the API overview.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// offsetPrefix wraps body in flatc's field lookup:
//
//	o := flatbuffers.UOffsetT(rcv._tab.Offset(8))
//	if o != 0 {
//		body...
//	}
func offsetPrefix(fld *schema.Field, body ...jen.Code) []jen.Code {
	return []jen.Code{
		jen.Id("o").Op(":=").Add(fbQual("UOffsetT")).Call(tab().Dot("Offset").Call(jen.Lit(fld.VOffset()))),
		jen.If(jen.Id("o").Op("!=").Lit(0)).Block(body...),
	}
}

// rcvOf is the method receiver (rcv *Name).
func rcvOf(name string) *jen.Statement { return jen.Id("rcv").Op("*").Id(name) }

// tableField emits the accessors and mutator of one table field, chosen by
// its type, with the field's doc comment on each.
func (g *gen) tableField(f *jen.File, name string, fld *schema.Field) {
	t := &fld.Type
	switch {
	case t.Kind.IsScalar():
		g.tableScalar(f, name, fld)
	case t.Kind == schema.KindStruct || t.Kind == schema.KindTable:
		g.tableObjectField(f, name, fld)
	case t.Kind == schema.KindString:
		g.tableString(f, name, fld)
	case t.Kind == schema.KindUnion:
		g.tableUnion(f, name, fld)
	case t.Kind == schema.KindVector:
		g.tableVector(f, name, fld)
	}
}

// tableScalar emits a scalar field's accessor and mutator:
//
//	func (rcv *Monster) Hp() int16 {
//		o := flatbuffers.UOffsetT(rcv._tab.Offset(8))
//		if o != 0 {
//			return rcv._tab.GetInt16(o + rcv._tab.Pos)
//		}
//		return 100
//	}
//
//	func (rcv *Monster) MutateHp(n int16) bool {
//		return rcv._tab.MutateInt16Slot(8, n)
//	}
//
// An optional scalar returns *int16: `v := ...; return &v`, and nil when
// absent.
func (g *gen) tableScalar(f *jen.File, name string, fld *schema.Field) {
	t := &fld.Type
	fn := g.fieldName(fld)
	suf := accessSuffix(t.Kind)
	get := g.castToEnum(t, tab().Dot("Get"+suf).Call(jen.Id("o").Op("+").Add(tab()).Dot("Pos")))
	var found []jen.Code
	ret := g.scalarType(t)
	if fld.Optional {
		ret = jen.Op("*").Add(ret)
		found = []jen.Code{jen.Id("v").Op(":=").Add(get), jen.Return(jen.Op("&").Id("v"))}
	} else {
		found = []jen.Code{jen.Return(get)}
	}
	body := append(offsetPrefix(fld, found...), jen.Return(scalarConst(fld)))
	decl(f, fld.Doc).Func().Params(rcvOf(name)).Id(fn).Params().Add(ret).Block(body...)

	decl(f, fld.Doc).Func().Params(rcvOf(name)).Id("Mutate" + fn).Params(jen.Id("n").Add(g.scalarType(t))).Bool().Block(
		jen.Return(tab().Dot("Mutate"+suf+"Slot").Call(jen.Lit(fld.VOffset()), g.castToBase(t, jen.Id("n")))),
	)
}

// tableObjectField emits the accessor of a struct or table field:
//
//	func (rcv *Monster) Pos(obj *Vec3) *Vec3 {
//		o := flatbuffers.UOffsetT(rcv._tab.Offset(4))
//		if o != 0 {
//			x := o + rcv._tab.Pos                    // x := rcv._tab.Indirect(o + rcv._tab.Pos) for tables
//			if obj == nil {
//				obj = new(Vec3)
//			}
//			obj.Init(rcv._tab.Bytes, x)
//			return obj
//		}
//		return nil
//	}
func (g *gen) tableObjectField(f *jen.File, name string, fld *schema.Field) {
	tn := g.compositeName(&fld.Type)
	at := jen.Id("o").Op("+").Add(tab()).Dot("Pos")
	if fld.Type.Kind == schema.KindTable {
		at = tab().Dot("Indirect").Call(at)
	}
	body := append(offsetPrefix(fld,
		jen.Id("x").Op(":=").Add(at),
		jen.If(jen.Id("obj").Op("==").Nil()).Block(jen.Id("obj").Op("=").New(jen.Id(tn))),
		jen.Id("obj").Dot("Init").Call(tab().Dot("Bytes"), jen.Id("x")),
		jen.Return(jen.Id("obj")),
	), jen.Return(jen.Nil()))
	decl(f, fld.Doc).Func().Params(rcvOf(name)).Id(g.fieldName(fld)).Params(jen.Id("obj").Op("*").Id(tn)).Op("*").Id(tn).Block(body...)
}

// tableString emits a string field's accessor:
//
//	func (rcv *Monster) Name() []byte {
//		o := flatbuffers.UOffsetT(rcv._tab.Offset(10))
//		if o != 0 {
//			return rcv._tab.ByteVector(o + rcv._tab.Pos)
//		}
//		return nil
//	}
func (g *gen) tableString(f *jen.File, name string, fld *schema.Field) {
	body := append(offsetPrefix(fld,
		jen.Return(tab().Dot("ByteVector").Call(jen.Id("o").Op("+").Add(tab()).Dot("Pos"))),
	), jen.Return(jen.Nil()))
	decl(f, fld.Doc).Func().Params(rcvOf(name)).Id(g.fieldName(fld)).Params().Index().Byte().Block(body...)
}

// tableUnion emits a union field's accessor (its discriminant is the
// hidden scalar field before it):
//
//	func (rcv *Monster) Test(obj *flatbuffers.Table) bool {
//		o := flatbuffers.UOffsetT(rcv._tab.Offset(20))
//		if o != 0 {
//			rcv._tab.Union(obj, o)
//			return true
//		}
//		return false
//	}
func (g *gen) tableUnion(f *jen.File, name string, fld *schema.Field) {
	body := append(offsetPrefix(fld,
		tab().Dot("Union").Call(jen.Id("obj"), jen.Id("o")),
		jen.Return(jen.True()),
	), jen.Return(jen.False()))
	decl(f, fld.Doc).Func().Params(rcvOf(name)).Id(g.fieldName(fld)).Params(jen.Id("obj").Op("*").Add(fbQual("Table"))).Bool().Block(body...)
}

// tableVector emits a vector field's element accessor, keyed lookup,
// length, byte slice and element mutator, as its element type calls for
// (see table.go).
func (g *gen) tableVector(f *jen.File, name string, fld *schema.Field) {
	elem := fld.Type.Elem
	fn := g.fieldName(fld)
	start := decl(f, fld.Doc)
	switch {
	case elem.Kind == schema.KindStruct || elem.Kind == schema.KindTable:
		g.vectorOfObjects(start, name, fld)
		if elem.Kind == schema.KindTable && elem.Table.Key != nil {
			g.vectorByKey(f, name, fld)
		}
	case elem.Kind == schema.KindUnion:
		g.vectorOfUnions(start, name, fld)
	default:
		g.vectorOfValues(start, name, fld)
	}

	// func (rcv *Monster) InventoryLength() int {
	// 	o := flatbuffers.UOffsetT(rcv._tab.Offset(14))
	// 	if o != 0 {
	// 		return rcv._tab.VectorLen(o)
	// 	}
	// 	return 0
	// }
	decl(f, nil).Func().Params(rcvOf(name)).Id(fn + "Length").Params().Int().Block(append(offsetPrefix(fld,
		jen.Return(tab().Dot("VectorLen").Call(jen.Id("o"))),
	), jen.Return(jen.Lit(0)))...)

	if elem.Kind == schema.KindUint8 {
		// func (rcv *Monster) InventoryBytes() []byte {
		// 	o := flatbuffers.UOffsetT(rcv._tab.Offset(14))
		// 	if o != 0 {
		// 		return rcv._tab.ByteVector(o + rcv._tab.Pos)
		// 	}
		// 	return nil
		// }
		decl(f, nil).Func().Params(rcvOf(name)).Id(fn + "Bytes").Params().Index().Byte().Block(append(offsetPrefix(fld,
			jen.Return(tab().Dot("ByteVector").Call(jen.Id("o").Op("+").Add(tab()).Dot("Pos"))),
		), jen.Return(jen.Nil()))...)
	}

	if elem.Kind.IsScalar() {
		g.vectorMutate(f, name, fld)
	}
	if fld.NestedFlatbuffer != nil && elem.Kind == schema.KindUint8 {
		g.nestedRoot(f, name, fld)
	}
}

// nestedRoot emits, beyond flatc's Go output (as its C++ and Python
// generators do), the root accessor of a nested_flatbuffer field:
//
//	func (rcv *Monster) TestnestedflatbufferNestedRoot() *Monster {
//		b := rcv.TestnestedflatbufferBytes()
//		if len(b) == 0 {
//			return nil
//		}
//		return GetRootAsMonster(b, 0)
//	}
func (g *gen) nestedRoot(f *jen.File, name string, fld *schema.Field) {
	fn := g.fieldName(fld)
	root := g.tableName(fld.NestedFlatbuffer)
	decl(f, nil).Func().Params(rcvOf(name)).Id(fn+"NestedRoot").Params().Op("*").Id(root).Block(
		jen.Id("b").Op(":=").Id("rcv").Dot(fn+"Bytes").Call(),
		jen.If(jen.Len(jen.Id("b")).Op("==").Lit(0)).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Id("GetRootAs"+root).Call(jen.Id("b"), jen.Lit(0))),
	)
}

// vectorOfObjects emits the element accessor of a vector of structs or
// tables:
//
//	func (rcv *Monster) Test4(obj *Test, j int) bool {
//		o := flatbuffers.UOffsetT(rcv._tab.Offset(22))
//		if o != 0 {
//			x := rcv._tab.Vector(o)
//			x += flatbuffers.UOffsetT(j) * 4
//			x = rcv._tab.Indirect(x)             // tables only
//			obj.Init(rcv._tab.Bytes, x)
//			return true
//		}
//		return false
//	}
func (g *gen) vectorOfObjects(start *jen.Statement, name string, fld *schema.Field) {
	elem := fld.Type.Elem
	found := []jen.Code{
		jen.Id("x").Op(":=").Add(tab()).Dot("Vector").Call(jen.Id("o")),
		jen.Id("x").Op("+=").Add(fbQual("UOffsetT")).Call(jen.Id("j")).Op("*").Lit(elem.InlineSize()),
	}
	if elem.Kind == schema.KindTable {
		found = append(found, jen.Id("x").Op("=").Add(tab()).Dot("Indirect").Call(jen.Id("x")))
	}
	found = append(found,
		jen.Id("obj").Dot("Init").Call(tab().Dot("Bytes"), jen.Id("x")),
		jen.Return(jen.True()),
	)
	tn := g.compositeName(elem)
	start.Func().Params(rcvOf(name)).Id(g.fieldName(fld)).Params(
		jen.Id("obj").Op("*").Id(tn), jen.Id("j").Int(),
	).Bool().Block(append(offsetPrefix(fld, found...), jen.Return(jen.False()))...)
}

// vectorByKey emits the keyed lookup in a vector of tables sorted by key:
//
//	func (rcv *Monster) TestarrayoftablesByKey(obj *Monster, key string) bool {
//		o := flatbuffers.UOffsetT(rcv._tab.Offset(26))
//		if o != 0 {
//			x := rcv._tab.Vector(o)
//			return obj.LookupByKey(key, x, rcv._tab.Bytes)
//		}
//		return false
//	}
func (g *gen) vectorByKey(f *jen.File, name string, fld *schema.Field) {
	elem := fld.Type.Elem
	tn := g.tableName(elem.Table)
	decl(f, nil).Func().Params(rcvOf(name)).Id(g.fieldName(fld)+"ByKey").Params(
		jen.Id("obj").Op("*").Id(tn), jen.Id("key").Add(g.keyType(elem.Table.Key)),
	).Bool().Block(append(offsetPrefix(fld,
		jen.Id("x").Op(":=").Add(tab()).Dot("Vector").Call(jen.Id("o")),
		jen.Return(jen.Id("obj").Dot("LookupByKey").Call(jen.Id("key"), jen.Id("x"), tab().Dot("Bytes"))),
	), jen.Return(jen.False()))...)
}

// vectorOfUnions emits the element accessor of a vector of unions (beyond
// flatc); the element's type is FType(j):
//
//	func (rcv *Hero) Bag(obj *flatbuffers.Table, j int) bool {
//		o := flatbuffers.UOffsetT(rcv._tab.Offset(12))
//		if o != 0 {
//			x := rcv._tab.Vector(o)
//			x += flatbuffers.UOffsetT(j) * 4
//			obj.Bytes = rcv._tab.Bytes
//			obj.Pos = rcv._tab.Indirect(x)
//			return true
//		}
//		return false
//	}
func (g *gen) vectorOfUnions(start *jen.Statement, name string, fld *schema.Field) {
	start.Func().Params(rcvOf(name)).Id(g.fieldName(fld)).Params(
		jen.Id("obj").Op("*").Add(fbQual("Table")), jen.Id("j").Int(),
	).Bool().Block(append(offsetPrefix(fld,
		jen.Id("x").Op(":=").Add(tab()).Dot("Vector").Call(jen.Id("o")),
		jen.Id("x").Op("+=").Add(fbQual("UOffsetT")).Call(jen.Id("j")).Op("*").Lit(4),
		jen.Id("obj").Dot("Bytes").Op("=").Add(tab()).Dot("Bytes"),
		jen.Id("obj").Dot("Pos").Op("=").Add(tab()).Dot("Indirect").Call(jen.Id("x")),
		jen.Return(jen.True()),
	), jen.Return(jen.False()))...)
}

// vectorOfValues emits the element accessor of a vector of scalars, enums
// or strings:
//
//	func (rcv *Monster) Inventory(j int) byte {
//		o := flatbuffers.UOffsetT(rcv._tab.Offset(14))
//		if o != 0 {
//			a := rcv._tab.Vector(o)
//			return rcv._tab.GetByte(a + flatbuffers.UOffsetT(j*1))
//		}
//		return 0
//	}
//
// Strings read with rcv._tab.ByteVector and return []byte (nil when absent).
func (g *gen) vectorOfValues(start *jen.Statement, name string, fld *schema.Field) {
	elem := fld.Type.Elem
	at := jen.Id("a").Op("+").Add(fbQual("UOffsetT")).Call(jen.Id("j").Op("*").Lit(elem.InlineSize()))
	var ret, get, zero jen.Code
	if elem.Kind == schema.KindString {
		ret, get, zero = jen.Index().Byte(), tab().Dot("ByteVector").Call(at), jen.Nil()
	} else {
		ret = g.scalarType(elem)
		get = g.castToEnum(elem, tab().Dot("Get"+accessSuffix(elem.Kind)).Call(at))
		zero = zeroLit(elem.Kind)
	}
	start.Func().Params(rcvOf(name)).Id(g.fieldName(fld)).Params(jen.Id("j").Int()).Add(ret).Block(append(offsetPrefix(fld,
		jen.Id("a").Op(":=").Add(tab()).Dot("Vector").Call(jen.Id("o")),
		jen.Return(get),
	), jen.Return(zero))...)
}

// vectorMutate emits the element mutator of a vector of scalars:
//
//	func (rcv *Monster) MutateInventory(j int, n byte) bool {
//		o := flatbuffers.UOffsetT(rcv._tab.Offset(14))
//		if o != 0 {
//			a := rcv._tab.Vector(o)
//			return rcv._tab.MutateByte(a+flatbuffers.UOffsetT(j*1), n)
//		}
//		return false
//	}
func (g *gen) vectorMutate(f *jen.File, name string, fld *schema.Field) {
	elem := fld.Type.Elem
	decl(f, fld.Doc).Func().Params(rcvOf(name)).Id("Mutate"+g.fieldName(fld)).Params(
		jen.Id("j").Int(), jen.Id("n").Add(g.scalarType(elem)),
	).Bool().Block(append(offsetPrefix(fld,
		jen.Id("a").Op(":=").Add(tab()).Dot("Vector").Call(jen.Id("o")),
		jen.Return(tab().Dot("Mutate"+accessSuffix(elem.Kind)).Call(
			jen.Id("a").Op("+").Add(fbQual("UOffsetT")).Call(jen.Id("j").Op("*").Lit(elem.InlineSize())),
			g.castToBase(elem, jen.Id("n")),
		)),
	), jen.Return(jen.False()))...)
}
