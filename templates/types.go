package templates

// Mapping from the schema model to Go types, flatbuffers library calls and
// constants, shared by the enum, union, struct and table emitters. It follows
// flatc's Go generator: ubyte and union discriminants are `byte`, byte is
// `int8`, and the library method suffix is the Go type with its first letter
// upper-cased (GetByte, PrependInt16Slot, MutateFloat64).

import (
	"math"
	"strconv"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// flatbuffersPkg is the import path of the flatbuffers Go library that the
// generated code calls.
const flatbuffersPkg = "github.com/google/flatbuffers/go"

// fbQual names an identifier of the flatbuffers library: flatbuffers.<name>.
func fbQual(name string) *jen.Statement { return jen.Qual(flatbuffersPkg, name) }

// basicGoType is flatc's Go spelling of a scalar kind.
func basicGoType(k schema.Kind) string {
	switch k {
	case schema.KindUType, schema.KindUint8:
		return "byte"
	case schema.KindBool:
		return "bool"
	case schema.KindInt8:
		return "int8"
	case schema.KindInt16:
		return "int16"
	case schema.KindUint16:
		return "uint16"
	case schema.KindInt32:
		return "int32"
	case schema.KindUint32:
		return "uint32"
	case schema.KindInt64:
		return "int64"
	case schema.KindUint64:
		return "uint64"
	case schema.KindFloat32:
		return "float32"
	case schema.KindFloat64:
		return "float64"
	}
	return "byte"
}

// accessSuffix is the suffix of the library's accessor for a scalar kind:
// Get<suffix>, Mutate<suffix>, Prepend<suffix>Slot.
func accessSuffix(k schema.Kind) string {
	b := basicGoType(k)
	return string(toUpper(b[0])) + b[1:]
}

// enumTypeName is the Go name of the enum or union a scalar type is declared
// with, or "" for a plain scalar.
func (g *gen) enumTypeName(t *schema.Type) string {
	switch {
	case t.Enum != nil:
		return g.names.Of(&t.Enum.Decl)
	case t.Kind == schema.KindUType && t.Union != nil:
		return g.names.Of(&t.Union.Decl)
	}
	return ""
}

// scalarType is the Go type of a scalar: the enum's type name, or the basic
// type.
func (g *gen) scalarType(t *schema.Type) *jen.Statement {
	if n := g.enumTypeName(t); n != "" {
		return jen.Id(n)
	}
	return jen.Id(basicGoType(t.Kind))
}

// castToEnum wraps v in a conversion to t's enum type, if it has one:
// Color(v).
func (g *gen) castToEnum(t *schema.Type, v jen.Code) *jen.Statement {
	if n := g.enumTypeName(t); n != "" {
		return jen.Id(n).Call(v)
	}
	return jen.Add(v)
}

// castToBase wraps v in a conversion to t's basic type if t is an enum:
// byte(v).
func (g *gen) castToBase(t *schema.Type, v jen.Code) *jen.Statement {
	if g.enumTypeName(t) != "" {
		return jen.Id(basicGoType(t.Kind)).Call(v)
	}
	return jen.Add(v)
}

// structName, tableName, enumName and unionName are the Go type names of
// declarations.
func (g *gen) structName(s *schema.Struct) string { return g.names.Of(&s.Decl) }
func (g *gen) tableName(t *schema.Table) string   { return g.names.Of(&t.Decl) }
func (g *gen) enumName(e *schema.Enum) string     { return g.names.Of(&e.Decl) }
func (g *gen) unionName(u *schema.Union) string   { return g.names.Of(&u.Decl) }

// compositeName is the Go type name of a struct or table type.
func (g *gen) compositeName(t *schema.Type) string {
	if t.Kind == schema.KindStruct {
		return g.structName(t.Struct)
	}
	return g.tableName(t.Table)
}

// zeroLit is the zero value of a scalar kind as flatc writes it: false or 0.
func zeroLit(k schema.Kind) jen.Code {
	if k == schema.KindBool {
		return jen.False()
	}
	return jen.Lit(0)
}

// scalarConst renders a field's default as flatc does: nil for optional
// scalars, true/false, integers as written, and float32(math.Inf(1)) and
// friends for non-finite floats.
func scalarConst(f *schema.Field) jen.Code {
	if f.Optional {
		return jen.Nil()
	}
	return valueLit(f.Type.Kind, f.Default)
}

// valueLit renders v as a constant of kind k (untyped where Go allows).
func valueLit(k schema.Kind, v schema.Value) jen.Code {
	switch {
	case k == schema.KindBool:
		switch v.Kind {
		case schema.ValueBool:
			return jen.Lit(v.Bool)
		case schema.ValueInt:
			return jen.Lit(v.Int != 0)
		case schema.ValueUint:
			return jen.Lit(v.Uint != 0)
		}
		return jen.False()
	case k.IsFloat():
		bits, typ := 64, "float64"
		if k == schema.KindFloat32 {
			bits, typ = 32, "float32"
		}
		var x float64
		switch v.Kind {
		case schema.ValueFloat:
			x = v.Float
		case schema.ValueInt:
			return jen.Op(strconv.FormatInt(v.Int, 10))
		case schema.ValueUint:
			return jen.Op(strconv.FormatUint(v.Uint, 10))
		case schema.ValueBool:
			if v.Bool {
				return jen.Lit(1)
			}
		}
		switch {
		case math.IsNaN(x):
			return jen.Id(typ).Call(jen.Qual("math", "NaN").Call())
		case math.IsInf(x, 1):
			return jen.Id(typ).Call(jen.Qual("math", "Inf").Call(jen.Lit(1)))
		case math.IsInf(x, -1):
			return jen.Id(typ).Call(jen.Qual("math", "Inf").Call(jen.Lit(-1)))
		}
		return jen.Op(strconv.FormatFloat(x, 'g', -1, bits))
	}
	switch v.Kind {
	case schema.ValueInt:
		return jen.Op(strconv.FormatInt(v.Int, 10))
	case schema.ValueUint:
		return jen.Op(strconv.FormatUint(v.Uint, 10))
	case schema.ValueBool:
		if v.Bool {
			return jen.Lit(1)
		}
	case schema.ValueFloat:
		return jen.Op(strconv.FormatInt(int64(v.Float), 10))
	}
	return jen.Lit(0)
}

// tab is the receiver's flatbuffers table: rcv._tab.
func tab() *jen.Statement { return jen.Id("rcv").Dot("_tab") }

// decl starts a top-level declaration in f: a blank line, then the `///`
// doc lines as Go comments. Emitters chain the declaration onto it:
// decl(f, doc).Func()...
func decl(f *jen.File, doc []string) *jen.Statement {
	s := f.Line()
	for _, l := range doc {
		s.Add(commentLine(l)).Line()
	}
	return s
}

// docComment renders `///` lines as Go comments, for use inside a group.
func docComment(lines []string) jen.Code {
	if len(lines) == 0 {
		return jen.Null()
	}
	s := jen.Empty()
	for i, l := range lines {
		if i > 0 {
			s.Line()
		}
		s.Add(commentLine(l))
	}
	return s
}

// commentLine is one comment line; an empty line stays "//".
func commentLine(l string) jen.Code {
	if l == "" {
		return jen.Comment("//")
	}
	return jen.Comment(l)
}
