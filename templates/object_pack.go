package templates

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// tablePack emits Pack for a table's object type. Everything stored by
// offset is written before the table is started; then the fields are added
// in declaration order (structs inline):
//
//	func (t *MonsterT) Pack(builder *flatbuffers.Builder) flatbuffers.UOffsetT {
//		if t == nil {
//			return 0
//		}
//		nameOffset := builder.CreateString(t.Name)
//		...
//		MonsterStart(builder)
//		posOffset := t.Pos.Pack(builder)
//		MonsterAddPos(builder, posOffset)
//		MonsterAddMana(builder, t.Mana)
//		...
//		return MonsterEnd(builder)
//	}
func (g *gen) tablePack(f *jen.File, t *schema.Table) {
	name := g.names.Of(&t.Decl)
	fields := objTableFields(t)
	body := []jen.Code{jen.If(jen.Id("t").Op("==").Nil()).Block(jen.Return(jen.Lit(0)))}
	for _, fl := range fields {
		body = append(body, g.packOffset(name, fl)...)
	}
	body = append(body, jen.Id(name+"Start").Call(jen.Id("builder")))
	for _, fl := range fields {
		body = append(body, g.packAdd(name, fl)...)
	}
	body = append(body, jen.Return(jen.Id(name+"End").Call(jen.Id("builder"))))

	doc := "Pack writes t into builder and returns the offset of the table, or 0 when t is nil."
	if objHasKeyedVector(fields) {
		doc += "\nVectors of keyed tables are written sorted by key (LookupByKey needs it);\nthe slices in t are not reordered."
	}
	f.Add(objDoc("%s", doc))
	f.Func().Params(jen.Id("t").Op("*").Id(name + "T")).Id("Pack").
		Params(jen.Id("builder").Op("*").Add(fbQual("Builder"))).Add(fbQual("UOffsetT")).
		Block(body...)
}

// objHasKeyedVector reports whether any field is a vector of keyed tables.
func objHasKeyedVector(fields []*schema.Field) bool {
	for _, fl := range fields {
		if objKeyed(&fl.Type) {
			return true
		}
	}
	return false
}

// objKeyed reports whether t is a vector of tables that have a key field.
func objKeyed(t *schema.Type) bool {
	return t.Kind == schema.KindVector && t.Elem.Kind == schema.KindTable && t.Elem.Table.Key != nil
}

// objOffsetVar is the local holding a field's packed offset: "nameOffset".
func (g *gen) objOffsetVar(fl *schema.Field) string { return g.objLocal(fl, "Offset") }

// objLocal is a local named after a field: "name" + suffix.
func (g *gen) objLocal(fl *schema.Field, suffix string) string {
	return localName(g.fieldName(fl) + suffix)
}

// objZeroOffset is `flatbuffers.UOffsetT(0)`.
func objZeroOffset() *jen.Statement { return fbQual("UOffsetT").Call(jen.Lit(0)) }

// packOffset emits what a field needs written before the table starts:
// strings, vectors, tables and unions. Scalars and structs need nothing.
func (g *gen) packOffset(table string, fl *schema.Field) []jen.Code {
	field := jen.Id("t").Dot(g.fieldName(fl))
	off := g.objOffsetVar(fl)
	switch fl.Type.Kind {
	case schema.KindString:
		// nameOffset := flatbuffers.UOffsetT(0)
		// if t.Name != "" {
		// 	nameOffset = builder.CreateString(t.Name)
		// }
		create := "CreateString"
		if fl.Shared {
			create = "CreateSharedString"
		}
		if fl.Required {
			return []jen.Code{jen.Id(off).Op(":=").Id("builder").Dot(create).Call(field)}
		}
		return []jen.Code{
			jen.Id(off).Op(":=").Add(objZeroOffset()),
			jen.If(field.Clone().Op("!=").Lit("")).Block(
				jen.Id(off).Op("=").Id("builder").Dot(create).Call(field.Clone()),
			),
		}
	case schema.KindTable, schema.KindUnion:
		// enemyOffset := t.Enemy.Pack(builder)
		return []jen.Code{jen.Id(off).Op(":=").Add(field).Dot("Pack").Call(jen.Id("builder"))}
	case schema.KindVector:
		return g.packVector(table, fl)
	}
	return nil
}

