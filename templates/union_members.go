package templates

// Typed accessors for union members that are structs or strings (beyond
// flatc, whose Go generator accepts only tables as union members).
//
// A union field's offset points at the member's bytes: a table, a struct's
// inline bytes, or a string's length prefix. The flatc-style accessor
// `F(obj *flatbuffers.Table) bool` fills obj with that position for every
// kind of member, so code written for table members works unchanged. For
// struct and string members wsgen adds one typed accessor per member M,
// which checks the discriminant first:
//
//	FAsM(obj *Vec3) *Vec3  // struct member: nil unless FType() == UM
//	FAsM() []byte          // string member: nil unless FType() == UM
//
// and for a vector of unions the same with an index, FAsM(obj, j) and
// FAsM(j). Table members keep flatc's API: F(&t), then (&Monster{}).Init(
// t.Bytes, t.Pos). Builders need nothing new: CreateVec3 or CreateString,
// called before XStart, gives the offset XAddF takes.

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// unionMemberAccessors emits FAsM for every struct or string member of the
// union (or vector of unions) field fld of the table named name:
//
//	func (rcv *Hero) MainAsSpot(obj *Vec3) *Vec3 {
//		var t flatbuffers.Table
//		if rcv.MainType() != WeaponSpot || !rcv.Main(&t) {
//			return nil
//		}
//		if obj == nil {
//			obj = new(Vec3)
//		}
//		obj.Init(t.Bytes, t.Pos)
//		return obj
//	}
//
//	func (rcv *Hero) MainAsLabel() []byte {
//		var t flatbuffers.Table
//		if rcv.MainType() != WeaponLabel || !rcv.Main(&t) {
//			return nil
//		}
//		n := flatbuffers.GetUOffsetT(t.Bytes[t.Pos:])
//		return t.Bytes[t.Pos+4 : t.Pos+4+n]
//	}
func (g *gen) unionMemberAccessors(f *jen.File, name string, fld *schema.Field) {
	u := fld.Type.Union
	vector := fld.Type.Kind == schema.KindVector
	if vector {
		u = fld.Type.Elem.Union
	}
	fn := g.fieldName(fld)
	typeFn := g.fieldName(fld.UnionType)
	for _, m := range u.Values {
		if m.Type.Kind != schema.KindStruct && m.Type.Kind != schema.KindString {
			continue
		}
		var params []jen.Code
		typeArgs := []jen.Code{}
		valArgs := []jen.Code{jen.Op("&").Id("t")}
		if m.Type.Kind == schema.KindStruct {
			params = append(params, jen.Id("obj").Op("*").Id(g.structName(m.Type.Struct)))
		}
		if vector {
			params = append(params, jen.Id("j").Int())
			typeArgs = append(typeArgs, jen.Id("j"))
			valArgs = append(valArgs, jen.Id("j"))
		}
		body := []jen.Code{
			jen.Var().Id("t").Add(fbQual("Table")),
			jen.If(jen.Id("rcv").Dot(typeFn).Call(typeArgs...).Op("!=").Id(g.unionVariant(u, m)).
				Op("||").Op("!").Id("rcv").Dot(fn).Call(valArgs...)).Block(jen.Return(jen.Nil())),
		}
		method := fn + "As" + strings.ReplaceAll(m.Name, ".", "_")
		which := fmt.Sprintf("%sType(%s) is %s", fn, map[bool]string{true: "j"}[vector], g.unionVariant(u, m))
		var ret jen.Code
		var doc string
		if m.Type.Kind == schema.KindStruct {
			st := g.structName(m.Type.Struct)
			ret = jen.Op("*").Id(st)
			body = append(body,
				jen.If(jen.Id("obj").Op("==").Nil()).Block(jen.Id("obj").Op("=").New(jen.Id(st))),
				jen.Id("obj").Dot("Init").Call(jen.Id("t").Dot("Bytes"), jen.Id("t").Dot("Pos")),
				jen.Return(jen.Id("obj")),
			)
			doc = fmt.Sprintf("%s returns the %s member, read into obj (a new %s if obj\nis nil), when %s; otherwise, and when the field is absent, nil.", method, st, st, which)
		} else {
			ret = jen.Index().Byte()
			pos := func() *jen.Statement { return jen.Id("t").Dot("Pos") }
			body = append(body,
				jen.Id("n").Op(":=").Add(fbQual("GetUOffsetT")).Call(jen.Id("t").Dot("Bytes").Index(pos().Op(":"))),
				jen.Return(jen.Id("t").Dot("Bytes").Index(pos().Op("+").Lit(4).Op(":").Add(pos()).Op("+").Lit(4).Op("+").Id("n"))),
			)
			doc = fmt.Sprintf("%s returns the bytes of the string member when %s;\notherwise, and when the field is absent, nil.", method, which)
		}
		f.Add(objDoc("%s", doc))
		f.Func().Params(rcvOf(name)).Id(method).Params(params...).Add(ret).Block(body...)
	}
}
