package schema

import (
	"math"
	"strings"
	"testing"

	_ "github.com/wsgen/wsgen/internal/golden"
)

func TestSortEnumValues(t *testing.T) {
	i := func(name string, v int64) *EnumVal { return &EnumVal{Name: name, Value: Value{Kind: ValueInt, Int: v}} }
	u := func(name string, v uint64) *EnumVal {
		return &EnumVal{Name: name, Value: Value{Kind: ValueUint, Uint: v}}
	}
	tests := []struct {
		name string
		in   []*EnumVal
		want string
	}{
		{"already sorted", []*EnumVal{i("A", 0), i("B", 1)}, "A B"},
		{"negative first", []*EnumVal{i("A", 1), i("B", -1), i("C", 0)}, "B C A"},
		{"uint above every int", []*EnumVal{u("Big", math.MaxUint64), i("Max", math.MaxInt64), u("Mid", 1<<63), i("Min", math.MinInt64)}, "Min Max Mid Big"},
		{"equal values keep their order", []*EnumVal{i("X", 2), i("A", 1), i("Y", 2), i("B", 1)}, "A B X Y"},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			SortEnumValues(tt.in)
			got := ""
			for k, v := range tt.in {
				if k > 0 {
					got += " "
				}
				got += v.Name
			}
			if got != tt.want {
				t.Errorf("order %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSchemaDecls(t *testing.T) {
	s := &Schema{
		Enums:    []*Enum{{Decl: Decl{Name: "E"}}},
		Unions:   []*Union{{Decl: Decl{Name: "U"}}},
		Structs:  []*Struct{{Decl: Decl{Name: "S1"}}, {Decl: Decl{Name: "S2"}}},
		Tables:   []*Table{{Decl: Decl{Name: "T"}}},
		Services: []*Service{{Decl: Decl{Name: "V"}}},
	}
	var got []string
	for _, d := range s.Decls() {
		got = append(got, d.Name)
	}
	if want := "E U S1 S2 T V"; strings.Join(got, " ") != want {
		t.Errorf("Decls: %v, want %s", got, want)
	}
	if d := s.Decls()[2]; d != &s.Structs[0].Decl {
		t.Errorf("Decls()[2] is a copy, not &Structs[0].Decl")
	}
	if n := len((&Schema{}).Decls()); n != 0 {
		t.Errorf("empty schema: %d decls", n)
	}
}

func TestPosBefore(t *testing.T) {
	tests := []struct {
		name string
		p, q Pos
		want bool
	}{
		{"earlier line", Pos{Line: 1, Col: 9}, Pos{Line: 2, Col: 1}, true},
		{"later line", Pos{Line: 3, Col: 1}, Pos{Line: 2, Col: 9}, false},
		{"same line, earlier column", Pos{Line: 2, Col: 1}, Pos{Line: 2, Col: 2}, true},
		{"same position", Pos{Line: 2, Col: 2}, Pos{Line: 2, Col: 2}, false},
		{"file ignored", Pos{File: "b", Line: 1, Col: 1}, Pos{File: "a", Line: 1, Col: 2}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Before(tt.q); got != tt.want {
				t.Errorf("%v.Before(%v) = %v, want %v", tt.p, tt.q, got, tt.want)
			}
		})
	}
}
