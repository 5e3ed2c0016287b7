package flatc

import (
	"fmt"
	"reflect"

	flatbuffers "github.com/google/flatbuffers/go"
	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/templates"
)

// The generated readers (flatc's accessor API) driven by reflection from the
// schema model: checkAccessors reads every field of a table through its
// accessors and compares it with the value written.

// call calls the method name of recv with args, reporting a missing method
// or a wrong signature as an error.
func call(recv reflect.Value, name string, args ...any) ([]reflect.Value, error) {
	m := recv.MethodByName(name)
	if !m.IsValid() {
		return nil, fmt.Errorf("%s has no method %s", recv.Type(), name)
	}
	if m.Type().NumIn() != len(args) {
		return nil, fmt.Errorf("%s.%s takes %d arguments, want %d", recv.Type(), name, m.Type().NumIn(), len(args))
	}
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		if a == nil { // a fresh object of the parameter's type
			in[i] = reflect.New(m.Type().In(i).Elem())
			continue
		}
		in[i] = reflect.ValueOf(a)
		if !in[i].Type().AssignableTo(m.Type().In(i)) {
			if in[i].CanConvert(m.Type().In(i)) {
				in[i] = in[i].Convert(m.Type().In(i))
			} else {
				return nil, fmt.Errorf("%s.%s argument %d is %s, not %s", recv.Type(), name, i, m.Type().In(i), in[i].Type())
			}
		}
	}
	return m.Call(in), nil
}

// checkAccessors compares what the accessors of r (a *X reading a table t)
// return with v.
func (c *checker) checkAccessors(path string, types *goTypes, t *schema.Table, v tableVal, r reflect.Value) {
	for _, f := range fields(t) {
		p := path + "." + f.Name
		if err := c.accessField(p, types, f, v, r); err != nil {
			c.errorf(p, "%v", err)
		}
	}
}

func (c *checker) accessField(path string, types *goTypes, f *schema.Field, v tableVal, r reflect.Value) error {
	name := templates.UpperCamel(f.Name)
	x, present := v[f.Name]
	switch k := f.Type.Kind; {
	case k.IsScalar():
		out, err := call(r, name)
		if err != nil {
			return err
		}
		got := out[0]
		if f.Optional {
			if !present {
				if !got.IsNil() {
					c.errorf(path, "absent optional reads %v", got.Elem())
				}
				return nil
			}
			if got.IsNil() {
				c.errorf(path, "reads nil, want %s", canon(k, x))
				return nil
			}
			got = got.Elem()
		}
		want := defaultCanon(f)
		if present {
			want = canon(k, x)
		}
		if g := reflectCanon(k, got); g != want {
			c.errorf(path, "reads %s, want %s", g, want)
		}
	case k == schema.KindString:
		out, err := call(r, name)
		if err != nil {
			return err
		}
		want, _ := x.(string)
		if got := out[0].Bytes(); string(got) != want || (!present && got != nil) {
			c.errorf(path, "reads %q, want %q", got, want)
		}
	case k == schema.KindStruct || k == schema.KindTable:
		out, err := call(r, name, nil)
		if err != nil {
			return err
		}
		if !present {
			if !out[0].IsNil() {
				c.errorf(path, "absent field reads non-nil")
			}
			return nil
		}
		if out[0].IsNil() {
			c.errorf(path, "reads nil")
			return nil
		}
		return c.accessValue(path, types, &f.Type, x, out[0])
	case k == schema.KindUnion:
		typ, err := call(r, templates.UpperCamel(f.UnionType.Name))
		if err != nil {
			return err
		}
		var tab flatbuffers.Table
		out, err := call(r, name, &tab)
		if err != nil {
			return err
		}
		if !present {
			if !typ[0].IsZero() || out[0].Bool() {
				c.errorf(path, "absent union reads type %v", typ[0])
			}
			return nil
		}
		if err := c.accessUnion(path, types, x.(unionVal), typ[0], out[0].Bool(), tab); err != nil {
			return err
		}
		return c.accessUnionAs(path, types, x.(unionVal), r, name)
	case k == schema.KindVector:
		return c.accessVector(path, types, f, x, present, r)
	default:
		return fmt.Errorf("unhandled kind %s", f.Type.Kind)
	}
	return nil
}

