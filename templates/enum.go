package templates

// Enum emitter. flatc 25.x `--go` writes, for `enum Color : ubyte { Red = 1 }`:
//
//	type Color byte
//	const ( ColorRed Color = 1 )
//	var EnumNamesColor = map[Color]string{ColorRed: "Red"}
//	var EnumValuesColor = map[string]Color{"Red": ColorRed}
//	func (v Color) String() string
//
// and wsgen writes the same. bit_flags enums get their masks (1<<bit) as
// values and the same String method as flatc (a combination of flags prints
// as "Perm(3)"). Unions reuse this emitter for their discriminant type.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// enumMember is one constant of an enum-like type.
type enumMember struct {
	name  string // schema name, e.g. "Red"
	value jen.Code
	doc   []string
}

// enum emits an enum declaration:
//
//	// doc
//	type Color byte
//
//	const (
//		// member doc
//		ColorRed   Color = 1
//		ColorGreen Color = 2
//	)
//
//	var EnumNamesColor = map[Color]string{...}
//	var EnumValuesColor = map[string]Color{...}
//	func (v Color) String() string {...}
func (g *gen) enum(f *jen.File, e *schema.Enum) {
	members := make([]enumMember, len(e.Values))
	for i, v := range e.Values {
		members[i] = enumMember{name: v.Name, value: valueLit(e.Underlying, v.Value), doc: enumValDoc(v)}
	}
	g.enumLike(f, g.enumName(e), e.Name, basicGoType(e.Underlying), e.Doc, members)
}

// enumLike emits the type, constants, name maps and String method shared
// by enums and union discriminants (see enum).
func (g *gen) enumLike(f *jen.File, name, schemaName, underlying string, doc []string, members []enumMember) {
	// type Color byte
	decl(f, doc).Type().Id(name).Id(underlying)

	// const ( ColorRed Color = 1 ... )
	decl(f, nil).Const().DefsFunc(func(grp *jen.Group) {
		for _, m := range members {
			grp.Add(docComment(m.doc))
			grp.Id(name + m.name).Id(name).Op("=").Add(m.value)
		}
	})

	// var EnumNamesColor = map[Color]string{ ColorRed: "Red", ... }
	decl(f, nil).Var().Id("EnumNames" + name).Op("=").Map(jen.Id(name)).String().ValuesFunc(func(grp *jen.Group) {
		for _, m := range members {
			grp.Line().Id(name + m.name).Op(":").Lit(m.name)
		}
		grp.Line()
	})

	// var EnumValuesColor = map[string]Color{ "Red": ColorRed, ... }
	decl(f, nil).Var().Id("EnumValues" + name).Op("=").Map(jen.String()).Id(name).ValuesFunc(func(grp *jen.Group) {
		for _, m := range members {
			grp.Line().Lit(m.name).Op(":").Id(name + m.name)
		}
		grp.Line()
	})

	// func (v Color) String() string {
	// 	if s, ok := EnumNamesColor[v]; ok {
	// 		return s
	// 	}
	// 	return "Color(" + strconv.FormatInt(int64(v), 10) + ")"
	// }
	decl(f, nil).Func().Params(jen.Id("v").Id(name)).Id("String").Params().String().Block(
		jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Id("EnumNames"+name).Index(jen.Id("v")), jen.Id("ok")).Block(
			jen.Return(jen.Id("s")),
		),
		jen.Return(jen.Lit(schemaName+"(").Op("+").Qual("strconv", "FormatInt").Call(jen.Int64().Call(jen.Id("v")), jen.Lit(10)).Op("+").Lit(")")),
	)
}

// enumValDoc is the doc comment of an enum constant: the value's `///`
// lines, and for a value marked (deprecated) a Go deprecation notice, so
// that linters and gopls flag its uses:
//
//	// Old shade.
//	//
//	// Deprecated: Green is deprecated in the schema.
//	ColorGreen Color = 1
func enumValDoc(v *schema.EnumVal) []string {
	for _, a := range v.Attrs {
		if a.Name != "deprecated" {
			continue
		}
		doc := append([]string(nil), v.Doc...)
		if len(doc) > 0 {
			doc = append(doc, "")
		}
		return append(doc, "Deprecated: "+v.Name+" is deprecated in the schema.")
	}
	return v.Doc
}
