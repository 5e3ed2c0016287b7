package flatc

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// Random values of schema types, as plain data the checkers compare with
// what flatc and the generated code produce. Every integer is an int64
// (signed kinds) or a uint64 (unsigned kinds), every float a float64
// (exactly representable in a float32 for float fields), every string a Go
// string.

// tableVal is a table value: schema field name -> value. An absent field has
// no entry.
type tableVal map[string]any

// structVal is a struct value: schema field name -> value, every field set.
type structVal map[string]any

// unionVal is a union member and its value (a tableVal or structVal).
type unionVal struct {
	member *schema.UnionVal
	val    any
}

// nestedVal is the content of a nested_flatbuffer field: a whole buffer
// whose root is table.
type nestedVal struct {
	table *schema.Table
	val   tableVal
}

// maxDepth bounds how deep random values nest tables.
const maxDepth = 3

// valueGen draws random values.
type valueGen struct {
	rng *rand.Rand
	// noNested leaves out nested_flatbuffer fields: flatc -b --size-prefixed
	// writes nested flatbuffers size-prefixed too, which no reader expects
	// (C++'s GetNestedRoot reads them plain).
	noNested bool
}

// fields returns the fields of t a value has: not hidden, not deprecated.
func fields(t *schema.Table) []*schema.Field {
	var out []*schema.Field
	for _, f := range t.Fields {
		if !f.Hidden && !f.Deprecated {
			out = append(out, f)
		}
	}
	return out
}

func (g *valueGen) table(t *schema.Table, depth int) tableVal {
	v := tableVal{}
	for _, f := range fields(t) {
		if !f.Required && g.rng.IntN(10) < 3 {
			continue
		}
		if depth >= maxDepth && !f.Required && !isInline(&f.Type) {
			continue
		}
		if g.noNested && f.NestedFlatbuffer != nil && !f.Required {
			continue
		}
		v[f.Name] = g.field(f, depth)
	}
	return v
}

func isInline(t *schema.Type) bool { return t.Kind.IsScalar() || t.Kind == schema.KindStruct }

func (g *valueGen) field(f *schema.Field, depth int) any {
	if f.NestedFlatbuffer != nil {
		return nestedVal{f.NestedFlatbuffer, g.table(f.NestedFlatbuffer, depth+1)}
	}
	return g.value(&f.Type, depth)
}

func (g *valueGen) value(t *schema.Type, depth int) any {
	switch {
	case t.Kind.IsScalar():
		return g.scalar(t)
	case t.Kind == schema.KindString:
		return g.string()
	case t.Kind == schema.KindStruct:
		return g.structVal(t.Struct)
	case t.Kind == schema.KindTable:
		return g.table(t.Table, depth+1)
	case t.Kind == schema.KindUnion:
		return g.union(t.Union, depth)
	case t.Kind == schema.KindArray:
		a := make([]any, t.Len)
		for i := range a {
			a[i] = g.value(t.Elem, depth)
		}
		return a
	case t.Kind == schema.KindVector:
		n := g.rng.IntN(5)
		if depth >= maxDepth && !isInline(t.Elem) {
			n = 0
		}
		a := make([]any, n)
		for i := range a {
			a[i] = g.value(t.Elem, depth)
		}
		if t.Elem.Kind == schema.KindTable && t.Elem.Table.Key != nil {
			a = g.sortedKeys(t.Elem.Table.Key, a)
		}
		return a
	}
	panic("valueGen: unhandled kind " + t.Kind.String())
}

// sortedKeys gives the tables in a distinct keys in ascending order, as a
// keyed vector must have them for binary search. When the key type has too
// few values for all of a, it drops the tables left without a key.
func (g *valueGen) sortedKeys(key *schema.Field, a []any) []any {
	var keys []any
	for try := 0; len(keys) < len(a) && try < 100; try++ {
		k := g.value(&key.Type, 0)
		if f, ok := k.(float64); ok && math.IsNaN(f) {
			continue // NaN has no place in a sorted order
		}
		if !slices.ContainsFunc(keys, func(x any) bool { return compareKeys(x, k) == 0 }) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys)
	a = a[:len(keys)]
	for i := range a {
		a[i].(tableVal)[key.Name] = keys[i]
	}
	return a
}

