package fbs

import (
	"github.com/wsgen/wsgen/schema"
)

// place is where an attribute is written.
type place int

const (
	placeTable place = 1 << iota
	placeStruct
	placeEnum
	placeUnion
	placeEnumVal
	placeTableField
	placeStructField
	placeService
	placeMethod
)

const (
	placeField = placeTableField | placeStructField
	placeType  = placeTable | placeStruct | placeEnum | placeUnion
	placeAny   = placeType | placeEnumVal | placeField | placeService | placeMethod
)

// attrRule says where a built-in attribute may appear and whether it takes
// a value.
type attrRule struct {
	where place
	value int // 0: no value allowed, 1: value required, 2: optional
}

// builtinAttrs are the attributes flatc knows without an `attribute`
// declaration. Those with meaning for wsgen are restricted to the places
// where they mean something; the others (mostly for other languages) are
// accepted anywhere.
var builtinAttrs = map[string]*attrRule{
	"id":                    {placeTableField, 1},
	"deprecated":            {placeField | placeEnumVal, 0},
	"required":              {placeField, 0},
	"key":                   {placeField, 0},
	"shared":                {placeField, 0},
	"force_align":           {placeStruct, 1},
	"bit_flags":             {placeEnum, 0},
	"nested_flatbuffer":     {placeField, 1},
	"flexbuffer":            {placeField, 0},
	"hash":                  {placeField, 1},
	"original_order":        {placeTable | placeStruct, 0},
	"streaming":             {placeMethod, 1},
	"idempotent":            {placeMethod, 0},
	"native_inline":         {placeAny, 2},
	"native_default":        {placeAny, 2},
	"native_custom_alloc":   {placeAny, 2},
	"native_type":           {placeAny, 2},
	"native_type_pack_name": {placeAny, 2},
	"cpp_type":              {placeAny, 2},
	"cpp_ptr_type":          {placeAny, 2},
	"cpp_ptr_type_get":      {placeAny, 2},
	"cpp_str_type":          {placeAny, 2},
	"cpp_str_flex_ctor":     {placeAny, 2},
	"private":               {placeAny, 2},
	"csharp_partial":        {placeAny, 2},
}

func (pl place) String() string {
	switch pl {
	case placeTable:
		return "a table"
	case placeStruct:
		return "a struct"
	case placeEnum:
		return "an enum"
	case placeUnion:
		return "a union"
	case placeEnumVal:
		return "an enum value"
	case placeTableField:
		return "a table field"
	case placeStructField:
		return "a struct field"
	case placeService:
		return "a service"
	case placeMethod:
		return "an rpc method"
	}
	return "here"
}

// checkAttrs reports undeclared, duplicated and misplaced attributes and
// values where none belong (or missing where one is needed).
func (r *resolver) checkAttrs(attrs []schema.Attr, where place) {
	seen := map[string]bool{}
	for _, a := range attrs {
		if seen[a.Name] {
			r.errorf(a.Pos, "attribute %s given twice", a.Name)
			continue
		}
		seen[a.Name] = true
		if a.Name == "offset64" || a.Name == "vector64" {
			r.errorf(a.Pos, "attribute %s (64-bit offsets) is not supported for Go", a.Name)
			continue
		}
		rule := builtinAttrs[a.Name]
		if rule == nil {
			if !r.attrs[a.Name] {
				if b := nearBuiltin(a.Name); b != "" {
					r.errorf(a.Pos, "undeclared attribute %s (did you mean %s?)", a.Name, b)
				} else {
					r.errorf(a.Pos, "undeclared attribute %s (declare it with: attribute \"%s\";)", a.Name, a.Name)
				}
			}
			continue
		}
		if rule.where&where == 0 {
			r.errorf(a.Pos, "attribute %s is not allowed on %s", a.Name, where)
			continue
		}
		switch {
		case rule.value == 0 && a.HasValue:
			r.errorf(a.Pos, "attribute %s takes no value", a.Name)
		case rule.value == 1 && !a.HasValue:
			r.errorf(a.Pos, "attribute %s needs a value", a.Name)
		}
	}
}

// attrInt parses an attribute's value as a non-negative integer no larger
// than max.
func attrInt(a schema.Attr, max int64) (int64, bool) {
	v, ok := parseNumber(a.Value, false)
	if !ok || v.Kind != schema.ValueInt || v.Int < 0 || v.Int > max {
		return 0, false
	}
	return v.Int, true
}

// nearBuiltin returns the built-in attribute name within edit distance 2 of
// name (a likely typo), or "".
func nearBuiltin(name string) string {
	best, bestD := "", 3
	for b := range builtinAttrs {
		// Pruned distances come back as bestD+1 or more: never a tie.
		if d := editDistance(name, b, bestD+1); d < bestD || d == bestD && b < best {
			best, bestD = b, d
		}
	}
	if bestD > 2 {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, or any value
// >= max once it is known to be at least max.
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
