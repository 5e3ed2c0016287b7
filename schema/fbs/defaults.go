package fbs

import (
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// defaultValue interprets a field's `= value` for the field's type.
func (r *resolver) defaultValue(fd *fieldDecl, table bool) (schema.Value, bool) {
	f, d, t := fd.f, fd.def, fd.f.Type
	if d.kind == tokIdent && d.text == "null" {
		if !table || !t.Kind.IsScalar() {
			r.errorf(d.pos, "only scalar table fields can be optional (= null); %s is %s", f.Name, typeName(t))
			return schema.Value{}, false
		}
		if t.Enum != nil && t.Enum.Lookup("null") != nil {
			r.errorf(d.pos, "= null is ambiguous: enum %s has a value named null", t.Enum.Name)
			return schema.Value{}, false
		}
		return schema.Value{Kind: schema.ValueNull}, true
	}
	switch {
	case t.Kind == schema.KindUnion:
		// flatc 2.0.8 refuses any default here, even NONE.
		r.errorf(d.pos, "union field %s cannot have a default value", f.Name)
		return schema.Value{}, false
	case !t.Kind.IsScalar():
		r.errorf(d.pos, "field %s of type %s cannot have a default value (only scalars can)", f.Name, typeName(t))
		return schema.Value{}, false
	case t.Kind == schema.KindBool:
		return r.boolDefault(f, d)
	case t.Kind.IsFloat():
		return r.floatDefault(f, d)
	}
	return r.intDefault(f, d, t)
}

func (r *resolver) boolDefault(f *schema.Field, d *valueExpr) (schema.Value, bool) {
	switch {
	case d.kind == tokIdent && d.text == "true", d.kind == tokInt && d.text == "1":
		return schema.Value{Kind: schema.ValueBool, Bool: true}, true
	case d.kind == tokIdent && d.text == "false", d.kind == tokInt && d.text == "0":
		return schema.Value{Kind: schema.ValueBool, Bool: false}, true
	}
	r.errorf(d.pos, "default value %s for bool field %s must be true, false, 0 or 1", d.text, f.Name)
	return schema.Value{}, false
}

func (r *resolver) floatDefault(f *schema.Field, d *valueExpr) (schema.Value, bool) {
	text := d.text
	if d.kind == tokString {
		text = strings.TrimSpace(text)
	}
	if v, ok := floatWord(text); ok {
		return schema.Value{Kind: schema.ValueFloat, Float: v}, true
	}
	if isHexInt(d) {
		r.errorf(d.pos, "hexadecimal default %s for %s field %s needs a p exponent (e.g. %sp0)", d.text, f.Type.Kind, f.Name, d.text)
		return schema.Value{}, false
	}
	if d.kind != tokIdent {
		if v, ok := parseNumber(text, true); ok {
			if f.Type.Kind == schema.KindFloat32 && overflows32(v.Float) {
				r.errorf(d.pos, "default value %s does not fit in float field %s", d.text, f.Name)
				return schema.Value{}, false
			}
			return v, true
		}
	}
	r.errorf(d.pos, "invalid default value %s for %s field %s", quoteIf(d), f.Type.Kind, f.Name)
	return schema.Value{}, false
}

func overflows32(f float64) bool {
	const max32 = 3.40282346638528859811704183484516925440e+38
	return (f > max32 || f < -max32) && f-f == 0
}

func quoteIf(d *valueExpr) string {
	if d.kind == tokString {
		return quote(d.text)
	}
	return d.text
}

// intDefault handles integer and enum fields: numbers, enum value names
// (`Blue`, `Color.Blue`), and strings holding either (for bit_flags enums,
// several names separated by spaces).
func (r *resolver) intDefault(f *schema.Field, d *valueExpr, t schema.Type) (schema.Value, bool) {
	k := t.Kind
	var v schema.Value
	var ev *schema.EnumVal
	switch d.kind {
	case tokInt:
		n, ok := parseNumber(d.text, false)
		if !ok {
			r.errorf(d.pos, "invalid default value %s for %s field %s", d.text, k, f.Name)
			return schema.Value{}, false
		}
		v = n
	case tokIdent, tokString:
		words := []string{d.text}
		if d.kind == tokString {
			words = strings.Fields(d.text)
			if len(words) == 1 {
				if n, ok := parseNumber(words[0], false); ok {
					v = n
					break
				}
			}
		}
		if len(words) == 0 {
			r.errorf(d.pos, "empty default value for field %s", f.Name)
			return schema.Value{}, false
		}
		if len(words) > 1 && (t.Enum == nil || !t.Enum.BitFlags) {
			r.errorf(d.pos, "default value %s for field %s: only bit_flags enums take several names", quote(d.text), f.Name)
			return schema.Value{}, false
		}
		var mask uint64
		for _, w := range words {
			e, ok := r.enumValue(f, d, t, w)
			if !ok {
				return schema.Value{}, false
			}
			mask |= asUint(e.Value)
			ev = e
		}
		v = intValue(mask, k)
		if len(words) > 1 {
			ev = nil
		} else {
			v = ev.Value
		}
	default:
		r.errorf(d.pos, "invalid default value %s for %s field %s", d.text, k, f.Name)
		return schema.Value{}, false
	}
	if !fits(v, k) {
		r.errorf(d.pos, "default value %s does not fit in %s field %s", quoteIf(d), k, f.Name)
		return schema.Value{}, false
	}
	if t.Enum != nil && !t.Enum.BitFlags && ev == nil {
		for _, e := range t.Enum.Values {
			if e.Value == v {
				ev = e
			}
		}
		if ev == nil {
			r.errorf(d.pos, "default value %s for field %s is not a value of enum %s", d.text, f.Name, t.Enum.Name)
			return schema.Value{}, false
		}
	}
	v.Enum = ev
	return v, true
}

// enumValue finds the enum value a default names: a member of the field's
// enum, or `Enum.Member` (qualified, for any integer field).
func (r *resolver) enumValue(f *schema.Field, d *valueExpr, t schema.Type, word string) (*schema.EnumVal, bool) {
	en := t.Enum
	name := word
	if i := strings.LastIndexByte(word, '.'); i >= 0 {
		s, ok := r.lookup(word[:i], r.curNS)
		if !ok || s.en == nil || s.en.union || s.en.en.Underlying == schema.KindNone {
			r.errorf(d.pos, "unknown enum %s in default value of field %s", word[:i], f.Name)
			return nil, false
		}
		if en != nil && s.en.en != en {
			r.errorf(d.pos, "default value %s of field %s names enum %s, not the field's enum %s", word, f.Name, s.en.en.Name, en.Name)
			return nil, false
		}
		en, name = s.en.en, word[i+1:]
	}
	if en == nil {
		r.errorf(d.pos, "invalid default value %s for %s field %s", word, t.Kind, f.Name)
		return nil, false
	}
	ev := en.Lookup(name)
	if ev == nil {
		r.errorf(d.pos, "enum %s has no value %s (default of field %s)", en.Name, name, f.Name)
		return nil, false
	}
	return ev, true
}

// isHexInt reports whether d is an integer literal written in hex (a float
// field's default then needs flatc's p exponent).
func isHexInt(d *valueExpr) bool {
	if d.kind != tokInt {
		return false
	}
	t := strings.TrimLeft(d.text, "+-")
	return len(t) > 1 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')
}
