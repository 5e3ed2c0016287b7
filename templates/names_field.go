package templates

// Field name clashes. A field's Go name (its accessor, its object-type
// field, the middle of XAddF and XStartFVector) is flatc's UpperCamel
// spelling (`hit_points` -> HitPoints), except where that would not
// compile. Fields are taken in id order; a field gets a trailing "_" (until
// it is free) when its name is already taken in its table or struct by:
//
//   - a method every reader or object type has: Init, Table, UnPack,
//     UnPackTo, Pack, and LookupByKey on a table with a key;
//   - an earlier field with the same Go name (`foo_bar` and `fooBar`);
//   - a method generated for another field (`mutate_x` next to a scalar
//     `x`, whose mutator is MutateX): the field named like the generated
//     method yields, whatever the order, and the other keeps flatc's API.
//
// So `table: int` reads as Table_(), `init` as Init_(), `mutate_x` as
// MutateX_(). A union field's hidden type field follows its union field
// (`pack_type` of `pack` is Pack_Type). The clashes flatc itself rejects
// (`x_length` next to a vector `x`, `x_type` next to a union `x`) are
// rejected by the front end.

import (
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// fieldMethods lists the methods the reader type gets for field f when its
// Go name is n, besides n itself (see table_fields.go and struct.go).
func fieldMethods(f *schema.Field, n string, inStruct bool) []string {
	t := &f.Type
	var out []string
	switch {
	case inStruct && t.Kind == schema.KindArray:
		out = append(out, n+"Length")
		if t.Elem.Kind.IsScalar() {
			out = append(out, "Mutate"+n)
		}
	case inStruct && t.Kind.IsScalar():
		out = append(out, "Mutate"+n)
	case t.Kind.IsScalar():
		out = append(out, "Mutate"+n)
	case t.Kind == schema.KindVector:
		out = append(out, n+"Length")
		if t.Elem.Kind == schema.KindUint8 {
			out = append(out, n+"Bytes")
			if f.NestedFlatbuffer != nil {
				out = append(out, n+"NestedRoot")
			}
		}
		if t.Elem.Kind.IsScalar() {
			out = append(out, "Mutate"+n)
		}
		if t.Elem.Kind == schema.KindTable && t.Elem.Table.Key != nil {
			out = append(out, n+"ByKey")
		}
	}
	var u *schema.Union
	if t.Kind == schema.KindUnion {
		u = t.Union
	} else if t.Kind == schema.KindVector && t.Elem.Kind == schema.KindUnion {
		u = t.Elem.Union
	}
	if u != nil {
		// The hidden type field's accessors, and FAsM (union_members.go).
		ty := n + "Type"
		out = append(out, ty, "Mutate"+ty)
		if t.Kind == schema.KindVector {
			out = append(out, ty+"Length")
		}
		for _, m := range u.Values {
			if m.Type.Kind == schema.KindStruct || m.Type.Kind == schema.KindString {
				out = append(out, n+"As"+strings.ReplaceAll(m.Name, ".", "_"))
			}
		}
	}
	return out
}

// nameFields decides the Go names of fields (see the top of this file).
// Deprecated fields get no accessors and keep their plain spelling; hidden
// union type fields are named after their union field.
func (n *Names) nameFields(fields []*schema.Field, inStruct, keyed bool) {
	taken := map[string]bool{"Init": true, "Table": true, "UnPack": true, "UnPackTo": true, "Pack": true}
	if keyed {
		taken["LookupByKey"] = true
	}
	var live []*schema.Field
	for _, f := range fields {
		if f.Deprecated || f.Hidden {
			n.field[f] = UpperCamel(f.Name)
			continue
		}
		live = append(live, f)
	}
	// Names generated for fields under their flatc spelling: a field named
	// like one of them yields.
	generated := map[string]*schema.Field{}
	for _, f := range live {
		for _, m := range fieldMethods(f, UpperCamel(f.Name), inStruct) {
			generated[m] = f
		}
	}
	for _, f := range live {
		name := UpperCamel(f.Name)
		for {
			if g, ok := generated[name]; !taken[name] && (!ok || g == f) {
				break
			}
			name += "_"
		}
		n.field[f] = name
		taken[name] = true
		for _, m := range fieldMethods(f, name, inStruct) {
			taken[m] = true
		}
	}
	for _, f := range fields {
		if f.Hidden && f.UnionValue != nil {
			n.field[f] = n.field[f.UnionValue] + "Type"
		}
	}
}

// Field returns the Go name of a table or struct field: its accessor, its
// object-type field and the F in XAddF.
func (n *Names) Field(f *schema.Field) string {
	if s, ok := n.field[f]; ok {
		return s
	}
	return UpperCamel(f.Name)
}

// fieldName is the Go name of a field (Names.Field).
func (g *gen) fieldName(f *schema.Field) string { return g.names.Field(f) }

// localName is the name of a parameter or local variable derived from a
// field's Go name: first letter lower-cased, and "_" appended when that is a
// keyword, a predeclared identifier, an imported package or "builder".
func localName(goName string) string {
	s := goName
	if s != "" && s[0] != '_' {
		s = string(toLower(s[0])) + s[1:]
	}
	if reservedIdent(s) || s == "builder" {
		s += "_"
	}
	return s
}