func compareKeys(a, b any) int {
	switch a := a.(type) {
	case string:
		return strings.Compare(a, b.(string))
	case int64:
		return cmp.Compare(a, b.(int64))
	case uint64:
		return cmp.Compare(a, b.(uint64))
	case float64:
		return cmp.Compare(a, b.(float64))
	case bool:
		x, y := 0, 0
		if a {
			x = 1
		}
		if b.(bool) {
			y = 1
		}
		return cmp.Compare(x, y)
	}
	panic("compareKeys: unhandled key type")
}

func (g *valueGen) structVal(s *schema.Struct) structVal {
	v := structVal{}
	for _, f := range s.Fields {
		v[f.Name] = g.value(&f.Type, 0)
	}
	return v
}

func (g *valueGen) union(u *schema.Union, depth int) unionVal {
	var members []*schema.UnionVal
	for _, m := range u.Values {
		if m.Type.Kind != schema.KindNone {
			members = append(members, m)
		}
	}
	m := members[g.rng.IntN(len(members))]
	return unionVal{m, g.value(&m.Type, depth)}
}

var alphabet = []rune("abcXYZ019 _-\"\\/\té世🙂")

func (g *valueGen) string() string {
	n := g.rng.IntN(8)
	r := make([]rune, n)
	for i := range r {
		r[i] = alphabet[g.rng.IntN(len(alphabet))]
	}
	return string(r)
}

func (g *valueGen) scalar(t *schema.Type) any {
	if t.Enum != nil {
		return g.enum(t.Enum)
	}
	switch k := t.Kind; {
	case k == schema.KindBool:
		return g.rng.IntN(2) == 1
	case k.IsFloat():
		if g.rng.IntN(8) == 0 {
			// (Not -0: builders leave it out as equal to a 0 default.)
			return []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[g.rng.IntN(3)]
		}
		// Quarters below 1000 print exactly in flatc's JSON, whose floats
		// have six significant digits.
		return float64(g.rng.IntN(8000)-4000) / 4
	case k.IsUnsigned():
		max := uint64(1)<<(8*k.Size()) - 1
		if k.Size() == 8 {
			max = math.MaxUint64
		}
		switch g.rng.IntN(4) {
		case 0:
			return uint64(0)
		case 1:
			return max
		}
		return g.rng.Uint64() & max
	default:
		bits := 8 * k.Size()
		min, max := int64(-1)<<(bits-1), int64(1)<<(bits-1)-1
		if bits == 64 {
			min, max = math.MinInt64, math.MaxInt64
		}
		switch g.rng.IntN(5) {
		case 0:
			return min
		case 1:
			return max
		case 2:
			return int64(-1)
		}
		return int64(g.rng.Uint64()) >> (64 - bits)
	}
}

// enum draws one of the declared values, or for bit_flags an OR of some.
func (g *valueGen) enum(e *schema.Enum) any {
	if e.BitFlags {
		var m uint64
		for _, v := range e.Values {
			if g.rng.IntN(2) == 1 {
				m |= enumUint(v)
			}
		}
		if e.Underlying.IsUnsigned() {
			return m
		}
		return int64(m)
	}
	v := e.Values[g.rng.IntN(len(e.Values))]
	if e.Underlying.IsUnsigned() {
		return enumUint(v)
	}
	return v.Value.Int
}

func enumUint(v *schema.EnumVal) uint64 {
	if v.Value.Kind == schema.ValueUint {
		return v.Value.Uint
	}
	return uint64(v.Value.Int)
}
