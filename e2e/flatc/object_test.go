package flatc

import (
	"fmt"
	"reflect"

	flatbuffers "github.com/google/flatbuffers/go"
	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/templates"
)

// The object API (XT, ST and UT types, Pack, UnPack) driven by reflection
// from the schema model: toObject fills an object from a random value, and
// checkObject compares an unpacked object with the value.

// goTypes are the generated Go types of one golden package, by the
// declaration's full schema name: readers (X, S) and objects (XT, ST).
type goTypes struct {
	readers map[string]reflect.Type
	objects map[string]reflect.Type
}

func (g *goTypes) object(d *schema.Decl) (reflect.Type, error) {
	if t, ok := g.objects[d.FullName()]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("no object type registered for %s", d.FullName())
}

func (g *goTypes) reader(d *schema.Decl) (reflect.Type, error) {
	if t, ok := g.readers[d.FullName()]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("no reader type registered for %s", d.FullName())
}

// objBuilder turns random values into objects.
type objBuilder struct {
	types *goTypes
}

// table returns a *XT holding v.
func (o *objBuilder) table(t *schema.Table, v tableVal) (reflect.Value, error) {
	typ, err := o.types.object(&t.Decl)
	if err != nil {
		return reflect.Value{}, err
	}
	p := reflect.New(typ)
	for _, f := range fields(t) {
		fv := p.Elem().FieldByName(templates.UpperCamel(f.Name))
		if !fv.IsValid() {
			return reflect.Value{}, fmt.Errorf("%s has no field %s", typ, templates.UpperCamel(f.Name))
		}
		x, ok := v[f.Name]
		if !ok {
			// An object has no "absent" for scalars: the field holds the
			// schema default, which Pack then leaves out of the buffer.
			if f.Type.Kind.IsScalar() && !f.Optional {
				setScalar(fv, defaultValue(f))
			}
			continue
		}
		if f.NestedFlatbuffer != nil {
			n := x.(nestedVal)
			buf, err := o.pack(n.table, n.val, "", false)
			if err != nil {
				return reflect.Value{}, err
			}
			fv.SetBytes(buf)
			continue
		}
		if err := o.set(fv, &f.Type, x); err != nil {
			return reflect.Value{}, fmt.Errorf("%s.%s: %w", typ, templates.UpperCamel(f.Name), err)
		}
	}
	return p, nil
}

// pack builds a buffer with root t holding v through the object API, with
// the file identifier ident when it is not empty, and a size prefix when
// sizePrefixed is set.
func (o *objBuilder) pack(t *schema.Table, v tableVal, ident string, sizePrefixed bool) (buf []byte, err error) {
	obj, err := o.table(t, v)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("Pack panicked: %v", r)
		}
	}()
	b := flatbuffers.NewBuilder(0)
	out := obj.MethodByName("Pack").Call([]reflect.Value{reflect.ValueOf(b)})
	off := flatbuffers.UOffsetT(out[0].Uint())
	switch {
	case sizePrefixed && ident != "":
		b.FinishSizePrefixedWithFileIdentifier(off, []byte(ident))
	case sizePrefixed:
		b.FinishSizePrefixed(off)
	case ident != "":
		b.FinishWithFileIdentifier(off, []byte(ident))
	default:
		b.Finish(off)
	}
	return b.FinishedBytes(), nil
}

