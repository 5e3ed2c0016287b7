package fbs

import (
	"math"
	"sort"

	"github.com/wsgen/wsgen/schema"
)

// enum resolves an enum's underlying type and values.
func (r *resolver) enum(ed *enumDecl) {
	e := ed.en
	r.checkAttrs(e.Attrs, placeEnum)
	_, e.BitFlags = e.Attr("bit_flags")
	if ed.underlying == nil {
		r.errorf(e.Pos, "enum %s must declare its underlying integer type (e.g. ': short')", e.Name)
		return
	}
	ut, ok := r.resolveType(ed.underlying)
	if !ok {
		return
	}
	if !ut.Kind.IsInteger() || ut.Enum != nil {
		r.errorf(ed.underlying.pos, "underlying type of enum %s must be an integer type", e.Name)
		return
	}
	k := ut.Kind
	if e.BitFlags && !k.IsUnsigned() {
		r.errorf(ed.underlying.pos, "underlying type of bit_flags enum %s must be unsigned", e.Name)
		return
	}
	e.Underlying = k
	if len(ed.vals) == 0 {
		// flatc gives an empty enum a NONE = 0 member.
		e.Values = []*schema.EnumVal{{Name: "NONE", Value: schema.Value{Kind: schema.ValueInt}, Pos: ed.closePos}}
		return
	}
	width := uint64(8 * k.Size())
	seen := map[string]*schema.EnumVal{}
	var prev schema.Value
	for i, vd := range ed.vals {
		r.checkAttrs(vd.attrs, placeEnumVal)
		var v schema.Value
		switch {
		case vd.value != nil:
			if vd.value.kind != tokInt {
				r.errorf(vd.value.pos, "enum value %s must be an integer constant", vd.name)
				return
			}
			n, ok := parseNumber(vd.value.text, false)
			if !ok || !fits(n, k) {
				r.errorf(vd.value.pos, "enum value %s = %s does not fit in %s", vd.name, vd.value.text, k)
				return
			}
			v = n
		case i == 0:
			v = schema.Value{Kind: schema.ValueInt}
		default:
			n, ok := nextValue(prev, k)
			if !ok {
				r.errorf(vd.pos, "enum value %s = %s + 1 does not fit in %s", vd.name, formatValue(prev), k)
				return
			}
			v = n
		}
		prev = v
		if e.BitFlags {
			pos := asUint(v)
			if v.Kind == schema.ValueInt && v.Int < 0 || pos >= width {
				r.errorf(vd.pos, "bit flag %s = %s is out of range of %s (bit positions 0 to %d)", vd.name, formatValue(v), k, width-1)
				return
			}
			v = intValue(1<<pos, k)
		}
		ev := &schema.EnumVal{Name: vd.name, Value: v, Doc: vd.doc, Attrs: vd.attrs, Pos: vd.pos}
		if p, dup := seen[vd.name]; dup {
			r.errorf(vd.pos, "enum value %s already declared at %s", vd.name, p.Pos)
			continue
		}
		seen[vd.name] = ev
		e.Values = append(e.Values, ev)
	}
	// flatc orders members by value; generated code follows that order.
	schema.SortEnumValues(e.Values)
	r.uniqueValues(e.Values)
}

// uniqueValues reports two members with the same value; vals are sorted by
// value.
func (r *resolver) uniqueValues(vals []*schema.EnumVal) {
	for i := 1; i < len(vals); i++ {
		a, b := vals[i-1], vals[i]
		if a.Value == b.Value {
			if b.Pos.Before(a.Pos) {
				a, b = b, a
			}
			r.errorf(b.Pos, "enum value %s has the same value (%s) as %s", b.Name, formatValue(b.Value), a.Name)
		}
	}
}

// union resolves a union's members.
func (r *resolver) union(ed *enumDecl) {
	u := ed.un
	r.checkAttrs(u.Attrs, placeUnion)
	if ed.underlying != nil {
		r.errorf(ed.underlying.pos, "union %s cannot have an underlying type", u.Name)
		return
	}
	u.Values = []*schema.UnionVal{{Name: "NONE", Value: 0, Type: schema.Type{Kind: schema.KindNone}, Pos: u.Pos}}
	seen := map[string]*schema.UnionVal{"NONE": u.Values[0]}
	byValue := map[uint8]*schema.UnionVal{0: u.Values[0]}
	prev := 0
	for _, vd := range ed.vals {
		r.checkAttrs(vd.attrs, placeEnumVal)
		v := prev + 1
		if vd.value != nil {
			n, ok := parseNumber(vd.value.text, false)
			if vd.value.kind != tokInt || !ok || !fits(n, schema.KindUint8) {
				r.errorf(vd.value.pos, "union value %s = %s does not fit in ubyte", vd.name, vd.value.text)
				return
			}
			v = int(n.Int)
		} else if v > 255 {
			r.errorf(vd.pos, "union %s has too many members (values above 255)", u.Name)
			return
		}
		prev = v
		t, ok := r.resolveType(vd.utype)
		if !ok {
			continue
		}
		// flatc's rule (its C++ generator): tables, structs and strings.
		// flatc's Go generator accepts only tables; wsgen goes beyond.
		if t.Kind != schema.KindTable && t.Kind != schema.KindStruct && t.Kind != schema.KindString {
			r.errorf(vd.utype.pos, "union member %s must be a table, a struct or a string", vd.name)
			continue
		}
		uv := &schema.UnionVal{Name: vd.name, Value: uint8(v), Type: t, Doc: vd.doc, Attrs: vd.attrs, Pos: vd.pos}
		if p, dup := seen[vd.name]; dup {
			if p.Pos.IsValid() && p != u.Values[0] {
				r.errorf(vd.pos, "union member %s already declared at %s", vd.name, p.Pos)
			} else {
				r.errorf(vd.pos, "union member name %s is reserved", vd.name)
			}
			continue
		}
		if p, dup := byValue[uint8(v)]; dup {
			r.errorf(vd.pos, "union member %s has the same value (%d) as %s", vd.name, v, p.Name)
			continue
		}
		seen[vd.name] = uv
		byValue[uint8(v)] = uv
		u.Values = append(u.Values, uv)
	}
	sort.SliceStable(u.Values, func(i, j int) bool { return u.Values[i].Value < u.Values[j].Value })
}

// nextValue is v+1 if it fits in k.
func nextValue(v schema.Value, k schema.Kind) (schema.Value, bool) {
	var n schema.Value
	switch {
	case v.Kind == schema.ValueUint:
		if v.Uint == math.MaxUint64 {
			return n, false
		}
		n = schema.Value{Kind: schema.ValueUint, Uint: v.Uint + 1}
	case v.Int == math.MaxInt64:
		n = schema.Value{Kind: schema.ValueUint, Uint: 1 << 63}
	default:
		n = schema.Value{Kind: schema.ValueInt, Int: v.Int + 1}
	}
	return n, fits(n, k)
}
