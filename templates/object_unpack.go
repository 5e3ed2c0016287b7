package templates

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// tableUnPackTo emits UnPackTo for a table accessor type. Absent vectors
// unpack as empty, non-nil slices (as flatc's do), except []byte fields,
// which stay nil when absent:
//
//	func (rcv *Monster) UnPackTo(t *MonsterT) {
//		t.Pos = rcv.Pos(nil).UnPack()
//		t.Mana = rcv.Mana()
//		t.Name = string(rcv.Name())
//		t.Inventory = bytes.Clone(rcv.InventoryBytes())
//		testTable := flatbuffers.Table{}
//		if rcv.Test(&testTable) {
//			t.Test = rcv.TestType().UnPack(testTable)
//		}
//		...
//	}
func (g *gen) tableUnPackTo(f *jen.File, t *schema.Table) {
	name := g.names.Of(&t.Decl)
	var body []jen.Code
	for _, fl := range objTableFields(t) {
		body = append(body, g.unpackField(fl)...)
	}
	f.Add(objDoc("UnPackTo copies the contents of rcv into t."))
	f.Func().Params(jen.Id("rcv").Op("*").Id(name)).Id("UnPackTo").Params(jen.Id("t").Op("*").Id(name + "T")).Block(body...)
}

// unpackField emits the reading of one table field into t.
func (g *gen) unpackField(fl *schema.Field) []jen.Code {
	fn := g.fieldName(fl)
	dst := jen.Id("t").Dot(fn)
	get := jen.Id("rcv").Dot(fn)
	switch fl.Type.Kind {
	case schema.KindString:
		// t.Name = string(rcv.Name())
		return []jen.Code{dst.Op("=").String().Call(get.Call())}
	case schema.KindStruct, schema.KindTable:
		// t.Pos = rcv.Pos(nil).UnPack()
		return []jen.Code{dst.Op("=").Add(get).Call(jen.Nil()).Dot("UnPack").Call()}
	case schema.KindUnion:
		// testTable := flatbuffers.Table{}
		// if rcv.Test(&testTable) {
		// 	t.Test = rcv.TestType().UnPack(testTable)
		// }
		tbl := g.objLocal(fl, "Table")
		return []jen.Code{
			jen.Id(tbl).Op(":=").Add(fbQual("Table")).Values(),
			jen.If(get.Call(jen.Op("&").Id(tbl))).Block(
				dst.Op("=").Id("rcv").Dot(fn + "Type").Call().Dot("UnPack").Call(jen.Id(tbl)),
			),
		}
	case schema.KindVector:
		return g.unpackVector(fl)
	}
	// t.Mana = rcv.Mana()
	return []jen.Code{dst.Op("=").Add(get).Call()}
}

// unpackVector emits the reading of a vector field:
//
//	t.Inventory = bytes.Clone(rcv.InventoryBytes())
//
//	test4Length := rcv.Test4Length()
//	t.Test4 = make([]*TestT, test4Length)
//	for j := 0; j < test4Length; j++ {
//		x := Test{}
//		rcv.Test4(&x, j)
//		t.Test4[j] = x.UnPack()
//	}
//
//	bagLength := rcv.BagLength()
//	t.Bag = make([]*WeaponT, bagLength)
//	for j := 0; j < bagLength; j++ {
//		bagTable := flatbuffers.Table{}
//		if rcv.Bag(&bagTable, j) {
//			t.Bag[j] = rcv.BagType(j).UnPack(bagTable)
//		}
//	}
func (g *gen) unpackVector(fl *schema.Field) []jen.Code {
	fn := g.fieldName(fl)
	dst := jen.Id("t").Dot(fn)
	if objIsBytes(&fl.Type) {
		// A copy: the object must not alias a buffer the caller may reuse.
		return []jen.Code{dst.Op("=").Qual("bytes", "Clone").Call(jen.Id("rcv").Dot(fn + "Bytes").Call())}
	}
	elem := fl.Type.Elem
	length := g.objLocal(fl, "Length")
	item := dst.Clone().Index(jen.Id("j"))
	var loop []jen.Code
	switch elem.Kind {
	case schema.KindString:
		loop = []jen.Code{item.Op("=").String().Call(jen.Id("rcv").Dot(fn).Call(jen.Id("j")))}
	case schema.KindStruct, schema.KindTable:
		var accessor string
		if elem.Kind == schema.KindStruct {
			accessor = g.names.Of(&elem.Struct.Decl)
		} else {
			accessor = g.names.Of(&elem.Table.Decl)
		}
		loop = []jen.Code{
			jen.Id("x").Op(":=").Id(accessor).Values(),
			jen.Id("rcv").Dot(fn).Call(jen.Op("&").Id("x"), jen.Id("j")),
			item.Op("=").Id("x").Dot("UnPack").Call(),
		}
	case schema.KindUnion:
		tbl := g.objLocal(fl, "Table")
		loop = []jen.Code{
			jen.Id(tbl).Op(":=").Add(fbQual("Table")).Values(),
			jen.If(jen.Id("rcv").Dot(fn).Call(jen.Op("&").Id(tbl), jen.Id("j"))).Block(
				item.Op("=").Id("rcv").Dot(fn + "Type").Call(jen.Id("j")).Dot("UnPack").Call(jen.Id(tbl)),
			),
		}
	default:
		loop = []jen.Code{item.Op("=").Id("rcv").Dot(fn).Call(jen.Id("j"))}
	}
	return []jen.Code{
		jen.Id(length).Op(":=").Id("rcv").Dot(fn + "Length").Call(),
		dst.Clone().Op("=").Make(g.objType(&fl.Type), jen.Id(length)),
		jen.For(jen.Id("j").Op(":=").Lit(0), jen.Id("j").Op("<").Id(length), jen.Id("j").Op("++")).Block(loop...),
	}
}
