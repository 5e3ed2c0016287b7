package templates

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/fbs"
)

// loadSrc loads one in-memory schema file, a.fbs.
func loadSrc(t *testing.T, src string) *schema.Schema {
	t.Helper()
	s, err := fbs.Load([]string{"a.fbs"}, fbs.Options{ReadFile: func(string) ([]byte, error) { return []byte(src), nil }})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

func TestNameClashRules(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// want maps "Decl" or "Decl.field" (schema names) to the Go name.
		want map[string]string
	}{
		{
			name: "fields named like fixed methods",
			src:  `table M { table: int; init: int; un_pack: int; un_pack_to: int; pack: int; builder: int; unpack: int; }`,
			want: map[string]string{"M.table": "Table_", "M.init": "Init_", "M.un_pack": "UnPack_", "M.un_pack_to": "UnPackTo_", "M.pack": "Pack_", "M.builder": "Builder", "M.unpack": "Unpack"},
		},
		{
			name: "the field named like another's mutator yields, in either order",
			src:  `table M { mutate_x: int; x: int; y: int; mutate_y: int; }`,
			want: map[string]string{"M.mutate_x": "MutateX_", "M.x": "X", "M.y": "Y", "M.mutate_y": "MutateY_"},
		},
		{
			name: "two fields with the same Go name: the later yields",
			src:  `table M { foo_bar: int; fooBar: string; }`,
			want: map[string]string{"M.foo_bar": "FooBar", "M.fooBar": "FooBar_"},
		},
		{
			name: "LookupByKey is taken only in keyed tables",
			src:  `table K { id: int (key); lookup_by_key: int; } table N { lookup_by_key: int; }`,
			want: map[string]string{"K.lookup_by_key": "LookupByKey_", "N.lookup_by_key": "LookupByKey"},
		},
		{
			name: "a union's type field follows its field; typed member accessors are taken",
			src:  `struct P { a: int; } union U { P, Note: string } table M { pack: U; v_as_note: int; v: [U]; }`,
			want: map[string]string{"M.pack": "Pack_", "M.pack_type": "Pack_Type", "M.v_as_note": "VAsNote_", "M.v": "V", "M.v_type": "VType"},
		},
		{
			name: "struct fields",
			src:  `struct S { table: int; init: int; mutate_a: int; a: int; }`,
			want: map[string]string{"S.table": "Table_", "S.init": "Init_", "S.mutate_a": "MutateA_", "S.a": "A"},
		},
		{
			name: "predeclared identifiers and imported packages",
			src:  `struct string { a: int; } struct int { a: int; } table error {} table math {} table flatbuffers {} table verify {} table Math {}`,
			want: map[string]string{"string": "string_", "int": "int_", "error": "error_", "math": "math_", "flatbuffers": "flatbuffers_", "verify": "verify_", "Math": "Math"},
		},
		{
			name: "a declaration named like another's generated name yields",
			src:  `enum Color : byte { Red } table EnumNamesColor {} table ColorRed {} table Monster {} table MonsterT {} table GetRootAsMonster {}`,
			want: map[string]string{"Color": "Color", "EnumNamesColor": "EnumNamesColor_", "ColorRed": "ColorRed_", "Monster": "Monster", "MonsterT": "MonsterT_", "GetRootAsMonster": "GetRootAsMonster_"},
		},
		{
			name: "a table named like a service's generated names",
			src:  `table Req {} rpc_service Echo { Say(Req): Req; } table EchoClient {} table echoSayHandler {}`,
			want: map[string]string{"Req": "Req", "EchoClient": "EchoClient_", "echoSayHandler": "echoSayHandler_"},
		},
		{
			name: "the earlier declaration keeps its names",
			src:  `table MonsterT {} table Monster {}`,
			want: map[string]string{"MonsterT": "MonsterT", "Monster": "Monster_"},
		},
		{
			name: "earlier in the source, whatever the kind",
			src:  `table EnumNamesColor {} enum Color : byte { Red }`,
			want: map[string]string{"EnumNamesColor": "EnumNamesColor", "Color": "Color_"},
		},
		{
			name: "names without clashes are flatc's",
			src:  `enum E : byte { A } table T { hit_points: int; name: string; }`,
			want: map[string]string{"E": "E", "T": "T", "T.hit_points": "HitPoints", "T.name": "Name"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := loadSrc(t, tc.src)
			n := NewNames(s)
			if err := n.Err(); err != nil {
				t.Fatalf("unexpected clash errors: %v", err)
			}
			got := map[string]string{}
			decl := func(d *schema.Decl) { got[d.Name] = n.Of(d) }
			fields := func(owner string, fs []*schema.Field) {
				for _, f := range fs {
					got[owner+"."+f.Name] = n.Field(f)
				}
			}
			for _, e := range s.Enums {
				decl(&e.Decl)
			}
			for _, st := range s.Structs {
				decl(&st.Decl)
				fields(st.Name, st.Fields)
			}
			for _, tb := range s.Tables {
				decl(&tb.Decl)
				fields(tb.Name, tb.Fields)
			}
			for k, want := range tc.want {
				if got[k] != want {
					t.Errorf("%s: Go name %q, want %q", k, got[k], want)
				}
			}
		})
	}
}