func (c *checker) accessUnion(path string, types *goTypes, u unionVal, typ reflect.Value, ok bool, tab flatbuffers.Table) error {
	if got := reflectCanon(schema.KindUint8, typ); got != canon(schema.KindUint8, uint64(u.member.Value)) {
		c.errorf(path, "union type %s, want %d (%s)", got, u.member.Value, u.member.Name)
		return nil
	}
	if !ok {
		c.errorf(path, "union value absent")
		return nil
	}
	var d *schema.Decl
	switch u.member.Type.Kind {
	case schema.KindTable:
		d = &u.member.Type.Table.Decl
	case schema.KindStruct:
		d = &u.member.Type.Struct.Decl
	case schema.KindString:
		// The value offset points at the string's length prefix.
		if int(tab.Pos)+4 > len(tab.Bytes) {
			c.errorf(path, "string member at %d runs past the buffer", tab.Pos)
			return nil
		}
		n := flatbuffers.GetUOffsetT(tab.Bytes[tab.Pos:])
		if int(tab.Pos)+4+int(n) > len(tab.Bytes) {
			c.errorf(path, "string member of length %d runs past the buffer", n)
			return nil
		}
		if got := string(tab.Bytes[tab.Pos+4 : tab.Pos+4+n]); got != u.val.(string) {
			c.errorf(path+"<"+u.member.Name+">", "%q, want %q", got, u.val)
		}
		return nil
	default:
		return fmt.Errorf("union member %s: unhandled kind %s", u.member.Name, u.member.Type.Kind)
	}
	rt, err := types.reader(d)
	if err != nil {
		return err
	}
	m := reflect.New(rt)
	if _, err := call(m, "Init", tab.Bytes, tab.Pos); err != nil {
		return err
	}
	return c.accessValue(path+"<"+u.member.Name+">", types, &u.member.Type, u.val, m)
}

// accessUnionAs checks the typed accessor wsgen adds for a struct or
// string union member M of the union field name (beyond flatc):
// FAsM(obj) / FAsM() for a single union, FAsM(obj, j) / FAsM(j) for a
// vector of unions.
func (c *checker) accessUnionAs(path string, types *goTypes, u unionVal, r reflect.Value, name string, index ...int) error {
	as := name + "As" + templates.UpperCamel(u.member.Name)
	var args []any
	switch u.member.Type.Kind {
	case schema.KindStruct:
		args = append(args, nil)
	case schema.KindString:
	default:
		return nil // table members keep flatc's API only
	}
	for _, j := range index {
		args = append(args, j)
	}
	out, err := call(r, as, args...)
	if err != nil {
		return err
	}
	p := path + "<" + as + ">"
	if u.member.Type.Kind == schema.KindString {
		if got := string(out[0].Bytes()); got != u.val.(string) || out[0].IsNil() {
			c.errorf(p, "%q, want %q", got, u.val)
		}
		return nil
	}
	if out[0].IsNil() {
		c.errorf(p, "nil")
		return nil
	}
	return c.accessValue(p, types, &u.member.Type, u.val, out[0])
}

// accessValue checks a struct or table reader r against x.
func (c *checker) accessValue(path string, types *goTypes, t *schema.Type, x any, r reflect.Value) error {
	if t.Kind == schema.KindTable {
		c.checkAccessors(path, types, t.Table, x.(tableVal), r)
		return nil
	}
	sv := x.(structVal)
	for _, f := range t.Struct.Fields {
		p := path + "." + f.Name
		if err := c.accessStructField(p, types, f, sv[f.Name], r); err != nil {
			c.errorf(p, "%v", err)
		}
	}
	return nil
}

