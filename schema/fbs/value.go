package fbs

import (
	"math"
	"strconv"
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// parseNumber parses a numeric literal as flatc reads it: decimal or 0x hex
// integers (no octal: a leading 0 is decimal), and decimal or hex floats.
// A leading sign is allowed. Integers that overflow int64 but fit uint64
// come back as ValueUint.
func parseNumber(text string, isFloat bool) (schema.Value, bool) {
	if text == "" || strings.ContainsAny(text, "_") {
		return schema.Value{}, false
	}
	body, neg := text, false
	if body[0] == '+' || body[0] == '-' {
		neg = body[0] == '-'
		body = body[1:]
	}
	hex := len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')
	if isFloat {
		s := body
		if hex && !strings.ContainsAny(s, "pP") {
			// As in flatc (and Go), a hex float needs its exponent.
			return schema.Value{}, false
		}
		if s == "" || !(isDigit(s[0]) || s[0] == '.') {
			return schema.Value{}, false
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !isRangeErr(err) {
			return schema.Value{}, false
		}
		if neg {
			f = -f
		}
		return schema.Value{Kind: schema.ValueFloat, Float: f}, true
	}
	base, digits := 10, body
	if hex {
		base, digits = 16, body[2:]
	}
	if digits == "" {
		return schema.Value{}, false
	}
	u, err := strconv.ParseUint(digits, base, 64)
	if err != nil {
		return schema.Value{}, false
	}
	if neg {
		if u > 1<<63 {
			return schema.Value{}, false
		}
		return schema.Value{Kind: schema.ValueInt, Int: -int64(u)}, true
	}
	if u > math.MaxInt64 {
		return schema.Value{Kind: schema.ValueUint, Uint: u}, true
	}
	return schema.Value{Kind: schema.ValueInt, Int: int64(u)}, true
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// floatWord parses the identifiers flatc accepts as float constants,
// with an optional sign: inf, infinity, nan.
func floatWord(text string) (float64, bool) {
	s, neg := text, false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	var f float64
	switch s {
	case "inf", "infinity":
		f = math.Inf(1)
	case "nan":
		f = math.NaN()
	default:
		return 0, false
	}
	if neg {
		f = -f
	}
	return f, true
}

// intRange returns the bounds of an integer kind.
func intRange(k schema.Kind) (lo int64, hi uint64) {
	switch k {
	case schema.KindInt8:
		return math.MinInt8, math.MaxInt8
	case schema.KindUint8, schema.KindUType:
		return 0, math.MaxUint8
	case schema.KindInt16:
		return math.MinInt16, math.MaxInt16
	case schema.KindUint16:
		return 0, math.MaxUint16
	case schema.KindInt32:
		return math.MinInt32, math.MaxInt32
	case schema.KindUint32:
		return 0, math.MaxUint32
	case schema.KindInt64:
		return math.MinInt64, math.MaxInt64
	case schema.KindUint64:
		return 0, math.MaxUint64
	case schema.KindBool:
		return 0, 1
	}
	return 0, 0
}

// fits reports whether the integer v is in k's range.
func fits(v schema.Value, k schema.Kind) bool {
	lo, hi := intRange(k)
	switch v.Kind {
	case schema.ValueInt:
		if v.Int < 0 {
			return v.Int >= lo
		}
		return uint64(v.Int) <= hi
	case schema.ValueUint:
		return v.Uint <= hi
	}
	return false
}

// asUint returns v's bit pattern as a uint64 (two's complement for negatives).
func asUint(v schema.Value) uint64 {
	if v.Kind == schema.ValueUint {
		return v.Uint
	}
	return uint64(v.Int)
}

// intValue builds the canonical Value for an integer held as a uint64 bit
// pattern in kind k.
func intValue(u uint64, k schema.Kind) schema.Value {
	if k == schema.KindUint64 && u > math.MaxInt64 {
		return schema.Value{Kind: schema.ValueUint, Uint: u}
	}
	return schema.Value{Kind: schema.ValueInt, Int: int64(u)}
}

// formatValue renders an integer value for messages.
func formatValue(v schema.Value) string {
	switch v.Kind {
	case schema.ValueUint:
		return strconv.FormatUint(v.Uint, 10)
	case schema.ValueInt:
		return strconv.FormatInt(v.Int, 10)
	case schema.ValueFloat:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case schema.ValueBool:
		return strconv.FormatBool(v.Bool)
	case schema.ValueNull:
		return "null"
	}
	return "0"
}
