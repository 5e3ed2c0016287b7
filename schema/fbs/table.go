package fbs

import (
	"sort"

	"github.com/wsgen/wsgen/schema"
)

// maxFieldID is the largest field id: its vtable offset 4+2*id must fit
// in a uint16.
const maxFieldID = (0xFFFF - 4) / 2

// table resolves a table's fields, adds the hidden union type fields and
// assigns field ids.
func (r *resolver) table(sd *structDecl) {
	t := sd.tbl
	r.curNS = t.Namespace
	r.checkAttrs(t.Attrs, placeTable)
	seen := map[string]*schema.Field{}
	add := func(f *schema.Field) bool {
		if p, dup := seen[f.Name]; dup {
			if p.Hidden {
				r.errorf(f.Pos, "field %s clashes with the type field of union field %s", f.Name, p.UnionValue.Name)
			} else if f.Hidden {
				r.errorf(f.UnionValue.Pos, "union field %s needs a type field %s, which clashes with the field at %s", f.UnionValue.Name, f.Name, p.Pos)
			} else {
				r.errorf(f.Pos, "field %s already declared at %s", f.Name, p.Pos)
			}
			return false
		}
		seen[f.Name] = f
		return true
	}
	var withID, total int
	for _, fd := range sd.fields {
		f := fd.f
		r.checkAttrs(f.Attrs, placeTableField)
		if _, ok := f.Attr("id"); ok {
			withID++
		}
		total++
		r.fieldNameClash(f, t.Namespace)
		typ, ok := r.resolveType(fd.typ)
		if !ok {
			continue
		}
		f.Type = typ
		if !r.tableFieldType(fd) {
			continue
		}
		var hidden *schema.Field
		if u := unionOf(typ); u != nil {
			ht := schema.Type{Kind: schema.KindUType, Union: u}
			if typ.Kind == schema.KindVector {
				ht = schema.Type{Kind: schema.KindVector, Elem: &schema.Type{Kind: schema.KindUType, Union: u}}
			}
			hidden = &schema.Field{Name: f.Name + "_type", Type: ht, Pos: f.Pos, Hidden: true, UnionValue: f}
			f.UnionType = hidden
			if !add(hidden) {
				continue
			}
		}
		if !add(f) {
			continue
		}
		r.tableFieldRules(t, fd)
		if hidden != nil {
			// As in flatc: a deprecated union's type field is deprecated
			// too; only a vector of types is required with its values
			// (a required union is checked through its value).
			hidden.Deprecated = f.Deprecated
			hidden.Required = f.Required && hidden.Type.Kind == schema.KindVector
			t.Fields = append(t.Fields, hidden)
		}
		t.Fields = append(t.Fields, f)
	}
	r.clashes(t)
	if len(t.Fields) > maxFieldID+1 {
		r.errorf(t.Pos, "table %s has %d fields (union fields count twice); the limit is %d", t.Name, len(t.Fields), maxFieldID+1)
		return
	}
	if withID > 0 && withID != total {
		r.errorf(t.Pos, "either all fields or no fields of table %s must have an 'id' attribute", t.Name)
		return
	}
	if withID == 0 {
		schema.AssignFieldIDs(t)
		return
	}
	r.explicitIDs(t)
}

func unionOf(t schema.Type) *schema.Union {
	if t.Kind == schema.KindUnion {
		return t.Union
	}
	if t.Kind == schema.KindVector && t.Elem.Kind == schema.KindUnion {
		return t.Elem.Union
	}
	return nil
}

// tableFieldType checks the type of a table field.
func (r *resolver) tableFieldType(fd *fieldDecl) bool {
	t := fd.f.Type
	if t.Kind == schema.KindArray {
		r.errorf(fd.typ.pos, "fixed-length array field %s must be wrapped in a struct: arrays are allowed only in structs", fd.f.Name)
		return false
	}
	if t.Kind == schema.KindVector && t.Elem.Kind == schema.KindArray {
		r.errorf(fd.typ.pos, "vectors of fixed-length arrays are not supported (wrap the array in a struct)")
		return false
	}
	return true
}