// packVector emits the writing of a vector field:
//
//	inventoryOffset := flatbuffers.UOffsetT(0)
//	if t.Inventory != nil {
//		inventoryOffset = builder.CreateByteString(t.Inventory)
//	}
//
//	test4Offset := flatbuffers.UOffsetT(0)
//	if t.Test4 != nil {
//		test4Length := len(t.Test4)
//		... element offsets, for strings, tables and unions ...
//		MonsterStartTest4Vector(builder, test4Length)
//		for j := test4Length - 1; j >= 0; j-- {
//			t.Test4[j].Pack(builder)
//		}
//		test4Offset = builder.EndVector(test4Length)
//	}
func (g *gen) packVector(table string, fl *schema.Field) []jen.Code {
	field := jen.Id("t").Dot(g.fieldName(fl))
	off := g.objOffsetVar(fl)
	elem := fl.Type.Elem
	if objIsBytes(&fl.Type) && fl.Required {
		// builder.CreateByteString(nil) writes an empty vector.
		return []jen.Code{jen.Id(off).Op(":=").Id("builder").Dot("CreateByteString").Call(field)}
	}
	if objIsBytes(&fl.Type) {
		return []jen.Code{
			jen.Id(off).Op(":=").Add(objZeroOffset()),
			jen.If(field.Clone().Op("!=").Nil()).Block(
				jen.Id(off).Op("=").Id("builder").Dot("CreateByteString").Call(field.Clone()),
			),
		}
	}
	length := g.objLocal(fl, "Length")
	offsets := g.objLocal(fl, "Offsets")
	item := field.Clone().Index(jen.Id("j"))
	var in []jen.Code
	in = append(in, jen.Id(length).Op(":=").Len(field.Clone()))
	var out []jen.Code
	if elem.Kind == schema.KindUnion {
		out = append(out, jen.Id(g.objLocal(fl, "TypeOffset")).Op(":=").Add(objZeroOffset()))
	}
	out = append(out, jen.Id(off).Op(":=").Add(objZeroOffset()))

	// Element offsets for everything stored by reference.
	switch elem.Kind {
	case schema.KindString, schema.KindTable, schema.KindUnion:
		var make1 jen.Code
		switch elem.Kind {
		case schema.KindString:
			make1 = jen.Id(offsets).Index(jen.Id("j")).Op("=").Id("builder").Dot("CreateString").Call(item.Clone())
		case schema.KindTable:
			make1 = g.packTableElem(offsets, item, elem.Table)
		case schema.KindUnion:
			make1 = jen.Id(offsets).Index(jen.Id("j")).Op("=").Add(item.Clone()).Dot("Pack").Call(jen.Id("builder"))
		}
		in = append(in,
			jen.Id(offsets).Op(":=").Make(jen.Index().Add(fbQual("UOffsetT")), jen.Id(length)),
			jen.For(jen.Id("j").Op(":=").Lit(0), jen.Id("j").Op("<").Id(length), jen.Id("j").Op("++")).Block(make1),
		)
	}

	reverse := func(stmts ...jen.Code) jen.Code { return packReverse(length, stmts...) }
	start := jen.Id(table+"Start"+g.fieldName(fl)+"Vector").Call(jen.Id("builder"), jen.Id(length))
	end := jen.Id(off).Op("=").Id("builder").Dot("EndVector").Call(jen.Id(length))

	switch {
	case elem.Kind == schema.KindTable && elem.Table.Key != nil:
		// Sorted like C++ CreateVectorOfSortedTables; only our offsets
		// slice is reordered, never the caller's.
		in = append(in, packSortOffsets(offsets, g.names.Of(&elem.Table.Decl)+"KeyCompare"),
			jen.Id(off).Op("=").Id("builder").Dot("CreateVectorOfTables").Call(jen.Id(offsets)))
	case elem.Kind == schema.KindUnion:
		in = append(in, g.packUnionVector(table, fl, length, offsets)...)
	case elem.Kind == schema.KindString || elem.Kind == schema.KindTable:
		in = append(in, start, reverse(jen.Id("builder").Dot("PrependUOffsetT").Call(jen.Id(offsets).Index(jen.Id("j")))), end)
	case elem.Kind == schema.KindStruct:
		in = append(in, start, reverse(g.packStructElem(item, elem.Struct)), end)
	default:
		v := jen.Code(item)
		if elem.Enum != nil {
			v = jen.Id(basicGoType(elem.Kind)).Call(item)
		}
		in = append(in, start, reverse(jen.Id("builder").Dot("Prepend"+accessSuffix(elem.Kind)).Call(v)), end)
	}
	if fl.Required {
		// A required vector is written even when nil (empty), so that
		// what Pack writes always passes the verifier.
		return append(out, in...)
	}
	return append(out, jen.If(field.Clone().Op("!=").Nil()).Block(in...))
}

