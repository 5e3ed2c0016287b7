package flatc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// toJSON writes v, a value of table t, as flatc's JSON input: enums as
// numbers, unions as "x_type" (the member's name) plus "x".
func toJSON(t *schema.Table, v tableVal) []byte {
	var b bytes.Buffer
	writeTable(&b, t, v)
	b.WriteByte('\n')
	return b.Bytes()
}

func writeTable(b *bytes.Buffer, t *schema.Table, v tableVal) {
	b.WriteByte('{')
	first := true
	key := func(name string) {
		if !first {
			b.WriteString(", ")
		}
		first = false
		writeString(b, name)
		b.WriteString(": ")
	}
	for _, f := range fields(t) {
		x, ok := v[f.Name]
		if !ok {
			continue
		}
		switch {
		case f.Type.Kind == schema.KindUnion:
			u := x.(unionVal)
			key(f.UnionType.Name)
			writeString(b, u.member.Name)
			key(f.Name)
			writeValue(b, &u.member.Type, u.val)
		case f.Type.Kind == schema.KindVector && f.Type.Elem.Kind == schema.KindUnion:
			us := x.([]any)
			key(f.UnionType.Name)
			b.WriteByte('[')
			for i, u := range us {
				if i > 0 {
					b.WriteString(", ")
				}
				writeString(b, u.(unionVal).member.Name)
			}
			b.WriteByte(']')
			key(f.Name)
			b.WriteByte('[')
			for i, u := range us {
				if i > 0 {
					b.WriteString(", ")
				}
				writeValue(b, &u.(unionVal).member.Type, u.(unionVal).val)
			}
			b.WriteByte(']')
		case f.NestedFlatbuffer != nil:
			key(f.Name)
			n := x.(nestedVal)
			writeTable(b, n.table, n.val)
		default:
			key(f.Name)
			writeValue(b, &f.Type, x)
		}
	}
	b.WriteByte('}')
}

func writeValue(b *bytes.Buffer, t *schema.Type, x any) {
	switch t.Kind {
	case schema.KindTable:
		writeTable(b, t.Table, x.(tableVal))
	case schema.KindStruct:
		b.WriteByte('{')
		for i, f := range t.Struct.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			writeString(b, f.Name)
			b.WriteString(": ")
			writeValue(b, &f.Type, x.(structVal)[f.Name])
		}
		b.WriteByte('}')
	case schema.KindVector, schema.KindArray:
		b.WriteByte('[')
		for i, e := range x.([]any) {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, t.Elem, e)
		}
		b.WriteByte(']')
	case schema.KindString:
		writeString(b, x.(string))
	default:
		if f, ok := x.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
			// flatc's JSON parser takes these bare words.
			switch {
			case math.IsNaN(f):
				b.WriteString("nan")
			case f > 0:
				b.WriteString("inf")
			default:
				b.WriteString("-inf")
			}
			return
		}
		b.WriteString(canon(t.Kind, x))
	}
}

func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline
}

// canon formats a scalar of kind k held as int64, uint64, float64, bool or
// a reflect-free number in one canonical way, so that values from the
// generator, from JSON and from Go code compare as strings.
func canon(k schema.Kind, x any) string {
	switch x := x.(type) {
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		if k == schema.KindFloat32 {
			return strconv.FormatFloat(float64(float32(x)), 'g', -1, 32)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprintf("?%T(%v)", x, x)
}

// parseFlatcJSON parses flatc's JSON output, which may hold the bare words
// nan and inf for floats: they become the strings "nan", "inf" and "-inf".
func parseFlatcJSON(data []byte) (map[string]any, error) {
	var out bytes.Buffer
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			out.WriteByte(c)
			switch c {
			case '\\':
				i++
				if i < len(data) {
					out.WriteByte(data[i])
				}
			case '"':
				inString = false
			}
			continue
		}
		if c == '"' {
			inString = true
			out.WriteByte(c)
			continue
		}
		if word := bareWord(data[i:]); word != "" {
			out.WriteString(strconv.Quote(word))
			i += len(word) - 1
			continue
		}
		out.WriteByte(c)
	}
	dec := json.NewDecoder(&out)
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("%v in:\n%s", err, data)
	}
	return v, nil
}