// tableFieldRules applies the per-field rules of tables: attributes,
// defaults, optional scalars, required, key.
func (r *resolver) tableFieldRules(t *schema.Table, fd *fieldDecl) {
	f := fd.f
	typ := f.Type
	_, f.Deprecated = f.Attr("deprecated")
	if a, ok := f.Attr("required"); ok {
		f.Required = true
		if typ.Kind.IsScalar() {
			r.errorf(a.Pos, "field %s is a scalar and cannot be required (only non-scalar table fields can)", f.Name)
		}
	}
	if a, ok := f.Attr("key"); ok {
		f.Key = true
		switch {
		case t.Key != nil:
			r.errorf(a.Pos, "table %s already has a key field (%s); only one field may be the key", t.Name, t.Key.Name)
		case !(typ.Kind.IsScalar() || typ.Kind == schema.KindString):
			r.errorf(a.Pos, "key field %s must be a scalar or a string", f.Name)
		default:
			t.Key = f
			// As in flatc, a string key is required: lookups by key
			// cannot work on a missing string.
			if typ.Kind == schema.KindString {
				f.Required = true
			}
		}
	}
	r.fieldAttrs(f, true)
	if fd.def != nil {
		v, ok := r.defaultValue(fd, true)
		if ok {
			f.Default = v
			if v.Kind == schema.ValueNull {
				f.Optional = true
				if f.Required {
					r.errorf(fd.def.pos, "field %s cannot be both optional (= null) and required", f.Name)
				}
				if f.Key {
					r.errorf(fd.def.pos, "key field %s cannot be optional (= null)", f.Name)
				}
			}
		}
	} else if typ.Kind.IsScalar() {
		r.checkEnumZero(fd, typ)
	}
}

// clashes reports fields whose generated accessors would collide with the
// accessors flatc generates for another field: a union's `x_type`/`XType`,
// a vector's `x_length`/`XLength`, a string's `x_byte_vector`/`XByteVector`.
func (r *resolver) clashes(t *schema.Table) {
	names := map[string]*schema.Field{}
	for _, f := range t.Fields {
		names[f.Name] = f
	}
	for _, f := range t.Fields {
		var sfx []string
		switch {
		case f.Type.Kind == schema.KindUnion:
			sfx = []string{"Type"}
		case f.Type.Kind == schema.KindVector && !f.Hidden:
			sfx = []string{"_length", "Length"}
		case f.Type.Kind == schema.KindString:
			sfx = []string{"_byte_vector", "ByteVector"}
		}
		for _, s := range sfx {
			if g, ok := names[f.Name+s]; ok && !g.Hidden {
				r.errorf(g.Pos, "field %s clashes with the generated accessor for field %s", g.Name, f.Name)
			}
		}
	}
}

// explicitIDs applies `id` attributes: a union field with id n puts its
// type field at n-1; ids must then run from 0 without gaps or repeats.
func (r *resolver) explicitIDs(t *schema.Table) {
	bad := false
	for _, f := range t.Fields {
		if f.Hidden {
			continue
		}
		a, _ := f.Attr("id")
		n, ok := attrInt(a, maxFieldID)
		if !ok {
			r.errorf(a.Pos, "field %s: id must be an integer from 0 to %d, found %s", f.Name, maxFieldID, quote(a.Value))
			bad = true
			continue
		}
		f.ID = int(n)
		if f.UnionType != nil {
			if n == 0 {
				r.errorf(a.Pos, "union field %s cannot have id 0: its hidden type field takes the id before it", f.Name)
				bad = true
				continue
			}
			f.UnionType.ID = int(n) - 1
		}
	}
	if bad {
		return
	}
	byID := append([]*schema.Field(nil), t.Fields...)
	sort.SliceStable(byID, func(i, j int) bool { return byID[i].ID < byID[j].ID })
	for i, f := range byID {
		if f.ID == i {
			continue
		}
		if f.ID < i {
			// Sorted by id, f repeats the id of the field before it.
			hint := ""
			if f.Hidden {
				hint = " (a union field with id n puts its type field at n-1)"
			}
			r.errorf(idPos(f), "id %d of %s is already used by %s%s", f.ID, describeField(f), describeField(byID[i-1]), hint)
		} else {
			r.errorf(t.Pos, "field ids of table %s must be contiguous from 0: id %d is missing", t.Name, i)
		}
		return
	}
}

// describeField names a field for messages; a hidden type field is named
// after its union field.
func describeField(f *schema.Field) string {
	if f.Hidden {
		return "the type field of union field " + f.UnionValue.Name
	}
	return "field " + f.Name
}

func idPos(f *schema.Field) schema.Pos {
	if f.Hidden {
		f = f.UnionValue
	}
	if a, ok := f.Attr("id"); ok {
		return a.Pos
	}
	return f.Pos
}