func (c *checker) accessStructField(path string, types *goTypes, f *schema.Field, x any, r reflect.Value) error {
	name := templates.UpperCamel(f.Name)
	switch f.Type.Kind {
	case schema.KindStruct:
		out, err := call(r, name, nil)
		if err != nil {
			return err
		}
		if out[0].IsNil() {
			c.errorf(path, "reads nil")
			return nil
		}
		return c.accessValue(path, types, &f.Type, x, out[0])
	case schema.KindArray:
		xs := x.([]any)
		n, err := call(r, name+"Length")
		if err != nil {
			return err
		}
		if int(n[0].Int()) != len(xs) {
			c.errorf(path, "length %d, want %d", n[0].Int(), len(xs))
			return nil
		}
		for j := range xs {
			p := fmt.Sprintf("%s[%d]", path, j)
			if f.Type.Elem.Kind == schema.KindStruct {
				out, err := call(r, name, nil, j)
				if err != nil {
					return err
				}
				if err := c.accessValue(p, types, f.Type.Elem, xs[j], out[0]); err != nil {
					return err
				}
				continue
			}
			out, err := call(r, name, j)
			if err != nil {
				return err
			}
			if got, want := reflectCanon(f.Type.Elem.Kind, out[0]), canon(f.Type.Elem.Kind, xs[j]); got != want {
				c.errorf(p, "reads %s, want %s", got, want)
			}
		}
	default:
		out, err := call(r, name)
		if err != nil {
			return err
		}
		if got, want := reflectCanon(f.Type.Kind, out[0]), canon(f.Type.Kind, x); got != want {
			c.errorf(path, "reads %s, want %s", got, want)
		}
	}
	return nil
}

func (c *checker) accessVector(path string, types *goTypes, f *schema.Field, x any, present bool, r reflect.Value) error {
	name := templates.UpperCamel(f.Name)
	n, err := call(r, name+"Length")
	if err != nil {
		return err
	}
	if f.NestedFlatbuffer != nil || f.Type.Elem.Kind == schema.KindUint8 && f.Type.Elem.Enum == nil {
		b, err := call(r, name+"Bytes")
		if err != nil {
			return err
		}
		if b[0].Len() != int(n[0].Int()) {
			c.errorf(path, "%sBytes has %d bytes, %sLength says %d", name, b[0].Len(), name, n[0].Int())
		}
		if f.NestedFlatbuffer != nil {
			if present {
				c.checkNested(path, types, x.(nestedVal), b[0].Bytes())
			} else if n[0].Int() != 0 {
				c.errorf(path, "absent nested flatbuffer has %d bytes", n[0].Int())
			}
			// Beyond flatc: FNestedRoot() reads the nested buffer's root.
			root, err := call(r, name+"NestedRoot")
			if err != nil {
				return err
			}
			switch {
			case !present && !root[0].IsNil():
				c.errorf(path, "%sNestedRoot of an absent field is not nil", name)
			case present && root[0].IsNil():
				c.errorf(path, "%sNestedRoot is nil", name)
			case present:
				n := x.(nestedVal)
				c.checkAccessors(path+"(NestedRoot)", types, n.table, n.val, root[0])
			}
			return nil
		}
	}
	xs, _ := x.([]any)
	if int(n[0].Int()) != len(xs) {
		c.errorf(path, "length %d, want %d", n[0].Int(), len(xs))
		return nil
	}
	elem := f.Type.Elem
	for j := range xs {
		p := fmt.Sprintf("%s[%d]", path, j)
		switch {
		case elem.Kind == schema.KindUnion:
			typ, err := call(r, templates.UpperCamel(f.UnionType.Name), j)
			if err != nil {
				return err
			}
			var tab flatbuffers.Table
			out, err := call(r, name, &tab, j)
			if err != nil {
				return err
			}
			if err := c.accessUnion(p, types, xs[j].(unionVal), typ[0], out[0].Bool(), tab); err != nil {
				return err
			}
			if err := c.accessUnionAs(p, types, xs[j].(unionVal), r, name, j); err != nil {
				return err
			}
		case elem.Kind == schema.KindStruct || elem.Kind == schema.KindTable:
			obj := reflect.Value{}
			out, err := callObj(r, name, &obj, j)
			if err != nil {
				return err
			}
			if !out {
				c.errorf(p, "reads false")
				continue
			}
			if err := c.accessValue(p, types, elem, xs[j], obj); err != nil {
				return err
			}
		case elem.Kind == schema.KindString:
			out, err := call(r, name, j)
			if err != nil {
				return err
			}
			if got := string(out[0].Bytes()); got != xs[j].(string) {
				c.errorf(p, "reads %q, want %q", got, xs[j])
			}
		default:
			out, err := call(r, name, j)
			if err != nil {
				return err
			}
			if got, want := reflectCanon(elem.Kind, out[0]), canon(elem.Kind, xs[j]); got != want {
				c.errorf(p, "reads %s, want %s", got, want)
			}
		}
	}
	if elem.Kind == schema.KindUnion {
		tn, err := call(r, templates.UpperCamel(f.UnionType.Name)+"Length")
		if err != nil {
			return err
		}
		if int(tn[0].Int()) != len(xs) {
			c.errorf(path, "%d union types, want %d", tn[0].Int(), len(xs))
		}
	}
	if elem.Kind == schema.KindTable && elem.Table.Key != nil {
		return c.accessByKey(path, f, xs, r)
	}
	return nil
}

