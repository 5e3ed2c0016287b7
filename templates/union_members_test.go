package templates

import (
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

func TestUnionMemberAccessors(t *testing.T) {
	// objModel's Weapon has a table (Sword), a string (Label), a struct
	// (Spot: Vec3) and a qualified table member; Hero holds it as main and
	// as the vector bag.
	hero := objModel().Tables[2]
	tests := []struct {
		name string
		fld  string
		want []string
		not  []string
	}{
		{
			name: "single union",
			fld:  "main",
			want: []string{
				"func (rcv *Hero) MainAsSpot(obj *Vec3) *Vec3 { var t flatbuffers.Table if rcv.MainType() != WeaponSpot || !rcv.Main(&t) { return nil } if obj == nil { obj = new(Vec3) } obj.Init(t.Bytes, t.Pos) return obj }",
				"func (rcv *Hero) MainAsLabel() []byte { var t flatbuffers.Table if rcv.MainType() != WeaponLabel || !rcv.Main(&t) { return nil } n := flatbuffers.GetUOffsetT(t.Bytes[t.Pos:]) return t.Bytes[t.Pos+4 : t.Pos+4+n] }",
				"// MainAsSpot returns the Vec3 member, read into obj (a new Vec3 if obj // is nil), when MainType() is WeaponSpot;",
			},
			// Table members keep flatc's F(obj *flatbuffers.Table) API only.
			not: []string{"MainAsSword", "MainAsSnip"},
		},
		{
			name: "vector of unions",
			fld:  "bag",
			want: []string{
				"func (rcv *Hero) BagAsSpot(obj *Vec3, j int) *Vec3 { var t flatbuffers.Table if rcv.BagType(j) != WeaponSpot || !rcv.Bag(&t, j) { return nil }",
				"func (rcv *Hero) BagAsLabel(j int) []byte {",
				"when BagType(j) is WeaponLabel;",
			},
			not: []string{"BagAsSword"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var fld *schema.Field
			for _, f := range hero.Fields {
				if f.Name == tc.fld {
					fld = f
				}
			}
			got := squash(renderObj(t, func(g *gen, f *jen.File) { g.unionMemberAccessors(f, "Hero", fld) }))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %q in:\n%s", n, got)
				}
			}
		})
	}
}

func TestEnumValueDeprecated(t *testing.T) {
	tests := []struct {
		name string
		val  *schema.EnumVal
		want string
	}{
		{
			name: "plain",
			val:  &schema.EnumVal{Name: "A"},
			want: "const ( ColorA Color = 0 )",
		},
		{
			name: "deprecated",
			val:  &schema.EnumVal{Name: "Old", Attrs: []schema.Attr{{Name: "deprecated"}}},
			want: "const ( // Deprecated: Old is deprecated in the schema. ColorOld Color = 0 )",
		},
		{
			name: "deprecated with a doc comment",
			val:  &schema.EnumVal{Name: "Old", Doc: []string{"Old shade."}, Attrs: []schema.Attr{{Name: "deprecated"}}},
			want: "const ( // Old shade. // // Deprecated: Old is deprecated in the schema. ColorOld Color = 0 )",
		},
		{
			name: "other attributes do not deprecate",
			val:  &schema.EnumVal{Name: "A", Attrs: []schema.Attr{{Name: "mine", Value: "x", HasValue: true}}},
			want: "const ( ColorA Color = 0 )",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.val.Value = schema.Value{Kind: schema.ValueInt}
			e := &schema.Enum{Decl: schema.Decl{Name: "Color"}, Underlying: schema.KindUint8, Values: []*schema.EnumVal{tc.val}}
			s := &schema.Schema{Enums: []*schema.Enum{e}}
			got := renderSnip(t, s, func(g *gen, f *jen.File) { g.enum(f, e) })
			if !strings.Contains(got, tc.want) {
				t.Errorf("missing %q in:\n%s", tc.want, got)
			}
		})
	}
}