// packSortOffsets sorts the offsets of a vector of keyed tables by key,
// stably (equal keys keep the caller's order). It stands in for the
// builder's CreateVectorOfSortedTables, whose sort.Slice makes the offsets
// and its closure escape (three allocations per keyed vector); this sort
// allocates nothing:
//
//	slices.SortStableFunc(entriesOffsets, func(a, b flatbuffers.UOffsetT) int {
//		if EntryKeyCompare(a, b, builder.Bytes) {
//			return -1
//		}
//		if EntryKeyCompare(b, a, builder.Bytes) {
//			return 1
//		}
//		return 0
//	})
func packSortOffsets(offsets, keyCompare string) jen.Code {
	less := func(x, y string) *jen.Statement {
		return jen.Id(keyCompare).Call(jen.Id(x), jen.Id(y), jen.Id("builder").Dot("Bytes"))
	}
	return jen.Qual("slices", "SortStableFunc").Call(jen.Id(offsets),
		jen.Func().Params(jen.Id("a"), jen.Id("b").Add(fbQual("UOffsetT"))).Int().Block(
			jen.If(less("a", "b")).Block(jen.Return(jen.Lit(-1))),
			jen.If(less("b", "a")).Block(jen.Return(jen.Lit(1))),
			jen.Return(jen.Lit(0)),
		))
}

// packReverse loops j from length-1 down to 0 over stmts, the order in
// which a vector's elements are prepended.
func packReverse(length string, stmts ...jen.Code) jen.Code {
	return jen.For(jen.Id("j").Op(":=").Id(length).Op("-").Lit(1), jen.Id("j").Op(">=").Lit(0), jen.Id("j").Op("--")).Block(stmts...)
}

// packTableElem packs one element of a vector of tables; a nil element is
// written as an empty table so the vector never holds a broken offset:
//
//	if t.Items[j] != nil {
//		itemsOffsets[j] = t.Items[j].Pack(builder)
//	} else {
//		ItemStart(builder)
//		itemsOffsets[j] = ItemEnd(builder)
//	}
func (g *gen) packTableElem(offsets string, item *jen.Statement, elem *schema.Table) jen.Code {
	name := g.names.Of(&elem.Decl)
	dst := jen.Id(offsets).Index(jen.Id("j"))
	return jen.If(item.Clone().Op("!=").Nil()).Block(
		dst.Clone().Op("=").Add(item.Clone()).Dot("Pack").Call(jen.Id("builder")),
	).Else().Block(
		jen.Id(name+"Start").Call(jen.Id("builder")),
		dst.Clone().Op("=").Id(name+"End").Call(jen.Id("builder")),
	)
}

// packStructElem packs one element of a vector of structs in place; a nil
// element is written as a zero struct:
//
//	if t.Path[j] != nil {
//		t.Path[j].Pack(builder)
//	} else {
//		(&Vec3T{}).Pack(builder)
//	}
func (g *gen) packStructElem(item *jen.Statement, elem *schema.Struct) jen.Code {
	return jen.If(item.Clone().Op("!=").Nil()).Block(
		item.Clone().Dot("Pack").Call(jen.Id("builder")),
	).Else().Block(
		jen.Parens(jen.Op("&").Id(g.objName(&elem.Decl)).Values()).Dot("Pack").Call(jen.Id("builder")),
	)
}