func TestNameClashesRenamingCannotFix(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "union member T: its constant is the object type",
			src:  "table X {}\nunion Any { T: X }",
			want: "a.fbs:2:13: Any: the constant of member T and the object type are both named AnyT in Go; rename one",
		},
		{
			name: "enum member whose constant is the names map",
			src:  "enum Enum : byte {\n  A,\n  NamesEnum\n}",
			want: "a.fbs:3:3: Enum: the names map and the constant of member NamesEnum are both named EnumNamesEnum in Go; rename one",
		},
		{
			name: "a union member named like the verifier's suffix is fine",
			src:  "table X {}\nunion Any { Z: X }",
			want: "",
		},
		{
			name: "enum members whose constants collide",
			src:  "enum E : byte { A_B, A_b }\nenum EA : byte { _B }",
			want: "",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := loadSrc(t, tc.src)
			_, err := Generate(s, Options{Package: "p"})
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Generate: %v", err)
				}
				return
			}
			var ds schema.Diagnostics
			if !errors.As(err, &ds) {
				t.Fatalf("Generate error %v, want diagnostics", err)
			}
			if got := ds.Error(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestClashingSchemaCompiles generates testdata/clashes.fbs, a schema full
// of names that clash with generated methods and functions, Go's
// predeclared identifiers and imported packages (flatc's Go output for it
// does not compile), and builds and vets the result, also as packages named
// like the packages generated code imports.
func TestClashingSchemaCompiles(t *testing.T) {
	s, err := fbs.Load([]string{"testdata/clashes.fbs"}, fbs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"clashes", "flatbuffers", "verify", "runtime", "context"} {
		t.Run(pkg, func(t *testing.T) {
			files, err := Generate(s, Options{Package: pkg})
			if err != nil {
				t.Fatal(err)
			}
			// Inside the module, so that the imports resolve; under
			// testdata, so that ./... never sees it.
			dir, err := os.MkdirTemp("testdata", "clashbuild-")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.RemoveAll(dir) })
			var src strings.Builder
			for _, f := range files {
				if err := os.WriteFile(filepath.Join(dir, f.Name), f.Content, 0o644); err != nil {
					t.Fatal(err)
				}
				src.Write(f.Content)
			}
			cmd := exec.Command("go", "vet", "./"+filepath.ToSlash(dir))
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("generated code does not vet: %v\n%s", err, out)
			}
			for _, want := range clashWants {
				if !strings.Contains(src.String(), want) {
					t.Errorf("generated code lacks %q", want)
				}
			}
		})
	}
}

// clashWants are declarations the generated code for clashes.fbs has.
var clashWants = []string{
	"type string_ struct", "type int_ struct", "type error_ struct",
	"type EnumNamesColor_ struct", "type MonsterT_ struct", "ColorR_ed ColorR_ = 1",
	"func (rcv *Monster) Table_() int32", "func (rcv *Monster) Init_() int32",
	"func (rcv *Monster) MutateX_() int32", "func (rcv *Monster) MutateX(n int32) bool",
	"func (rcv *Monster) FooBar() int32", "func (rcv *Monster) FooBar_() []byte",
	"func (rcv *Monster) Pack_AsNote() []byte", "func MonsterAddMath(builder *flatbuffers.Builder, math_ float64)",
	"type runtime_ struct", "type context_ struct", "type nil_ struct",
	"// Deprecated: Green is deprecated in the schema.",
	"func (rcv *Monster) VerifyByKey_() int32", "func (rcv *Monster) NestNestedRoot_() int32",
	"func (rcv *Monster) MutateJ_(j int) int32", "func (rcv *Monster) MutateJ(j int, n int32) bool",
}

func TestNamespacePrefixKeepsTypesExported(t *testing.T) {
	s := loadSrc(t, `namespace shop; table Item {} namespace Store.v2; table Item {} namespace other; table Only {}`)
	n := NewNames(s)
	if err := n.Err(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range s.Tables {
		got = append(got, n.Of(&tb.Decl))
	}
	want := []string{"Shop_Item", "Store_v2_Item", "Only"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Go names %q, want %q", got, want)
	}
}
