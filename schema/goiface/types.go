package goiface

import (
	"go/token"
	"go/types"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// use says where a type is used, for diagnostics and synthesized names.
type use struct {
	where string    // "field User.Tags"
	pos   token.Pos // reported position
	owner string    // schema name of the table holding the field
	field string    // Go name of the field
}

func (l *loader) errorf(u use, format string, args ...any) {
	args = append([]any{u.where}, args...)
	l.r.Errorf(l.pos(u.pos), "%s: "+format, args...)
}

// claim records that a schema name is taken by obj; a second, different
// claimant is reported.
func (l *loader) claim(name string, obj types.Object, pos token.Pos) {
	if prev, ok := l.used[name]; ok && prev != obj {
		l.r.Errorf(l.pos(pos), "%s: the name is used twice in the schema; rename one of them", name)
		return
	}
	l.used[name] = obj
}

// freeName returns name, or name with a number appended, so that it is not
// yet taken in the schema nor declared in the Go package.
func (l *loader) freeName(name string) string {
	n := name
	for i := 2; ; i++ {
		if _, ok := l.used[n]; !ok && l.p.Types.Scope().Lookup(n) == nil {
			return n
		}
		n = name + strconv.Itoa(i)
	}
}

// table maps a named struct to a table, once; recursive uses get the
// table under construction.
func (l *loader) table(named *types.Named) *schema.Table {
	obj := named.Obj()
	if t, ok := l.tables[obj]; ok {
		return t
	}
	t := &schema.Table{Decl: l.decl(obj.Name(), l.typeDoc(obj), obj.Pos(), obj.Name())}
	l.tables[obj] = t
	l.claim(obj.Name(), obj, obj.Pos())
	if named.TypeParams().Len() > 0 || named.TypeArgs().Len() > 0 {
		l.r.Errorf(l.pos(obj.Pos()), "struct %s: generic structs are not supported; declare a struct without type parameters", obj.Name())
	}
	l.fields(t, named.Underlying().(*types.Struct))
	l.s.Tables = append(l.s.Tables, t)
	return t
}

// tag is a parsed `wsgen:"..."` struct tag.
type tag struct {
	skip  bool
	id    int
	hasID bool
}

func (l *loader) parseTag(u use, raw string) (tag, bool) {
	v, ok := reflect.StructTag(raw).Lookup("wsgen")
	if !ok {
		return tag{}, true
	}
	if v == "-" {
		return tag{skip: true}, true
	}
	var t tag
	for _, part := range strings.Split(v, ",") {
		switch {
		case strings.HasPrefix(part, "id="):
			n, err := strconv.Atoi(strings.TrimPrefix(part, "id="))
			if err != nil || n < 0 || n > 0xfffe/2-2 {
				l.errorf(u, "bad field id %q in tag; write wsgen:\"id=N\" with N a small non-negative integer", part)
				return t, false
			}
			t.id, t.hasID = n, true
		default:
			l.errorf(u, "unknown wsgen tag option %q; the options are \"-\" and \"id=N\"", part)
			return t, false
		}
	}
	return t, true
}

// fields maps the fields of a struct. See docs/go-services.md for the
// rules: exported fields are on the wire, in declaration order unless every
// one has an explicit id; `_` fields hold the id of a retired field.
func (l *loader) fields(t *schema.Table, st *types.Struct) {
	type cand struct {
		v   *types.Var
		tag tag
	}
	var cands []cand
	explicit, implicit := 0, 0
	for i := 0; i < st.NumFields(); i++ {
		v := st.Field(i)
		u := use{where: "field " + t.Name + "." + v.Name(), pos: v.Pos(), owner: t.Name, field: v.Name()}
		tg, ok := l.parseTag(u, st.Tag(i))
		if !ok || tg.skip {
			continue
		}
		if v.Embedded() {
			l.errorf(u, "embedded fields are not supported; give the field a name, or tag it wsgen:\"-\"")
			continue
		}
		if !v.Exported() && v.Name() != "_" {
			continue
		}
		if tg.hasID {
			explicit++
		} else {
			implicit++
		}
		cands = append(cands, cand{v, tg})
	}
	if explicit > 0 && implicit > 0 {
		for _, c := range cands {
			if !c.tag.hasID && c.v.Name() != "_" {
				l.errorf(use{where: "field " + t.Name + "." + c.v.Name(), pos: c.v.Pos()},
					"field ids are all-or-none: %s has wsgen:\"id=N\" tags, so this field needs one too", t.Name)
			}
		}
		return
	}
	byID := map[int]*schema.Field{}
	maxID := -1
	for i, c := range cands {
		v := c.v
		u := use{where: "field " + t.Name + "." + v.Name(), pos: v.Pos(), owner: t.Name, field: v.Name()}
		id := i
		if explicit > 0 {
			if v.Name() == "_" {
				continue // explicit ids need no placeholders
			}
			id = c.tag.id
		}
		if prev, ok := byID[id]; ok {
			l.errorf(u, "field id %d is already used by %s; ids must be unique", id, prev.Go.Name)
			continue
		}
		var f *schema.Field
		if v.Name() == "_" {
			f = removedField(id)
		} else {
			typ, gt, opt, ok := l.fieldType(v.Type(), u)
			if !ok {
				continue
			}
			f = &schema.Field{ID: id, Name: snake(v.Name()), Type: typ, Optional: opt, Go: &schema.GoField{Name: v.Name(), Type: gt}}
			if opt {
				f.Default = schema.Value{Kind: schema.ValueNull}
			}
		}
		f.Pos, f.Doc = l.pos(v.Pos()), l.fieldDoc(v)
		byID[id] = f
		maxID = max(maxID, id)
		t.Fields = append(t.Fields, f)
	}
	seen := map[string]string{}
	for _, f := range t.Fields {
		if prev, ok := seen[f.Name]; ok {
			l.r.Errorf(f.Pos, "field %s.%s: its schema name %s is also the name of %s; rename one of them", t.Name, f.Go.Name, f.Name, prev)
		}
		seen[f.Name] = f.Go.Name
	}
	// Ids must be dense in a schema: a gap left by a removed field is a
	// deprecated placeholder.
	for id := 0; id <= maxID; id++ {
		if byID[id] == nil {
			t.Fields = append(t.Fields, removedField(id))
		}
	}
	sort.SliceStable(t.Fields, func(i, j int) bool { return t.Fields[i].ID < t.Fields[j].ID })
}

// removedField is the deprecated placeholder that keeps the id of a
// retired field: a `_` field, or a gap between explicit ids.
func removedField(id int) *schema.Field {
	return &schema.Field{ID: id, Name: "removed_" + strconv.Itoa(id), Deprecated: true,
		Attrs: []schema.Attr{{Name: "deprecated"}}, Type: schema.Type{Kind: schema.KindBool},
		Go: &schema.GoField{Name: "_"}}
}

// fieldType maps the type of a field or map value. opt reports an optional
// scalar (a pointer to a scalar).
func (l *loader) fieldType(t types.Type, u use) (typ schema.Type, gt *schema.GoType, opt bool, ok bool) {
	t = types.Unalias(t)
	// A named slice or map (type Tags []string) is its underlying type: Go
	// assigns between the two freely.
	if n, isNamed := t.(*types.Named); isNamed && n.TypeArgs().Len() == 0 {
		switch n.Underlying().(type) {
		case *types.Slice, *types.Map:
			t = n.Underlying()
		}
	}
	switch tt := t.(type) {
	case *types.Pointer:
		elem := types.Unalias(tt.Elem())
		et, egt, ok := l.valueType(elem, u)
		if !ok {
			return typ, nil, false, false
		}
		switch {
		case et.Kind.IsScalar():
			return et, &schema.GoType{Kind: schema.GoPointer, Elem: egt}, true, true
		case et.Kind == schema.KindString || et.Kind == schema.KindTable || egt.Kind == schema.GoTime:
			return et, &schema.GoType{Kind: schema.GoPointer, Elem: egt}, false, true
		}
		l.errorf(u, "pointers to %s are not supported; use the value type", l.typeString(elem))
		return typ, nil, false, false
	case *types.Slice:
		elem := types.Unalias(tt.Elem())
		if b, isBasic := elem.Underlying().(*types.Basic); isBasic && b.Kind() == types.Uint8 {
			if _, isNamed := elem.(*types.Named); !isNamed {
				return schema.Type{Kind: schema.KindVector, Elem: &schema.Type{Kind: schema.KindUint8}},
					&schema.GoType{Kind: schema.GoBytes}, false, true
			}
		}
		et, egt, ok := l.elemType(elem, u)
		if !ok {
			return typ, nil, false, false
		}
		return schema.Type{Kind: schema.KindVector, Elem: &et}, &schema.GoType{Kind: schema.GoSlice, Elem: egt}, false, true
	case *types.Map:
		return l.mapType(tt, u)
	}
	et, egt, ok := l.valueType(t, u)
	return et, egt, false, ok
}

// elemType maps the element type of a slice.
func (l *loader) elemType(t types.Type, u use) (schema.Type, *schema.GoType, bool) {
	switch tt := t.(type) {
	case *types.Pointer:
		et, egt, ok := l.valueType(types.Unalias(tt.Elem()), u)
		if ok && et.Kind == schema.KindTable {
			return et, &schema.GoType{Kind: schema.GoPointer, Elem: egt}, true
		}
		if ok {
			l.errorf(u, "slices of pointers to %s are not supported; use []%s", l.typeString(tt.Elem()), l.typeString(tt.Elem()))
		}
		return schema.Type{}, nil, false
	case *types.Slice, *types.Map:
		l.errorf(u, "slices of %s are not supported (FlatBuffers has no nested vectors); wrap the inner value in a struct", l.typeString(t))
		return schema.Type{}, nil, false
	}
	return l.valueType(t, u)
}

// valueType maps a non-pointer, non-slice, non-map type.
func (l *loader) valueType(t types.Type, u use) (schema.Type, *schema.GoType, bool) {
	t = types.Unalias(t)
	switch tt := t.(type) {
	case *types.Basic:
		if tt.Kind() == types.Invalid {
			l.errorf(u, "its type could not be resolved; fix the package's compile errors first")
			return schema.Type{}, nil, false
		}
		k, ok := basicKind(tt)
		if !ok {
			l.errorf(u, "type %s is not supported%s", tt.Name(), basicHint(tt))
			return schema.Type{}, nil, false
		}
		return schema.Type{Kind: k}, &schema.GoType{Kind: schema.GoBasic, Name: tt.Name()}, true
	case *types.Named:
		return l.namedType(tt, u)
	case *types.Struct:
		l.errorf(u, "anonymous struct types are not supported; declare a named struct type")
	case *types.Interface:
		l.errorf(u, "interface types are not supported; use a concrete struct type")
	case *types.Chan:
		l.errorf(u, "channels are not supported; use a streaming method instead")
	case *types.Signature:
		l.errorf(u, "function types are not supported")
	case *types.Array:
		l.errorf(u, "arrays are not supported; use a slice")
	case *types.TypeParam:
		l.errorf(u, "type parameters are not supported")
	case *types.Pointer:
		l.errorf(u, "pointers to pointers are not supported")
	case *types.Slice, *types.Map:
		l.errorf(u, "%s is not supported here (FlatBuffers has no nested vectors); wrap it in a struct", l.typeString(t))
	default:
		l.errorf(u, "type %s is not supported", l.typeString(t))
	}
	return schema.Type{}, nil, false
}

// namedType maps time.Time, time.Duration, structs of the package, enums
// and other named basic types.
func (l *loader) namedType(n *types.Named, u use) (schema.Type, *schema.GoType, bool) {
	obj := n.Obj()
	switch {
	case isNamed(n, "time", "Time"):
		return schema.Type{Kind: schema.KindStruct, Struct: l.timestamp()}, &schema.GoType{Kind: schema.GoTime}, true
	case isNamed(n, "time", "Duration"):
		return schema.Type{Kind: schema.KindInt64}, &schema.GoType{Kind: schema.GoDuration}, true
	case obj.Pkg() == nil:
		l.errorf(u, "type %s is not supported", obj.Name())
		return schema.Type{}, nil, false
	}
	switch under := n.Underlying().(type) {
	case *types.Struct:
		if obj.Pkg() != l.p.Types {
			l.errorf(u, "struct %s is declared in another package; declare the struct in package %s", l.typeString(n), l.p.Name)
			return schema.Type{}, nil, false
		}
		if n.TypeArgs().Len() > 0 {
			l.errorf(u, "generic type %s is not supported; declare a struct without type parameters", l.typeString(n))
			return schema.Type{}, nil, false
		}
		tb := l.table(n)
		return schema.Type{Kind: schema.KindTable, Table: tb}, &schema.GoType{Kind: schema.GoStruct, Name: obj.Name(), Pkg: obj.Pkg().Path()}, true
	case *types.Basic:
		k, ok := basicKind(under)
		if !ok {
			l.errorf(u, "type %s (%s) is not supported%s", l.typeString(n), under.Name(), basicHint(under))
			return schema.Type{}, nil, false
		}
		gt := &schema.GoType{Kind: schema.GoNamed, Name: obj.Name(), Pkg: obj.Pkg().Path(),
			Elem: &schema.GoType{Kind: schema.GoBasic, Name: under.Name()}}
		typ := schema.Type{Kind: k}
		if k.IsInteger() && obj.Pkg() == l.p.Types {
			typ.Enum = l.enum(n, k, u)
		}
		return typ, gt, true
	}
	l.errorf(u, "type %s (%s) is not supported; use a struct, a slice, a map or a basic type", l.typeString(n), l.typeString(n.Underlying()))
	return schema.Type{}, nil, false
}

// mapType maps map[K]V to a vector of entry tables {key: K (key); value: V}.
func (l *loader) mapType(m *types.Map, u use) (schema.Type, *schema.GoType, bool, bool) {
	key := types.Unalias(m.Key())
	kt, kgt, ok := l.valueType(key, u)
	if !ok {
		return schema.Type{}, nil, false, false
	}
	if !(kt.Kind.IsInteger() || kt.Kind == schema.KindString) {
		l.errorf(u, "map keys of type %s are not supported; use a string or an integer key", l.typeString(key))
		return schema.Type{}, nil, false, false
	}
	vu := u
	vu.where += " (map value)"
	vt, vgt, opt, ok := l.fieldType(m.Elem(), vu)
	if !ok {
		return schema.Type{}, nil, false, false
	}
	name := l.freeName(u.owner + u.field + "Entry")
	entry := &schema.Table{Decl: l.decl(name, []string{"One entry of " + u.owner + "." + u.field + ", sorted by key."}, u.pos, "")}
	entry.Decl.Pos = schema.Pos{}
	// A string key is required, as flatc makes every key field.
	kf := &schema.Field{Name: "key", Type: kt, ID: 0, Key: true, Required: kt.Kind == schema.KindString,
		Attrs: []schema.Attr{{Name: "key"}}, Go: &schema.GoField{Type: kgt}}
	vf := &schema.Field{Name: "value", Type: vt, ID: 1, Optional: opt, Go: &schema.GoField{Type: vgt}}
	if opt {
		vf.Default = schema.Value{Kind: schema.ValueNull}
	}
	entry.Fields = []*schema.Field{kf, vf}
	entry.Key = kf
	l.used[name] = nil
	l.s.Tables = append(l.s.Tables, entry)
	return schema.Type{Kind: schema.KindVector, Elem: &schema.Type{Kind: schema.KindTable, Table: entry}},
		&schema.GoType{Kind: schema.GoMap, Key: kgt, Elem: vgt}, false, true
}

// timestamp returns the struct that holds a time.Time:
//
//	struct Timestamp { seconds: long; nanos: int; }
func (l *loader) timestamp() *schema.Struct {
	if l.stamp != nil {
		return l.stamp
	}
	name := l.freeName("Timestamp")
	s := &schema.Struct{Decl: l.decl(name, []string{"An instant: seconds and nanoseconds since the Unix epoch, UTC."}, token.NoPos, "")}
	s.Fields = []*schema.Field{
		{Name: "seconds", Type: schema.Type{Kind: schema.KindInt64}},
		{Name: "nanos", Type: schema.Type{Kind: schema.KindInt32}},
	}
	schema.LayoutStruct(s)
	l.used[name] = nil
	l.s.Structs = append(l.s.Structs, s)
	l.stamp = s
	return s
}

// basicKind maps a basic Go type to its scalar kind; int and uint are 64
// bits on the wire.
func basicKind(b *types.Basic) (schema.Kind, bool) {
	switch b.Kind() {
	case types.Bool:
		return schema.KindBool, true
	case types.Int8:
		return schema.KindInt8, true
	case types.Uint8:
		return schema.KindUint8, true
	case types.Int16:
		return schema.KindInt16, true
	case types.Uint16:
		return schema.KindUint16, true
	case types.Int32:
		return schema.KindInt32, true
	case types.Uint32:
		return schema.KindUint32, true
	case types.Int64, types.Int:
		return schema.KindInt64, true
	case types.Uint64, types.Uint:
		return schema.KindUint64, true
	case types.Float32:
		return schema.KindFloat32, true
	case types.Float64:
		return schema.KindFloat64, true
	case types.String:
		return schema.KindString, true
	}
	return schema.KindNone, false
}

func basicHint(b *types.Basic) string {
	switch b.Kind() {
	case types.Complex64, types.Complex128:
		return "; store the real and imaginary parts as two float fields"
	case types.Uintptr, types.UnsafePointer:
		return "; use a sized integer such as uint64"
	}
	return ""
}
