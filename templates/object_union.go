package templates

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// unionObject emits the object API of a union: the UT type, its Pack and
// the discriminant's UnPack.
func (g *gen) unionObject(f *jen.File, u *schema.Union) {
	g.unionObjType(f, u)
	g.unionPack(f, u)
	g.unionUnPack(f, u)
}

// unionVariant is the Go constant of a union member: "AnyMonster", and
// "AnyMyGame_Monster" for an unaliased member named with its namespace (as
// union.go names them).
func (g *gen) unionVariant(u *schema.Union, v *schema.UnionVal) string {
	return g.names.Of(&u.Decl) + strings.ReplaceAll(v.Name, ".", "_")
}

// unionObjType emits the union's object type:
//
//	type AnyT struct {
//		Type  Any
//		Value interface{}
//	}
func (g *gen) unionObjType(f *jen.File, u *schema.Union) {
	name := g.names.Of(&u.Decl)
	f.Add(objDoc("%sT is the object API form of the union %s: Type says which member\nValue holds (%s).", name, name, g.unionValueDoc(u)))
	f.Type().Id(name+"T").Struct(
		jen.Id("Type").Id(name),
		jen.Id("Value").Interface(),
	)
}

// unionValueDoc lists the Go type Value holds for each member.
func (g *gen) unionValueDoc(u *schema.Union) string {
	s := ""
	for _, v := range u.Values {
		if v.Type.Kind == schema.KindNone {
			continue
		}
		if s != "" {
			s += ", "
		}
		s += g.unionVariant(u, v) + ": " + jen.Add(g.objType(&v.Type)).GoString()
	}
	if s == "" {
		return "always nil"
	}
	return s
}

// unionPack emits Pack for the union's object type. A Value that does not
// match Type packs as 0 (no value) rather than panicking:
//
//	func (t *AnyT) Pack(builder *flatbuffers.Builder) flatbuffers.UOffsetT {
//		if t == nil {
//			return 0
//		}
//		switch t.Type {
//		case AnyMonster:
//			v, _ := t.Value.(*MonsterT)
//			return v.Pack(builder)
//		case AnyName:
//			v, _ := t.Value.(string)
//			return builder.CreateString(v)
//		}
//		return 0
//	}
func (g *gen) unionPack(f *jen.File, u *schema.Union) {
	name := g.names.Of(&u.Decl)
	var cases []jen.Code
	for _, v := range u.Values {
		if v.Type.Kind == schema.KindNone {
			continue
		}
		var ret jen.Code
		if v.Type.Kind == schema.KindString {
			ret = jen.Return(jen.Id("builder").Dot("CreateString").Call(jen.Id("v")))
		} else {
			ret = jen.Return(jen.Id("v").Dot("Pack").Call(jen.Id("builder")))
		}
		cases = append(cases, jen.Case(jen.Id(g.unionVariant(u, v))).Block(
			jen.List(jen.Id("v"), jen.Id("_")).Op(":=").Id("t").Dot("Value").Assert(g.objType(&v.Type)),
			ret,
		))
	}
	body := []jen.Code{jen.If(jen.Id("t").Op("==").Nil()).Block(jen.Return(jen.Lit(0)))}
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("t").Dot("Type")).Block(cases...))
	}
	body = append(body, jen.Return(jen.Lit(0)))
	f.Add(objDoc("Pack writes the union's value into builder and returns its offset, or 0\nfor NONE, a nil t, or a Value whose Go type does not match Type."))
	f.Func().Params(jen.Id("t").Op("*").Id(name + "T")).Id("Pack").
		Params(jen.Id("builder").Op("*").Add(fbQual("Builder"))).Add(fbQual("UOffsetT")).
		Block(body...)
}

// unionUnPack emits UnPack on the union's discriminant type:
//
//	func (rcv Any) UnPack(table flatbuffers.Table) *AnyT {
//		switch rcv {
//		case AnyMonster:
//			var x Monster
//			x.Init(table.Bytes, table.Pos)
//			return &AnyT{Type: AnyMonster, Value: x.UnPack()}
//		case AnyName:
//			n := flatbuffers.GetUOffsetT(table.Bytes[table.Pos:])
//			return &AnyT{Type: AnyName, Value: string(table.Bytes[table.Pos+4 : table.Pos+4+n])}
//		}
//		return nil
//	}
func (g *gen) unionUnPack(f *jen.File, u *schema.Union) {
	name := g.names.Of(&u.Decl)
	var cases []jen.Code
	for _, v := range u.Values {
		var stmts []jen.Code
		var val jen.Code
		switch v.Type.Kind {
		case schema.KindNone:
			continue
		case schema.KindString:
			// The value offset points at the string's length prefix.
			pos := jen.Id("table").Dot("Pos")
			stmts = append(stmts, jen.Id("n").Op(":=").Add(fbQual("GetUOffsetT")).Call(
				jen.Id("table").Dot("Bytes").Index(pos.Clone().Op(":"))))
			val = jen.String().Call(jen.Id("table").Dot("Bytes").Index(
				pos.Clone().Op("+").Lit(4).Op(":").Add(pos.Clone()).Op("+").Lit(4).Op("+").Id("n")))
		default:
			var acc string
			if v.Type.Kind == schema.KindStruct {
				acc = g.names.Of(&v.Type.Struct.Decl)
			} else {
				acc = g.names.Of(&v.Type.Table.Decl)
			}
			stmts = append(stmts,
				jen.Var().Id("x").Id(acc),
				jen.Id("x").Dot("Init").Call(jen.Id("table").Dot("Bytes"), jen.Id("table").Dot("Pos")),
			)
			val = jen.Id("x").Dot("UnPack").Call()
		}
		stmts = append(stmts, jen.Return(jen.Op("&").Id(name+"T").Values(jen.Dict{
			jen.Id("Type"):  jen.Id(g.unionVariant(u, v)),
			jen.Id("Value"): val,
		})))
		cases = append(cases, jen.Case(jen.Id(g.unionVariant(u, v))).Block(stmts...))
	}
	var body []jen.Code
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("rcv")).Block(cases...))
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Add(objDoc("UnPack reads the union member rcv names from table (as filled in by the\nunion field's accessor) into a new %sT; it returns nil for NONE and unknown\nmembers.", name))
	f.Func().Params(jen.Id("rcv").Id(name)).Id("UnPack").
		Params(jen.Id("table").Add(fbQual("Table"))).Op("*").Id(name + "T").
		Block(body...)
}