// callObj calls the element accessor F(obj *T, j int) bool with a fresh obj
// and returns it through obj.
func callObj(r reflect.Value, name string, obj *reflect.Value, j int) (bool, error) {
	m := r.MethodByName(name)
	if !m.IsValid() {
		return false, fmt.Errorf("%s has no method %s", r.Type(), name)
	}
	if m.Type().NumIn() != 2 || m.Type().In(0).Kind() != reflect.Pointer {
		return false, fmt.Errorf("%s.%s is %s, want func(obj *T, j int) bool", r.Type(), name, m.Type())
	}
	*obj = reflect.New(m.Type().In(0).Elem())
	out := m.Call([]reflect.Value{*obj, reflect.ValueOf(j)})
	return out[0].Bool(), nil
}

// accessByKey looks every element of a keyed vector up by its key with the
// generated FByKey accessor.
func (c *checker) accessByKey(path string, f *schema.Field, xs []any, r reflect.Value) error {
	key := f.Type.Elem.Table.Key
	name := templates.UpperCamel(f.Name) + "ByKey"
	for j, x := range xs {
		k := x.(tableVal)[key.Name]
		m := r.MethodByName(name)
		if !m.IsValid() {
			return fmt.Errorf("%s has no method %s", r.Type(), name)
		}
		kv := reflect.New(m.Type().In(1)).Elem()
		if s, ok := k.(string); ok {
			kv.SetString(s)
		} else {
			setScalar(kv, k)
		}
		obj := reflect.New(m.Type().In(0).Elem())
		if !m.Call([]reflect.Value{obj, kv})[0].Bool() {
			c.errorf(fmt.Sprintf("%s[%d]", path, j), "%s(%v) finds nothing", name, k)
			continue
		}
		got, err := call(obj, templates.UpperCamel(key.Name))
		if err != nil {
			return err
		}
		var g string
		if key.Type.Kind == schema.KindString {
			g = string(got[0].Bytes())
			if g != k.(string) {
				c.errorf(fmt.Sprintf("%s[%d]", path, j), "%s(%q) finds key %q", name, k, g)
			}
		} else if g, want := reflectCanon(key.Type.Kind, got[0]), canon(key.Type.Kind, k); g != want {
			c.errorf(fmt.Sprintf("%s[%d]", path, j), "%s(%s) finds key %s", name, want, g)
		}
	}
	return nil
}