// packUnionVector writes the two vectors of a vector of unions: the types,
// then the values. An element that packs to no value (nil, NONE, or a
// Value that does not match its Type) gets type NONE and a zero offset, so
// no type ever points at a missing value:
//
//	HeroStartBagTypeVector(builder, bagLength)
//	for j := bagLength - 1; j >= 0; j-- {
//		bagType := Weapon(0)
//		if bagOffsets[j] != 0 {
//			bagType = t.Bag[j].Type
//		}
//		builder.PrependByte(byte(bagType))
//	}
//	bagTypeOffset = builder.EndVector(bagLength)
//	HeroStartBagVector(builder, bagLength)
//	for j := bagLength - 1; j >= 0; j-- {
//		if bagOffsets[j] == 0 {
//			builder.PrependUint32(0)
//		} else {
//			builder.PrependUOffsetT(bagOffsets[j])
//		}
//	}
//	bagOffset = builder.EndVector(bagLength)
func (g *gen) packUnionVector(table string, fl *schema.Field, length, offsets string) []jen.Code {
	u := fl.Type.Elem.Union
	item := jen.Id("t").Dot(g.fieldName(fl)).Index(jen.Id("j"))
	typ := g.objLocal(fl, "Type")
	reverse := func(stmts ...jen.Code) jen.Code { return packReverse(length, stmts...) }
	elemOff := jen.Id(offsets).Index(jen.Id("j"))
	return []jen.Code{
		jen.Id(table+"Start"+g.fieldName(fl)+"TypeVector").Call(jen.Id("builder"), jen.Id(length)),
		reverse(
			jen.Id(typ).Op(":=").Id(g.names.Of(&u.Decl)).Call(jen.Lit(0)),
			jen.If(elemOff.Clone().Op("!=").Lit(0)).Block(jen.Id(typ).Op("=").Add(item.Clone()).Dot("Type")),
			jen.Id("builder").Dot("PrependByte").Call(jen.Byte().Call(jen.Id(typ))),
		),
		jen.Id(g.objLocal(fl, "TypeOffset")).Op("=").Id("builder").Dot("EndVector").Call(jen.Id(length)),
		jen.Id(table+"Start"+g.fieldName(fl)+"Vector").Call(jen.Id("builder"), jen.Id(length)),
		reverse(
			jen.If(elemOff.Clone().Op("==").Lit(0)).Block(
				jen.Id("builder").Dot("PrependUint32").Call(jen.Lit(0)),
			).Else().Block(
				jen.Id("builder").Dot("PrependUOffsetT").Call(elemOff.Clone()),
			),
		),
		jen.Id(g.objOffsetVar(fl)).Op("=").Id("builder").Dot("EndVector").Call(jen.Id(length)),
	}
}

// packAdd emits the adding of one field to the started table:
//
//	MonsterAddMana(builder, t.Mana)
//	if t.Opt != nil {
//		MonsterAddOpt(builder, *t.Opt)
//	}
//	posOffset := t.Pos.Pack(builder)
//	MonsterAddPos(builder, posOffset)
//	if testOffset != 0 {
//		MonsterAddTestType(builder, t.Test.Type)
//	}
//	MonsterAddTest(builder, testOffset)
//	MonsterAddName(builder, nameOffset)
func (g *gen) packAdd(table string, fl *schema.Field) []jen.Code {
	field := jen.Id("t").Dot(g.fieldName(fl))
	add := func(name string, v jen.Code) *jen.Statement {
		return jen.Id(table+"Add"+name).Call(jen.Id("builder"), v)
	}
	fn := g.fieldName(fl)
	off := g.objOffsetVar(fl)
	switch {
	case fl.Type.Kind.IsScalar():
		if fl.Optional {
			return []jen.Code{jen.If(field.Clone().Op("!=").Nil()).Block(add(fn, jen.Op("*").Add(field.Clone())))}
		}
		return []jen.Code{add(fn, field)}
	case fl.Type.Kind == schema.KindStruct:
		return []jen.Code{
			jen.Id(off).Op(":=").Add(field).Dot("Pack").Call(jen.Id("builder")),
			add(fn, jen.Id(off)),
		}
	case fl.Type.Kind == schema.KindUnion:
		// The type is written only with a value (flatc writes it whenever
		// the union is non-nil, even when its Value packed to nothing).
		return []jen.Code{
			jen.If(jen.Id(off).Op("!=").Lit(0)).Block(add(fn+"Type", field.Clone().Dot("Type"))),
			add(fn, jen.Id(off)),
		}
	case fl.Type.Kind == schema.KindVector && fl.Type.Elem.Kind == schema.KindUnion:
		return []jen.Code{
			add(fn+"Type", jen.Id(g.objLocal(fl, "TypeOffset"))),
			add(fn, jen.Id(off)),
		}
	}
	return []jen.Code{add(fn, jen.Id(off))}
}
