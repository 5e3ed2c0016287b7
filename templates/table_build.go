package templates

// Table builders; see table.go for the API overview.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// tableBuilders emits the builder functions of a table, fields in id order:
//
//	func MonsterStart(builder *flatbuffers.Builder) {
//		builder.StartObject(11)
//	}
//	func MonsterAddHp(builder *flatbuffers.Builder, hp int16) {...}
//	func MonsterStartInventoryVector(builder *flatbuffers.Builder, numElems int) flatbuffers.UOffsetT {...}
//	func MonsterEnd(builder *flatbuffers.Builder) flatbuffers.UOffsetT {
//		return builder.EndObject()
//	}
//
// The slot count includes deprecated fields, which get no Add function.
func (g *gen) tableBuilders(f *jen.File, t *schema.Table, fields []*schema.Field) {
	name := g.tableName(t)
	builder := jen.Id("builder").Op("*").Add(fbQual("Builder"))
	slots := 0
	for _, fld := range fields {
		if fld.ID+1 > slots {
			slots = fld.ID + 1
		}
	}
	decl(f, nil).Func().Id(name + "Start").Params(builder.Clone()).Block(
		jen.Id("builder").Dot("StartObject").Call(jen.Lit(slots)),
	)
	for _, fld := range fields {
		if fld.Deprecated {
			continue
		}
		g.tableAdd(f, name, fld)
		if fld.Type.Kind == schema.KindVector {
			g.tableStartVector(f, name, fld)
		}
	}
	decl(f, nil).Func().Id(name + "End").Params(builder.Clone()).Add(fbQual("UOffsetT")).Block(
		jen.Return(jen.Id("builder").Dot("EndObject").Call()),
	)
}

// tableAdd emits the function that adds one field:
//
//	func MonsterAddHp(builder *flatbuffers.Builder, hp int16) {
//		builder.PrependInt16Slot(2, hp, 100)
//	}
//	func MonsterAddColor(builder *flatbuffers.Builder, color Color) {
//		builder.PrependByteSlot(6, byte(color), 8)
//	}
//	func MonsterAddOpt(builder *flatbuffers.Builder, opt int32) {   // optional scalar
//		builder.PrependInt32(opt)
//		builder.Slot(7)
//	}
//	func MonsterAddPos(builder *flatbuffers.Builder, pos flatbuffers.UOffsetT) {
//		builder.PrependStructSlot(0, flatbuffers.UOffsetT(pos), 0)
//	}
//	func MonsterAddName(builder *flatbuffers.Builder, name flatbuffers.UOffsetT) {
//		builder.PrependUOffsetTSlot(3, flatbuffers.UOffsetT(name), 0)
//	}
func (g *gen) tableAdd(f *jen.File, name string, fld *schema.Field) {
	t := &fld.Type
	v := localName(g.fieldName(fld))
	var typ jen.Code
	var body []jen.Code
	switch {
	case t.Kind.IsScalar() && fld.Optional:
		typ = g.scalarType(t)
		body = []jen.Code{
			jen.Id("builder").Dot("Prepend" + accessSuffix(t.Kind)).Call(g.castToBase(t, jen.Id(v))),
			jen.Id("builder").Dot("Slot").Call(jen.Lit(fld.ID)),
		}
	case t.Kind.IsScalar():
		typ = g.scalarType(t)
		body = []jen.Code{jen.Id("builder").Dot("Prepend"+accessSuffix(t.Kind)+"Slot").Call(
			jen.Lit(fld.ID), g.castToBase(t, jen.Id(v)), scalarConst(fld),
		)}
	default:
		method := "PrependUOffsetTSlot"
		if t.Kind == schema.KindStruct {
			method = "PrependStructSlot"
		}
		typ = fbQual("UOffsetT")
		body = []jen.Code{jen.Id("builder").Dot(method).Call(
			jen.Lit(fld.ID), fbQual("UOffsetT").Call(jen.Id(v)), jen.Lit(0),
		)}
	}
	decl(f, nil).Func().Id(name+"Add"+g.fieldName(fld)).Params(
		jen.Id("builder").Op("*").Add(fbQual("Builder")), jen.Id(v).Add(typ),
	).Block(body...)
}

// tableStartVector emits the function that starts a vector field:
//
//	func MonsterStartInventoryVector(builder *flatbuffers.Builder, numElems int) flatbuffers.UOffsetT {
//		return builder.StartVector(1, numElems, 1)
//	}
//
// The arguments are the element size and alignment (a struct's size and
// alignment for vectors of structs, 4 for offsets).
func (g *gen) tableStartVector(f *jen.File, name string, fld *schema.Field) {
	elem := fld.Type.Elem
	decl(f, nil).Func().Id(name+"Start"+g.fieldName(fld)+"Vector").Params(
		jen.Id("builder").Op("*").Add(fbQual("Builder")), jen.Id("numElems").Int(),
	).Add(fbQual("UOffsetT")).Block(
		jen.Return(jen.Id("builder").Dot("StartVector").Call(
			jen.Lit(elem.InlineSize()), jen.Id("numElems"), jen.Lit(elem.InlineAlign()),
		)),
	)
}