func bareWord(b []byte) string {
	for _, w := range []string{"-nan", "+nan", "nan", "-inf", "+inf", "inf"} {
		if bytes.HasPrefix(b, []byte(w)) {
			return w
		}
	}
	return ""
}

// jsonScalar turns a scalar of field type t as flatc printed it (a number,
// a bool, an enum name or names, or nan/inf) into canon form.
func jsonScalar(t *schema.Type, x any) (string, error) {
	switch x := x.(type) {
	case bool:
		if t.Kind != schema.KindBool {
			return "", fmt.Errorf("bool %v for a %s", x, t.Kind)
		}
		return canon(t.Kind, x), nil
	case json.Number:
		return numberCanon(t.Kind, string(x))
	case string:
		if t.Kind.IsFloat() {
			switch strings.TrimPrefix(x, "+") {
			case "nan", "-nan":
				return canon(t.Kind, math.NaN()), nil
			case "inf":
				return canon(t.Kind, math.Inf(1)), nil
			case "-inf":
				return canon(t.Kind, math.Inf(-1)), nil
			}
		}
		if t.Enum != nil {
			return enumNamesCanon(t, x)
		}
	}
	return "", fmt.Errorf("unexpected %T %v for a %s", x, x, t.Kind)
}

func numberCanon(k schema.Kind, s string) (string, error) {
	switch {
	case k.IsFloat():
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return "", err
		}
		return canon(k, f), nil
	case k.IsUnsigned():
		u, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return "", err
		}
		return canon(k, u), nil
	case k.IsInteger():
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return "", err
		}
		return canon(k, i), nil
	}
	return "", fmt.Errorf("number %s for a %s", s, k)
}

// enumNamesCanon resolves an enum name, or for bit_flags space-separated
// names, to its value.
func enumNamesCanon(t *schema.Type, s string) (string, error) {
	var u uint64
	for _, name := range strings.Fields(s) {
		v := t.Enum.Lookup(name)
		if v == nil {
			return "", fmt.Errorf("%q is not a value of %s", name, t.Enum.FullName())
		}
		if !t.Enum.BitFlags {
			return enumCanon(t.Enum, v), nil
		}
		u |= enumUint(v)
	}
	if t.Enum.Underlying.IsUnsigned() {
		return canon(t.Kind, u), nil
	}
	return canon(t.Kind, int64(u)), nil
}

func enumCanon(e *schema.Enum, v *schema.EnumVal) string {
	if e.Underlying.IsUnsigned() {
		return canon(e.Underlying, enumUint(v))
	}
	return canon(e.Underlying, v.Value.Int)
}

// defaultCanon is the canon form of the value a scalar field reads as when
// absent.
func defaultCanon(f *schema.Field) string { return canon(f.Type.Kind, defaultValue(f)) }

// defaultValue is the value a scalar field reads as when absent, as an
// int64, uint64, float64 or bool.
func defaultValue(f *schema.Field) any {
	d := f.Default
	k := f.Type.Kind
	if d.Enum != nil {
		if f.Type.Enum.Underlying.IsUnsigned() {
			return enumUint(d.Enum)
		}
		return d.Enum.Value.Int
	}
	switch d.Kind {
	case schema.ValueInt:
		switch {
		case k.IsFloat():
			return float64(d.Int)
		case k == schema.KindBool:
			return d.Int != 0
		case k.IsUnsigned():
			return uint64(d.Int)
		}
		return d.Int
	case schema.ValueUint:
		return d.Uint
	case schema.ValueFloat:
		return d.Float
	case schema.ValueBool:
		switch {
		case k == schema.KindBool:
			return d.Bool
		case k.IsUnsigned() && d.Bool:
			return uint64(1)
		case d.Bool:
			return int64(1)
		}
	}
	switch {
	case k == schema.KindBool:
		return false
	case k.IsFloat():
		return float64(0)
	case k.IsUnsigned():
		return uint64(0)
	}
	return int64(0)
}
