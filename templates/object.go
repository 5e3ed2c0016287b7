package templates

// The object API: for every table, struct and union a plain Go type ("T"
// suffix) with Pack and UnPack, as `flatc --go --gen-object-api` emits it.
//
// The emitted code keeps flatc's names and signatures exactly. Where flatc's
// Go output is unsafe or incomplete, wsgen's differs in behaviour only:
//
//   - keyed vectors (vectors of tables with a `key` field) are sorted by key
//     when packed, so LookupByKey works on the result (flatc's Go Pack keeps
//     the caller's order; its C++ Pack sorts);
//   - nil elements of vectors of tables and structs are packed as empty
//     tables and zero structs, and nil nested structs as zero structs, where
//     flatc writes a broken offset or panics;
//   - a union whose Value does not match its Type packs as an absent value
//     instead of panicking, and a union type is written only together with
//     a value (also in vectors of unions, where such elements become NONE);
//   - `shared` strings are written with CreateSharedString;
//   - byte vectors ([ubyte]) are copied on UnPack, so an object never aliases
//     the buffer it came from (the runtime recycles buffers);
//   - fixed-size arrays (Go arrays [N]T) and vectors of unions ([]*UT) are
//     supported; so are union members that are structs or strings (Value
//     *ST or string), though the .fbs front end rejects those for Go today.
//
// Otherwise Pack writes the same bytes as flatc's.
//
// Files: object.go (shared helpers and the table object type), object_pack.go
// (table Pack), object_unpack.go (table UnPack), object_struct.go, and
// object_union.go.

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// objName returns the object-API type name of a declaration: "MonsterT".
func (g *gen) objName(d *schema.Decl) string { return g.names.Of(d) + "T" }

// objType returns the object-API Go type of a field or element type
// (flatc's NativeType, plus arrays):
//
//	int16 | Color | string | []T | [N]T | *Vec3T | *MonsterT | *AnyT
func (g *gen) objType(t *schema.Type) *jen.Statement {
	switch t.Kind {
	case schema.KindString:
		return jen.String()
	case schema.KindVector:
		return jen.Index().Add(g.objType(t.Elem))
	case schema.KindArray:
		return jen.Index(jen.Lit(t.Len)).Add(g.objType(t.Elem))
	case schema.KindStruct:
		return jen.Op("*").Id(g.objName(&t.Struct.Decl))
	case schema.KindTable:
		return jen.Op("*").Id(g.objName(&t.Table.Decl))
	case schema.KindUnion:
		return jen.Op("*").Id(g.objName(&t.Union.Decl))
	}
	return g.scalarType(t)
}

// objIsBytes reports whether a field is a plain [ubyte] vector, which the
// object API holds as []byte and packs with CreateByteString.
func objIsBytes(t *schema.Type) bool {
	return t.Kind == schema.KindVector && t.Elem.Kind == schema.KindUint8 && t.Elem.Enum == nil
}

// objFields returns the fields the object type carries: all but deprecated
// ones and the hidden union discriminants (carried in the union's T type).
func objFields(fields []*schema.Field) []*schema.Field {
	var out []*schema.Field
	for _, f := range fields {
		if f.Deprecated || f.Hidden || f.Type.Kind == schema.KindUType {
			continue
		}
		out = append(out, f)
	}
	return out
}

// objTableFields returns a table's objFields in id order, as flatc lists
// them (it sorts a table's fields by explicit id), so that the object type's
// field order and Pack's byte layout match flatc's.
func objTableFields(t *schema.Table) []*schema.Field {
	fields := objFields(t.Fields)
	slices.SortStableFunc(fields, func(a, b *schema.Field) int { return cmp.Compare(a.ID, b.ID) })
	return fields
}

// objStructType emits the object type of a table or struct:
//
//	// MonsterT is the object API form of Monster: ...
//	type MonsterT struct {
//		Pos  *Vec3T  `json:"pos"`
//		Mana int16   `json:"mana"`
//		Opt  *int32  `json:"opt"`
//		Name string  `json:"name"`
//	}
//
// fields are those objFields (structs) or objTableFields (tables) returns.
func (g *gen) objStructType(f *jen.File, d *schema.Decl, fields []*schema.Field, what string) {
	name := g.names.Of(d)
	f.Add(objDoc("%sT is the object API form of the %s %s: plain Go values that\nPack writes into a Builder and %s.UnPack reads back.", name, what, name, name))
	var members []jen.Code
	for _, fl := range fields {
		typ := g.objType(&fl.Type)
		if fl.Optional {
			typ = jen.Op("*").Add(typ)
		}
		members = append(members, jen.Id(g.fieldName(fl)).Add(typ).Tag(map[string]string{"json": fl.Name}))
	}
	f.Type().Id(name + "T").Struct(members...)
}

// tableObject emits the object API of a table: the XT type, Pack, UnPackTo
// and UnPack.
func (g *gen) tableObject(f *jen.File, t *schema.Table) {
	g.objStructType(f, &t.Decl, objTableFields(t), "table")
	g.tablePack(f, t)
	g.tableUnPackTo(f, t)
	g.objUnPack(f, &t.Decl)
}

// objUnPack emits UnPack for a table or struct accessor type:
//
//	func (rcv *Monster) UnPack() *MonsterT {
//		if rcv == nil {
//			return nil
//		}
//		t := &MonsterT{}
//		rcv.UnPackTo(t)
//		return t
//	}
func (g *gen) objUnPack(f *jen.File, d *schema.Decl) {
	name := g.names.Of(d)
	f.Add(objDoc("UnPack returns the contents of rcv as a new %sT, or nil when rcv is nil.", name))
	f.Func().Params(jen.Id("rcv").Op("*").Id(name)).Id("UnPack").Params().Op("*").Id(name+"T").Block(
		jen.If(jen.Id("rcv").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Id("t").Op(":=").Op("&").Id(name+"T").Values(),
		jen.Id("rcv").Dot("UnPackTo").Call(jen.Id("t")),
		jen.Return(jen.Id("t")),
	)
}

// objDoc renders a doc comment as `//` lines; format and args as for
// fmt.Sprintf.
func objDoc(format string, args ...any) jen.Code {
	return docComment(strings.Split(fmt.Sprintf(format, args...), "\n"))
}