// set stores x, a value of schema type t, into fv.
func (o *objBuilder) set(fv reflect.Value, t *schema.Type, x any) error {
	switch t.Kind {
	case schema.KindString:
		if fv.Kind() == reflect.Interface { // a union's Value
			fv.Set(reflect.ValueOf(x.(string)))
		} else {
			fv.SetString(x.(string))
		}
	case schema.KindStruct:
		typ, err := o.types.object(&t.Struct.Decl)
		if err != nil {
			return err
		}
		p := reflect.New(typ)
		sv := x.(structVal)
		for _, f := range t.Struct.Fields {
			sf := p.Elem().FieldByName(templates.UpperCamel(f.Name))
			if !sf.IsValid() {
				return fmt.Errorf("%s has no field %s", typ, templates.UpperCamel(f.Name))
			}
			if err := o.set(sf, &f.Type, sv[f.Name]); err != nil {
				return err
			}
		}
		fv.Set(p)
	case schema.KindTable:
		p, err := o.table(t.Table, x.(tableVal))
		if err != nil {
			return err
		}
		fv.Set(p)
	case schema.KindUnion:
		u := x.(unionVal)
		p := reflect.New(fv.Type().Elem())
		setScalar(p.Elem().FieldByName("Type"), uint64(u.member.Value))
		val := reflect.New(reflect.TypeFor[any]()).Elem()
		if err := o.set(val, &u.member.Type, u.val); err != nil {
			return err
		}
		p.Elem().FieldByName("Value").Set(val)
		fv.Set(p)
	case schema.KindVector:
		xs := x.([]any)
		s := reflect.MakeSlice(fv.Type(), len(xs), len(xs))
		for i := range xs {
			if err := o.set(s.Index(i), t.Elem, xs[i]); err != nil {
				return err
			}
		}
		fv.Set(s)
	case schema.KindArray:
		xs := x.([]any)
		if fv.Len() != len(xs) {
			return fmt.Errorf("array %s has length %d, schema says %d", fv.Type(), fv.Len(), len(xs))
		}
		for i := range xs {
			if err := o.set(fv.Index(i), t.Elem, xs[i]); err != nil {
				return err
			}
		}
	default:
		if fv.Kind() == reflect.Pointer { // optional scalar
			p := reflect.New(fv.Type().Elem())
			setScalar(p.Elem(), x)
			fv.Set(p)
			return nil
		}
		setScalar(fv, x)
	}
	return nil
}

