package schema

import (
	"cmp"
	"slices"
)

// SortEnumValues puts vals in ascending order of value, the order
// Enum.Values is in; members with equal values keep their order. Both
// front ends use it, so they order enums alike.
func SortEnumValues(vals []*EnumVal) {
	slices.SortStableFunc(vals, func(a, b *EnumVal) int { return compareInt(a.Value, b.Value) })
}

// compareInt orders two integer Values numerically. A ValueUint is above
// every ValueInt: it holds only values above MaxInt64.
func compareInt(a, b Value) int {
	switch {
	case a.Kind == ValueUint && b.Kind == ValueUint:
		return cmp.Compare(a.Uint, b.Uint)
	case a.Kind == ValueUint:
		return 1
	case b.Kind == ValueUint:
		return -1
	}
	return cmp.Compare(a.Int, b.Int)
}
