package flatc

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/wsgen/wsgen/schema"
)

func TestParseFlatcJSON(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]any
	}{
		{"plain", `{"a": 1, "b": "x"}`, map[string]any{"a": json.Number("1"), "b": "x"}},
		{"bare nan and inf", `{"a": nan, "b": -inf, "c": inf, "d": +inf}`,
			map[string]any{"a": "nan", "b": "-inf", "c": "inf", "d": "+inf"}},
		{"words inside strings stay", `{"nan": "inf nan", "s": "a\"nan"}`,
			map[string]any{"nan": "inf nan", "s": `a"nan`}},
		{"arrays", `{"v": [nan, 1.5, -inf]}`, map[string]any{"v": []any{"nan", json.Number("1.5"), "-inf"}}},
		{"big integers exact", `{"u": 18446744073709551615}`, map[string]any{"u": json.Number("18446744073709551615")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseFlatcJSON([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
	if _, err := parseFlatcJSON([]byte(`{"a": }`)); err == nil {
		t.Error("bad JSON parsed")
	}
}

func TestJSONScalar(t *testing.T) {
	color := &schema.Enum{Underlying: schema.KindUint8, BitFlags: true, Values: []*schema.EnumVal{
		{Name: "R", Value: schema.Value{Kind: schema.ValueInt, Int: 1}},
		{Name: "G", Value: schema.Value{Kind: schema.ValueInt, Int: 2}},
	}}
	level := &schema.Enum{Underlying: schema.KindInt8, Values: []*schema.EnumVal{
		{Name: "Lo", Value: schema.Value{Kind: schema.ValueInt, Int: -1}},
	}}
	tests := []struct {
		name string
		typ  schema.Type
		in   any
		want string
	}{
		{"int", schema.Type{Kind: schema.KindInt32}, json.Number("-7"), "-7"},
		{"ulong max", schema.Type{Kind: schema.KindUint64}, json.Number("18446744073709551615"), "18446744073709551615"},
		{"float32 rounding", schema.Type{Kind: schema.KindFloat32}, json.Number("0.1"), "0.1"},
		{"double", schema.Type{Kind: schema.KindFloat64}, json.Number("-2.25e10"), "-2.25e+10"},
		{"nan", schema.Type{Kind: schema.KindFloat64}, "nan", "NaN"},
		{"-inf", schema.Type{Kind: schema.KindFloat32}, "-inf", "-Inf"},
		{"bool", schema.Type{Kind: schema.KindBool}, true, "true"},
		{"enum name", schema.Type{Kind: schema.KindInt8, Enum: level}, "Lo", "-1"},
		{"bit flags names", schema.Type{Kind: schema.KindUint8, Enum: color}, "R G", "3"},
		{"enum number", schema.Type{Kind: schema.KindUint8, Enum: color}, json.Number("0"), "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jsonScalar(&tt.typ, tt.in)
			if err != nil || got != tt.want {
				t.Errorf("jsonScalar(%v) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	if _, err := jsonScalar(&schema.Type{Kind: schema.KindUint8, Enum: color}, "Blue"); err == nil {
		t.Error("unknown enum name accepted")
	}
}

func TestFlatcNames(t *testing.T) {
	r := flatcNames{ns: "Corpus.Rpc", goName: map[string]string{
		"Corpus.Rpc.Status":   "Corpus_Rpc_Status",
		"Corpus.Money.Status": "Corpus_Money_Status",
		"Corpus.Rpc.Item":     "Item",
		"Corpus.Geo.Point":    "Point",
	}}
	decls := []struct{ in, want string }{
		{"Status", "Corpus_Rpc_Status"},
		{"StatusT", "Corpus_Rpc_StatusT"},
		{"StatusStart", "Corpus_Rpc_StatusStart"},
		{"StatusAddServing", "Corpus_Rpc_StatusAddServing"},
		{"GetRootAsStatus", "GetRootAsCorpus_Rpc_Status"},
		{"FinishSizePrefixedStatusBuffer", "FinishSizePrefixedCorpus_Rpc_StatusBuffer"},
		{"Statuses", "Statuses"}, // not at a word boundary
		{"ItemStart", "ItemStart"},
		{"Other", "Other"},
	}
	for _, tt := range decls {
		if got := r.decl(tt.in); got != tt.want {
			t.Errorf("decl(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	types := []struct{ in, want string }{
		{"*Status", "*Corpus_Rpc_Status"},
		{"[]*Corpus__Money.StatusT", "[]*Corpus_Money_StatusT"},
		{"*Corpus__Geo.Point", "*Point"},
		{"flatbuffers.UOffsetT", "flatbuffers.UOffsetT"},
		{"func(*Item, int) bool", "func(*Item, int) bool"},
	}
	for _, tt := range types {
		if got := r.types(tt.in); got != tt.want {
			t.Errorf("types(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOffsetOf(t *testing.T) {
	src := []byte("ab\ncde\n\nf")
	tests := []struct {
		line, col, want int
	}{
		{1, 1, 0}, {1, 2, 1}, {2, 1, 3}, {2, 3, 5}, {3, 1, 7}, {4, 1, 8}, {5, 1, -1}, {4, 5, -1},
	}
	for _, tt := range tests {
		if got := offsetOf(src, schema.Pos{Line: tt.line, Col: tt.col}); got != tt.want {
			t.Errorf("offsetOf(%d:%d) = %d, want %d", tt.line, tt.col, got, tt.want)
		}
	}
}