// setScalar stores x (bool, int64, uint64 or float64) into fv, whatever its
// Go number type.
func setScalar(fv reflect.Value, x any) {
	switch fv.Kind() {
	case reflect.Bool:
		fv.SetBool(x.(bool))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		switch x := x.(type) {
		case int64:
			fv.SetInt(x)
		case uint64:
			fv.SetInt(int64(x))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		switch x := x.(type) {
		case int64:
			fv.SetUint(uint64(x))
		case uint64:
			fv.SetUint(x)
		}
	case reflect.Float32, reflect.Float64:
		fv.SetFloat(x.(float64))
	default:
		panic(fmt.Sprintf("setScalar: %s", fv.Type()))
	}
}

// reflectCanon is canon for a Go number, of schema kind k.
func reflectCanon(k schema.Kind, rv reflect.Value) string {
	switch rv.Kind() {
	case reflect.Bool:
		return canon(k, rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return canon(k, rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return canon(k, rv.Uint())
	case reflect.Float32, reflect.Float64:
		return canon(k, rv.Float())
	}
	return fmt.Sprintf("?%s", rv.Type())
}

// checkObject compares obj (a *XT from UnPack) with v.
func (c *checker) checkObject(path string, types *goTypes, t *schema.Table, v tableVal, obj reflect.Value) {
	if obj.IsNil() {
		c.errorf(path, "nil object")
		return
	}
	for _, f := range fields(t) {
		p := path + "." + f.Name
		fv := obj.Elem().FieldByName(templates.UpperCamel(f.Name))
		if !fv.IsValid() {
			c.errorf(p, "%s has no field %s", obj.Type(), templates.UpperCamel(f.Name))
			continue
		}
		x, present := v[f.Name]
		switch {
		case f.Type.Kind.IsScalar():
			switch {
			case f.Optional && !present:
				if !fv.IsNil() {
					c.errorf(p, "absent optional is %v", fv.Elem())
				}
			case f.Optional:
				if fv.IsNil() {
					c.errorf(p, "nil, want %s", canon(f.Type.Kind, x))
				} else if got, want := reflectCanon(f.Type.Kind, fv.Elem()), canon(f.Type.Kind, x); got != want {
					c.errorf(p, "%s, want %s", got, want)
				}
			case present:
				if got, want := reflectCanon(f.Type.Kind, fv), canon(f.Type.Kind, x); got != want {
					c.errorf(p, "%s, want %s", got, want)
				}
			default:
				if got, want := reflectCanon(f.Type.Kind, fv), defaultCanon(f); got != want {
					c.errorf(p, "%s, want the default %s", got, want)
				}
			}
		case !present:
			switch fv.Kind() {
			case reflect.String, reflect.Slice:
				if fv.Len() != 0 {
					c.errorf(p, "absent field unpacked as %.100v", fv)
				}
			case reflect.Pointer:
				if !fv.IsNil() && !(f.Type.Kind == schema.KindUnion && fv.Elem().FieldByName("Type").IsZero()) {
					c.errorf(p, "absent field unpacked as %.100v", fv.Elem())
				}
			}
		case f.NestedFlatbuffer != nil:
			n := x.(nestedVal)
			c.checkNested(p, types, n, fv.Bytes())
		default:
			c.objValue(p, types, &f.Type, x, fv)
		}
	}
}

// checkNested reads buf as a nested flatbuffer holding n.
func (c *checker) checkNested(path string, types *goTypes, n nestedVal, buf []byte) {
	rt, err := types.reader(&n.table.Decl)
	if err != nil {
		c.errorf(path, "%v", err)
		return
	}
	if len(buf) < 4 {
		c.errorf(path, "nested flatbuffer of %d bytes", len(buf))
		return
	}
	r := reflect.New(rt)
	r.MethodByName("Init").Call([]reflect.Value{reflect.ValueOf(buf), reflect.ValueOf(flatbuffers.GetUOffsetT(buf))})
	c.checkAccessors(path, types, n.table, n.val, r)
}

func (c *checker) objValue(path string, types *goTypes, t *schema.Type, x any, fv reflect.Value) {
	switch t.Kind {
	case schema.KindString:
		if fv.String() != x.(string) {
			c.errorf(path, "%q, want %q", fv.String(), x)
		}
	case schema.KindStruct:
		if fv.IsNil() {
			c.errorf(path, "nil struct")
			return
		}
		sv := x.(structVal)
		for _, f := range t.Struct.Fields {
			c.objValue(path+"."+f.Name, types, &f.Type, sv[f.Name], fv.Elem().FieldByName(templates.UpperCamel(f.Name)))
		}
	case schema.KindTable:
		c.checkObject(path, types, t.Table, x.(tableVal), fv)
	case schema.KindUnion:
		u := x.(unionVal)
		if fv.IsNil() {
			c.errorf(path, "nil union, want %s", u.member.Name)
			return
		}
		if got := reflectCanon(schema.KindUint8, fv.Elem().FieldByName("Type")); got != canon(schema.KindUint8, uint64(u.member.Value)) {
			c.errorf(path, "union type %s, want %d (%s)", got, u.member.Value, u.member.Name)
			return
		}
		val := fv.Elem().FieldByName("Value")
		if val.IsNil() {
			c.errorf(path, "union value nil")
			return
		}
		c.objValue(path+"<"+u.member.Name+">", types, &u.member.Type, u.val, val.Elem())
	case schema.KindVector, schema.KindArray:
		xs := x.([]any)
		if fv.Len() != len(xs) {
			c.errorf(path, "%d elements, want %d", fv.Len(), len(xs))
			return
		}
		for i := range xs {
			c.objValue(fmt.Sprintf("%s[%d]", path, i), types, t.Elem, xs[i], fv.Index(i))
		}
	default:
		if got, want := reflectCanon(t.Kind, fv), canon(t.Kind, x); got != want {
			c.errorf(path, "%s, want %s", got, want)
		}
	}
}
