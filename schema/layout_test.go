package schema

import (
	"fmt"
	"strings"
	"testing"

	_ "github.com/wsgen/wsgen/internal/golden"
)

func TestLayoutStruct(t *testing.T) {
	scalar := func(k Kind) Type { return Type{Kind: k} }
	inner := &Struct{Fields: []*Field{{Name: "a", Type: scalar(KindInt8)}, {Name: "b", Type: scalar(KindInt16)}}}
	LayoutStruct(inner)
	cases := []struct {
		name   string
		fields []Type
		force  int
		want   string // "offset+padding ..." then size/align
	}{
		{"one int", []Type{scalar(KindInt32)}, 0, "0+0 size=4 align=4"},
		{"byte then double", []Type{scalar(KindInt8), scalar(KindFloat64)}, 0, "0+7 8+0 size=16 align=8"},
		{"tail padding", []Type{scalar(KindFloat64), scalar(KindInt16)}, 0, "0+0 8+6 size=16 align=8"},
		{"bools pack", []Type{scalar(KindBool), scalar(KindBool), scalar(KindInt16)}, 0, "0+0 1+0 2+0 size=4 align=2"},
		{"nested struct", []Type{scalar(KindInt8), {Kind: KindStruct, Struct: inner}}, 0, "0+1 2+0 size=6 align=2"},
		{"array", []Type{scalar(KindInt8), {Kind: KindArray, Len: 3, Elem: &Type{Kind: KindInt32}}}, 0, "0+3 4+0 size=16 align=4"},
		{"force_align", []Type{scalar(KindFloat32), scalar(KindFloat32), scalar(KindFloat32)}, 16, "0+0 4+0 8+4 size=16 align=16"},
		{"force_align below natural is ignored", []Type{scalar(KindInt64)}, 4, "0+0 size=8 align=8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &Struct{ForceAlign: tc.force}
			for i, ty := range tc.fields {
				s.Fields = append(s.Fields, &Field{Name: fmt.Sprint("f", i), Type: ty})
			}
			LayoutStruct(s)
			var b strings.Builder
			for _, f := range s.Fields {
				fmt.Fprintf(&b, "%d+%d ", f.Offset, f.Padding)
			}
			fmt.Fprintf(&b, "size=%d align=%d", s.Size, s.Align)
			if got := b.String(); got != tc.want {
				t.Errorf("layout = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAssignFieldIDs(t *testing.T) {
	tb := &Table{Fields: []*Field{{Name: "a"}, {Name: "u_type", Hidden: true}, {Name: "u"}}}
	AssignFieldIDs(tb)
	for i, f := range tb.Fields {
		if f.ID != i || f.VOffset() != 4+2*i {
			t.Errorf("field %s: id %d voffset %d", f.Name, f.ID, f.VOffset())
		}
	}
}
