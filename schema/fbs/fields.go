package fbs

import (
	"math/bits"
	"strconv"

	"github.com/wsgen/wsgen/schema"
)

// structFields resolves a struct's fields and checks what a struct may hold.
func (r *resolver) structFields(sd *structDecl) {
	s := sd.st
	r.curNS = s.Namespace
	r.checkAttrs(s.Attrs, placeStruct)
	seen := map[string]*schema.Field{}
	var key *schema.Field
	for _, fd := range sd.fields {
		f := fd.f
		r.checkAttrs(f.Attrs, placeStructField)
		if p, dup := seen[f.Name]; dup {
			r.errorf(f.Pos, "field %s already declared at %s", f.Name, p.Pos)
			continue
		}
		seen[f.Name] = f
		r.fieldNameClash(f, s.Namespace)
		t, ok := r.resolveType(fd.typ)
		if !ok {
			continue
		}
		f.Type = t
		elem := t
		if t.Kind == schema.KindArray {
			elem = *t.Elem
		}
		if !(elem.Kind.IsScalar() || elem.Kind == schema.KindStruct) {
			r.errorf(fd.typ.pos, "struct field %s must be a scalar, enum, struct or fixed-length array of those, not %s", f.Name, typeName(t))
			continue
		}
		if _, ok := f.Attr("deprecated"); ok {
			r.errorf(f.Pos, "struct field %s cannot be deprecated", f.Name)
		}
		if _, ok := f.Attr("required"); ok {
			r.errorf(f.Pos, "struct field %s cannot be required: struct fields are always present", f.Name)
		}
		if a, ok := f.Attr("key"); ok {
			f.Key = true
			switch {
			case key != nil:
				r.errorf(a.Pos, "struct %s already has a key field (%s); only one field may be the key", s.Name, key.Name)
			case !t.Kind.IsScalar():
				// flatc 2.0.8's rule; newer flatc also takes arrays and
				// structs, which mean nothing to Go.
				r.errorf(a.Pos, "key field %s must be a scalar, not %s", f.Name, typeName(t))
			}
			key = f
		}
		r.fieldAttrs(f, false)
		if fd.def != nil {
			if t.Kind == schema.KindArray || t.Kind == schema.KindStruct {
				r.errorf(fd.def.pos, "struct field %s cannot have a default value", f.Name)
				continue
			}
			if v, ok := r.defaultValue(fd, false); ok && !isZero(v) {
				r.errorf(fd.def.pos, "struct field %s cannot have a default value", f.Name)
			}
		} else {
			r.checkEnumZero(fd, elem)
		}
		s.Fields = append(s.Fields, f)
	}
	if len(sd.fields) == 0 {
		r.errorf(s.Pos, "struct %s has no fields (size 0 structs are not allowed)", s.Name)
	}
}

// maxStructSize bounds a struct's size: nothing larger fits in a buffer
// (offsets are 32-bit and signed in places).
const maxStructSize = 1<<31 - 1

// layout computes s's layout after the structs it contains, reporting a
// struct that contains itself.
func (r *resolver) layout(s *schema.Struct) bool {
	switch r.layoutState[s] {
	case 1:
		r.errorf(s.Pos, "struct %s contains itself", s.Name)
		return false
	case 2:
		return true
	case 3:
		return false
	}
	r.layoutState[s] = 1
	ok := true
	for _, f := range s.Fields {
		t := f.Type
		if t.Kind == schema.KindArray {
			t = *t.Elem
		}
		if t.Kind == schema.KindStruct && !r.layout(t.Struct) {
			ok = false
		}
	}
	if !ok {
		r.layoutState[s] = 3
		return false
	}
	natural := 1
	for _, f := range s.Fields {
		if a := f.Type.InlineAlign(); a > natural {
			natural = a
		}
	}
	if a, has := s.Attr("force_align"); has {
		n, ok := attrInt(a, 256)
		if !ok || n < int64(natural) || bits.OnesCount64(uint64(n)) != 1 {
			r.errorf(a.Pos, "force_align value %s must be a power of two from the struct's natural alignment %d to 256", a.Value, natural)
		} else {
			s.ForceAlign = int(n)
		}
	}
	schema.LayoutStruct(s)
	if s.Size > maxStructSize {
		r.errorf(s.Pos, "struct %s is too large (%d bytes; the limit is %d)", s.Name, s.Size, maxStructSize)
		r.layoutState[s] = 3
		return false
	}
	r.layoutState[s] = 2
	return true
}

// typeName spells a resolved type for messages.
func typeName(t schema.Type) string {
	switch t.Kind {
	case schema.KindVector:
		return "[" + typeName(*t.Elem) + "]"
	case schema.KindArray:
		return "[" + typeName(*t.Elem) + ":" + strconv.Itoa(t.Len) + "]"
	case schema.KindStruct:
		return "struct " + t.Struct.Name
	case schema.KindTable:
		return "table " + t.Table.Name
	case schema.KindUnion:
		return "union " + t.Union.Name
	}
	if t.Enum != nil {
		return "enum " + t.Enum.Name
	}
	return t.Kind.String()
}

