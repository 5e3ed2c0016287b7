package flatc

import (
	"maps"
	"math"

	"github.com/wsgen/wsgen/schema"
)

// The checkers are only as good as their ability to see a difference. For
// every field a value has, mutated returns a copy of the value with that
// field changed, and the interop test asserts that each checker then
// reports a mismatch at that field.

// mutations returns, for every field of v that can be changed into a value
// that reads differently, the field's name and the changed copy of v.
func mutations(t *schema.Table, v tableVal) map[string]tableVal {
	out := map[string]tableVal{}
	for _, f := range fields(t) {
		x, ok := v[f.Name]
		if !ok {
			continue
		}
		m, ok := any(nil), true // a nested flatbuffer is dropped
		if f.NestedFlatbuffer == nil {
			m, ok = mutate(&f.Type, x)
		}
		if !ok {
			continue
		}
		c := maps.Clone(v)
		if m == nil {
			delete(c, f.Name)
		} else {
			c[f.Name] = m
		}
		out[f.Name] = c
	}
	return out
}

// mutate returns x changed so that it reads differently, nil meaning "drop
// the field", or false when x has no such change (an empty vector reads like
// an absent one).
func mutate(t *schema.Type, x any) (any, bool) {
	switch t.Kind {
	case schema.KindString:
		return x.(string) + "!", true
	case schema.KindTable, schema.KindUnion:
		return nil, true
	case schema.KindStruct:
		sv := maps.Clone(x.(structVal))
		f := t.Struct.Fields[0]
		m, ok := mutate(&f.Type, sv[f.Name])
		sv[f.Name] = m
		return sv, ok
	case schema.KindArray:
		xs := append([]any(nil), x.([]any)...)
		m, ok := mutate(t.Elem, xs[0])
		xs[0] = m
		return xs, ok
	case schema.KindVector:
		xs := x.([]any)
		if len(xs) == 0 {
			return nil, false
		}
		return xs[:len(xs)-1], true
	}
	switch x := x.(type) {
	case bool:
		return !x, true
	case int64:
		return x ^ 1, true
	case uint64:
		return x ^ 1, true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0.5, true
		}
		return x + 1, true
	}
	return nil, false
}