func isZero(v schema.Value) bool {
	switch v.Kind {
	case schema.ValueNone:
		return true
	case schema.ValueInt:
		return v.Int == 0
	case schema.ValueUint:
		return v.Uint == 0
	case schema.ValueFloat:
		return v.Float == 0
	case schema.ValueBool:
		return !v.Bool
	}
	return false
}

// fieldAttrs checks the attributes shared by struct and table fields.
func (r *resolver) fieldAttrs(f *schema.Field, table bool) {
	t := f.Type
	if a, ok := f.Attr("hash"); ok {
		k := t.Kind
		if k == schema.KindVector {
			k = t.Elem.Kind
		}
		var algs []string
		switch k {
		case schema.KindInt16, schema.KindUint16:
			algs = []string{"fnv1_16", "fnv1a_16"}
		case schema.KindInt32, schema.KindUint32:
			algs = []string{"fnv1_32", "fnv1a_32"}
		case schema.KindInt64, schema.KindUint64:
			algs = []string{"fnv1_64", "fnv1a_64"}
		}
		switch {
		case algs == nil:
			r.errorf(a.Pos, "attribute hash applies only to short, ushort, int, uint, long and ulong fields")
		case a.Value != algs[0] && a.Value != algs[1]:
			r.errorf(a.Pos, "unknown hash algorithm %s for %s (want %s or %s)", a.Value, k, algs[0], algs[1])
		}
	}
	if a, ok := f.Attr("cpp_type"); ok {
		if _, hashed := f.Attr("hash"); !hashed {
			r.errorf(a.Pos, "attribute cpp_type can only be used with a hashed field")
		}
	}
	if a, ok := f.Attr("shared"); ok {
		f.Shared = true
		if t.Kind != schema.KindString {
			r.errorf(a.Pos, "attribute shared applies only to string fields")
		}
	}
	if a, ok := f.Attr("native_custom_alloc"); ok {
		r.errorf(a.Pos, "attribute native_custom_alloc applies only to tables and structs")
	}
	if a, ok := f.Attr("native_inline"); ok {
		ok := t.Kind == schema.KindStruct || t.Kind == schema.KindVector && (t.Elem.Kind == schema.KindStruct || t.Elem.Kind == schema.KindTable)
		if !ok {
			r.errorf(a.Pos, "attribute native_inline applies only to structs and vectors of structs or tables")
		}
	}
	ubyteVec := t.Kind == schema.KindVector && t.Elem.Kind == schema.KindUint8 && t.Elem.Enum == nil
	if a, ok := f.Attr("flexbuffer"); ok && !ubyteVec {
		r.errorf(a.Pos, "attribute flexbuffer applies only to [ubyte] fields")
	}
	if a, ok := f.Attr("nested_flatbuffer"); ok {
		switch {
		case !table:
			r.errorf(a.Pos, "attribute nested_flatbuffer applies only to [ubyte] table fields")
		case !ubyteVec:
			r.errorf(a.Pos, "attribute nested_flatbuffer applies only to [ubyte] fields")
		default:
			s, found := r.lookup(a.Value, r.curNS)
			switch {
			case !found:
				r.errorf(a.Pos, "unknown nested_flatbuffer root type %s", a.Value)
			case s.st == nil || s.st.fixed:
				r.errorf(a.Pos, "nested_flatbuffer root type %s must be a table", a.Value)
			default:
				f.NestedFlatbuffer = s.st.tbl
			}
		}
	}
}

// checkEnumZero reports an enum-typed field without a default whose enum
// has no zero value (flatc's rule: the implicit default 0 must be a member,
// except for bit_flags enums).
func (r *resolver) checkEnumZero(fd *fieldDecl, t schema.Type) {
	if t.Enum == nil || t.Enum.BitFlags || len(t.Enum.Values) == 0 {
		return
	}
	for _, v := range t.Enum.Values {
		if isZero(v.Value) {
			return
		}
	}
	r.errorf(fd.f.Pos, "field %s needs an explicit default: enum %s has no value 0", fd.f.Name, t.Enum.Name)
}

// fieldNameClash reports a field named like a table or struct visible from
// ns (flatc's rule).
func (r *resolver) fieldNameClash(f *schema.Field, ns []string) {
	if s, ok := r.lookup(f.Name, ns); ok && s.st != nil {
		r.errorf(f.Pos, "field %s has the same name as %s %s", f.Name, kindWord(s), s.decl().FullName())
	}
}

func kindWord(s symbol) string {
	switch {
	case s.st != nil && s.st.fixed:
		return "struct"
	case s.st != nil:
		return "table"
	case s.en.union:
		return "union"
	}
	return "enum"
}
