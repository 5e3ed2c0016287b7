package fbs

import (
	"math"
	"strconv"
	"testing"

	"github.com/wsgen/wsgen/schema"
)

// validCases load schemas and check the model they produce.
var validCases = []struct {
	name   string
	files  map[string]string
	inputs []string // default: a.fbs
	opts   Options
	check  func(t *testing.T, s *schema.Schema)
}{
	{
		name: "namespaces and lookup",
		files: map[string]string{"a.fbs": `
namespace A;
table T {}
namespace A.B;
table U { t: T; bt: A.B.T; ct: C.V; }
table T {}
namespace A.B.C;
table V {}
namespace;
table Root { u: A.B.U; }
`},
		check: func(t *testing.T, s *schema.Schema) {
			wantNames(t, s, []string{"A.T", "A.B.U", "A.B.T", "A.B.C.V", "Root"})
			u := table(t, s, "A.B.U")
			// Inside A.B, T means A.B.T (innermost first), even though A.T
			// was declared before.
			eq(t, "U.t", u.Fields[0].Type.Table.FullName(), "A.B.T")
			eq(t, "U.bt", u.Fields[1].Type.Table.FullName(), "A.B.T")
			eq(t, "U.ct", u.Fields[2].Type.Table.FullName(), "A.B.C.V")
			eq(t, "namespace", u.Namespace, []string{"A", "B"})
			eq(t, "root namespace", table(t, s, "Root").Namespace, []string(nil))
			// Declarations in one namespace may share its slice; appending
			// to one must not change another.
			x := append(u.Namespace, "X")
			y := append(table(t, s, "A.B.T").Namespace, "Y")
			eq(t, "no aliasing", []string{x[2], y[2]}, []string{"X", "Y"})
		},
	},
	{
		name: "enclosing namespace lookup",
		files: map[string]string{"a.fbs": `
namespace X;
enum Color : byte { Red, Green }
namespace X.Y.Z;
table T { c: Color = Green; }
`},
		check: func(t *testing.T, s *schema.Schema) {
			f := table(t, s, "X.Y.Z.T").Fields[0]
			eq(t, "enum", f.Type.Enum.FullName(), "X.Color")
			eq(t, "kind", f.Type.Kind, schema.KindInt8)
			eq(t, "default", f.Default.Int, int64(1))
			eq(t, "default enum", f.Default.Enum.Name, "Green")
		},
	},
	{
		name: "forward references",
		files: map[string]string{"a.fbs": `
namespace a;
table U { t: T; e: E = Y; }
union W { T }
rpc_service S { M(T): T; }
enum E : byte { X, Y }
namespace b;
table T {}
`},
		check: func(t *testing.T, s *schema.Schema) {
			// flatc's rule: an unqualified name not declared yet names the
			// next table or struct declared with that name, in any
			// namespace. wsgen also allows enums to be used before their
			// declaration.
			u := table(t, s, "a.U")
			eq(t, "t", u.Fields[0].Type.Table.FullName(), "b.T")
			eq(t, "e", u.Fields[1].Type.Enum.FullName(), "a.E")
			eq(t, "e default", u.Fields[1].Default.Enum.Name, "Y")
			eq(t, "union", s.Unions[0].Values[1].Type.Table.FullName(), "b.T")
			eq(t, "rpc", s.Services[0].Methods[0].Request.FullName(), "b.T")
		},
	},
	{
		name: "automatic field ids with unions",
		files: map[string]string{"a.fbs": `
table A {} table B {}
union U { A, B }
table T { x: int; u: U; v: [U]; y: string; }
`},
		check: func(t *testing.T, s *schema.Schema) {
			tb := table(t, s, "T")
			eq(t, "fields", fieldNames(tb), []string{"x", "u_type", "u", "v_type", "v", "y"})
			eq(t, "ids", fieldIDs(tb), []int{0, 1, 2, 3, 4, 5})
			ut, u := tb.Fields[1], tb.Fields[2]
			eq(t, "hidden", ut.Hidden, true)
			eq(t, "utype kind", ut.Type.Kind, schema.KindUType)
			eq(t, "utype union", ut.Type.Union.Name, "U")
			eq(t, "links", ut.UnionValue == u && u.UnionType == ut, true)
			eq(t, "utype attrs", len(ut.Attrs), 0)
			vt, v := tb.Fields[3], tb.Fields[4]
			eq(t, "vector utype", vt.Type.Kind, schema.KindVector)
			eq(t, "vector utype elem", vt.Type.Elem.Kind, schema.KindUType)
			eq(t, "vector utype union", vt.Type.Elem.Union.Name, "U")
			eq(t, "vector links", vt.UnionValue == v && v.UnionType == vt, true)
			eq(t, "voffset", u.VOffset(), 8)
		},
	},
	{
		name: "required and deprecated unions",
		files: map[string]string{"a.fbs": `
table A {}
union U { A }
table T { u: U (deprecated); v: U (required); w: [U] (required); }
`},
		check: func(t *testing.T, s *schema.Schema) {
			tb := table(t, s, "T")
			var got []string
			for _, f := range tb.Fields {
				got = append(got, f.Name+":"+boolStr(f.Deprecated)+":"+boolStr(f.Required))
			}
			// Checked against flatc's reflection output.
			eq(t, "flags", got, []string{
				"u_type:true:false", "u:true:false",
				"v_type:false:false", "v:false:true",
				"w_type:false:true", "w:false:true",
			})
		},
	},
	{
		name: "explicit ids",
		files: map[string]string{"a.fbs": `
table A {}
union U { A }
table T {
  c: int (id: 3);
  u: U (id: 1);
  a: string (id: 2);
}
`},
		check: func(t *testing.T, s *schema.Schema) {
			tb := table(t, s, "T")
			// Declaration order is kept; ids come from the attributes, and
			// the union's type field takes the id before the union's.
			eq(t, "fields", fieldNames(tb), []string{"c", "u_type", "u", "a"})
			eq(t, "ids", fieldIDs(tb), []int{3, 0, 1, 2})
		},
	},
	{
		name: "struct layout with padding",
		files: map[string]string{"a.fbs": `
struct Inner { a: byte; b: short; }
struct S { a: byte; b: double; c: short; in: Inner; d: int; }
`},
		check: func(t *testing.T, s *schema.Schema) {
			in := structNamed(t, s, "Inner")
			eq(t, "inner", layout(in), "a@0+1 b@2+0 size=4 align=2")
			st := structNamed(t, s, "S")
			// Checked against flatc --cpp: padding0 after a (7 bytes),
			// in at 18, d at 24 after 2 bytes, tail to 32.
			eq(t, "S", layout(st), "a@0+7 b@8+0 c@16+0 in@18+2 d@24+4 size=32 align=8")
		},
	},
	{
		name: "force_align and arrays",
		files: map[string]string{"a.fbs": `
enum E : short { A, B }
struct V (force_align: 16) { x: float; y: float; z: float; }
struct Arr { a: [ubyte:3]; e: [E:2]; v: [V:2]; l: [long:1]; }
`},
		check: func(t *testing.T, s *schema.Schema) {
			v := structNamed(t, s, "V")
			eq(t, "V", layout(v), "x@0+0 y@4+0 z@8+4 size=16 align=16")
			eq(t, "force", v.ForceAlign, 16)
			a := structNamed(t, s, "Arr")
			eq(t, "Arr", layout(a), "a@0+1 e@4+8 v@16+0 l@48+8 size=64 align=16")
			e := a.Fields[1].Type
			eq(t, "array", []any{e.Kind, e.Len, e.Elem.Kind, e.Elem.Enum.Name}, []any{schema.KindArray, 2, schema.KindInt16, "E"})
			eq(t, "array size", a.Fields[2].Type.InlineSize(), 32)
		},
	},
	{
		name: "scalar defaults",
		files: map[string]string{"a.fbs": `
table T {
  a: byte = -128;
  b: ubyte = 0xFF;
  c: ulong = 18446744073709551615;
  d: long = -9223372036854775808;
  e: bool = true;
  f: bool = 0;
  g: float = inf;
  h: double = -inf;
  i: float = +inf;
  j: double = infinity;
  k: float = nan;
  l: double = 0x1.8p1;
  m: float = 1e3;
  n: double = -.5;
  o: int = null;
  p: double = null;
  q: int = "42";
  r: short = +7;
  s: int;
  t: float = 3;
}
`},
		check: func(t *testing.T, s *schema.Schema) {
			tb := table(t, s, "T")
			d := func(i int) schema.Value { return tb.Fields[i].Default }
			eq(t, "a", d(0), schema.Value{Kind: schema.ValueInt, Int: -128})
			eq(t, "b", d(1), schema.Value{Kind: schema.ValueInt, Int: 255})
			eq(t, "c", d(2), schema.Value{Kind: schema.ValueUint, Uint: math.MaxUint64})
			eq(t, "d", d(3), schema.Value{Kind: schema.ValueInt, Int: math.MinInt64})
			eq(t, "e", d(4), schema.Value{Kind: schema.ValueBool, Bool: true})
			eq(t, "f", d(5), schema.Value{Kind: schema.ValueBool})
			eq(t, "g", d(6), schema.Value{Kind: schema.ValueFloat, Float: math.Inf(1)})
			eq(t, "h", d(7), schema.Value{Kind: schema.ValueFloat, Float: math.Inf(-1)})
			eq(t, "i", d(8), schema.Value{Kind: schema.ValueFloat, Float: math.Inf(1)})
			eq(t, "j", d(9), schema.Value{Kind: schema.ValueFloat, Float: math.Inf(1)})
			eq(t, "k kind", d(10).Kind, schema.ValueFloat)
			eq(t, "k nan", math.IsNaN(d(10).Float), true)
			eq(t, "l", d(11), schema.Value{Kind: schema.ValueFloat, Float: 3})
			eq(t, "m", d(12), schema.Value{Kind: schema.ValueFloat, Float: 1000})
			eq(t, "n", d(13), schema.Value{Kind: schema.ValueFloat, Float: -0.5})
			eq(t, "o", d(14), schema.Value{Kind: schema.ValueNull})
			eq(t, "o optional", tb.Fields[14].Optional, true)
			eq(t, "p optional", tb.Fields[15].Optional, true)
			eq(t, "q", d(16), schema.Value{Kind: schema.ValueInt, Int: 42})
			eq(t, "r", d(17), schema.Value{Kind: schema.ValueInt, Int: 7})
			eq(t, "s", d(18), schema.Value{})
			eq(t, "s optional", tb.Fields[18].Optional, false)
			eq(t, "t", d(19), schema.Value{Kind: schema.ValueFloat, Float: 3})
		},
	},
	{
		name: "enums and bit_flags",
		files: map[string]string{"a.fbs": `
/// Colors.
enum Color : ubyte (bit_flags) {
  /// The first.
  Red,
  Green = 3,
  Blue
}
enum Big : ulong (bit_flags) { Low, High = 63 }
enum Order : int { C = 10, A = -5, B }
enum Empty : byte {}
table T {
  c: Color = "Red Blue";
  d: Color = Green;
  e: Color = 6;
  f: Color;
  o: Order = C;
  p: Order = Order.B;
  q: Order = -5;
}
`},
		check: func(t *testing.T, s *schema.Schema) {
			c := enumNamed(t, s, "Color")
			eq(t, "bitflags", c.BitFlags, true)
			eq(t, "masks", enumVals(c), "Red=1 Green=8 Blue=16")
			eq(t, "doc", c.Doc, []string{"Colors."})
			eq(t, "val doc", c.Values[0].Doc, []string{"The first."})
			eq(t, "underlying", c.Underlying, schema.KindUint8)
			eq(t, "big", enumVals(enumNamed(t, s, "Big")), "Low=1 High=9223372036854775808")
			// Implicit values follow the previous one in the source; the
			// model lists values in ascending order, as flatc does.
			eq(t, "order", enumVals(enumNamed(t, s, "Order")), "A=-5 B=-4 C=10")
			eq(t, "empty", enumVals(enumNamed(t, s, "Empty")), "NONE=0")
			tb := table(t, s, "T")
			eq(t, "c", tb.Fields[0].Default, schema.Value{Kind: schema.ValueInt, Int: 17})
			d := tb.Fields[1].Default
			eq(t, "d", []any{d.Int, d.Enum.Name}, []any{int64(8), "Green"})
			eq(t, "e", tb.Fields[2].Default, schema.Value{Kind: schema.ValueInt, Int: 6})
			eq(t, "f", tb.Fields[3].Default.Kind, schema.ValueNone)
			eq(t, "o", tb.Fields[4].Default.Enum.Name, "C")
			eq(t, "p", tb.Fields[5].Default.Enum.Name, "B")
			eq(t, "q", tb.Fields[6].Default.Enum.Name, "A")
		},
	},
	{
		name: "unions with aliases and values",
		files: map[string]string{"a.fbs": `
namespace N;
table Sword {} table Axe {}
/// Any weapon.
union Weapon {
  Sword,
  /// Backup.
  Backup: Sword = 5,
  N.Axe,
  Late: Axe = 3,
}
table Hero { w: Weapon; }
`},
		check: func(t *testing.T, s *schema.Schema) {
			if len(s.Unions) != 1 {
				t.Fatalf("%d unions", len(s.Unions))
			}
			u := s.Unions[0]
			var got []string
			for _, v := range u.Values {
				name := "none"
				if v.Type.Table != nil {
					name = v.Type.Table.Name
				}
				got = append(got, v.Name+"="+strconv.Itoa(int(v.Value))+":"+name)
			}
			// A member written as a qualified name is named after all of it.
			// Values are sorted, as in flatc.
			eq(t, "values", got, []string{"NONE=0:none", "Sword=1:Sword", "Late=3:Axe", "Backup=5:Sword", "N_Axe=6:Axe"})
			eq(t, "doc", u.Doc, []string{"Any weapon."})
			eq(t, "member doc", u.Values[3].Doc, []string{"Backup."})
		},
	},
	{
		name: "unions of structs and strings",
		files: map[string]string{"a.fbs": `
namespace N;
struct Vec { x: float; }
table T {}
union U { T, Vec, Name: string, P: N.Vec }
table Hero { u: U; us: [U]; }
`},
		check: func(t *testing.T, s *schema.Schema) {
			u := s.Unions[0]
			var got []string
			for _, v := range u.Values[1:] {
				got = append(got, v.Name+":"+v.Type.Kind.String())
			}
			eq(t, "members", got, []string{"T:table", "Vec:struct", "Name:string", "P:struct"})
			eq(t, "struct", u.Values[4].Type.Struct.FullName(), "N.Vec")
		},
	},
	{
		name: "attributes on enum values",
		files: map[string]string{"a.fbs": `
attribute "mine";
enum E : byte { A, B (deprecated), C (mine: "x") }
`},
		check: func(t *testing.T, s *schema.Schema) {
			e := enumNamed(t, s, "E")
			_, dep := findAttr(e.Values[1].Attrs, "deprecated")
			eq(t, "deprecated", dep, true)
			a, _ := findAttr(e.Values[2].Attrs, "mine")
			eq(t, "user attribute", a.Value, "x")
		},
	},
	{
		name: "attributes and field flags",
		files: map[string]string{"a.fbs": `
attribute "priority";
attribute tag;
table Inner {}
table T (priority: 1, csharp_partial) {
  name: string (key);
  old: int (deprecated);
  s: string (shared);
  nested: [ubyte] (nested_flatbuffer: "Inner");
  h: uint (hash: "fnv1a_32");
  x: int (tag: "a b", priority: -2);
}
`},
		check: func(t *testing.T, s *schema.Schema) {
			eq(t, "declared", s.Attributes, []string{"priority", "tag"})
			tb := table(t, s, "T")
			a, ok := tb.Attr("priority")
			eq(t, "table attr", []any{ok, a.Value, a.HasValue}, []any{true, "1", true})
			a, ok = tb.Attr("csharp_partial")
			eq(t, "no value", []any{ok, a.HasValue}, []any{true, false})
			eq(t, "key", tb.Key, tb.Fields[0])
			// A string key is required, as in flatc.
			eq(t, "flags", []bool{tb.Fields[0].Key, tb.Fields[0].Required, tb.Fields[1].Deprecated, tb.Fields[2].Shared}, []bool{true, true, true, true})
			eq(t, "nested", tb.Fields[3].NestedFlatbuffer, table(t, s, "Inner"))
			eq(t, "field attrs", tb.Fields[5].Attrs, []schema.Attr{
				{Name: "tag", Value: "a b", HasValue: true, Pos: schema.Pos{File: "a.fbs", Line: 11, Col: 11}},
				{Name: "priority", Value: "-2", HasValue: true, Pos: schema.Pos{File: "a.fbs", Line: 11, Col: 23}},
			})
		},
	},
	{
		name:  "doc comments and positions",
		files: map[string]string{"a.fbs": "/// Line one.\n///   Indented.\n///\n// not doc\n/* block */\ntable T {\n  /// A field.\n  f: int;\n  g: int; // trailing\n}\n"},
		check: func(t *testing.T, s *schema.Schema) {
			tb := table(t, s, "T")
			eq(t, "doc", tb.Doc, []string{"Line one.", "  Indented.", ""})
			eq(t, "pos", tb.Pos, schema.Pos{File: "a.fbs", Line: 6, Col: 7})
			eq(t, "field doc", tb.Fields[0].Doc, []string{"A field."})
			eq(t, "field pos", tb.Fields[0].Pos, schema.Pos{File: "a.fbs", Line: 8, Col: 3})
			eq(t, "undocumented", tb.Fields[1].Doc, []string(nil))
		},
	},
	{
		name: "services with every streaming kind",
		files: map[string]string{"a.fbs": `
namespace svc;
table Req {} table Resp {}
/// The service.
rpc_service Echo {
  /// Unary.
  Unary(Req): Resp;
  Server(Req): Resp (streaming: "server");
  Client(svc.Req): Resp (streaming: "client");
  Bidi(Req): Resp (streaming: "bidi", idempotent);
  None(Req): Resp (streaming: "none", idempotent);
}
`},
		check: func(t *testing.T, s *schema.Schema) {
			sv := s.Services[0]
			eq(t, "name", sv.FullName(), "svc.Echo")
			eq(t, "doc", sv.Doc, []string{"The service."})
			var got []string
			for _, m := range sv.Methods {
				got = append(got, m.Name+":"+m.Streaming.String()+":"+m.Request.Name+":"+m.Response.Name+":"+boolStr(m.Idempotent))
			}
			eq(t, "methods", got, []string{
				"Unary:none:Req:Resp:false", "Server:server:Req:Resp:false", "Client:client:Req:Resp:false",
				"Bidi:bidi:Req:Resp:true", "None:none:Req:Resp:true",
			})
			eq(t, "method doc", sv.Methods[0].Doc, []string{"Unary."})
		},
	},
	{
		name: "includes relative and through -I",
		files: map[string]string{
			"main.fbs":  "include \"sub/a.fbs\";\ninclude \"lib.fbs\";\nnamespace m;\ntable Main { a: a.A; l: lib.L; }\nroot_type Main;\nfile_identifier \"MAIN\";\nfile_extension \"mn\";\n",
			"sub/a.fbs": "include \"b.fbs\";\nnamespace a;\ntable A { b: b.B; }\nroot_type A;\n",
			"sub/b.fbs": "include \"a.fbs\";\nnamespace b;\ntable B {}\n",
			// Not next to lib.fbs, not under inc: found next to the input
			// file, as flatc does.
			"inc/lib.fbs": "include \"sub/b.fbs\";\nnamespace lib;\ntable L {}\nfile_identifier \"LIBX\";\n",
		},
		inputs: []string{"main.fbs"},
		opts:   Options{IncludeDirs: []string{"inc"}},
		check: func(t *testing.T, s *schema.Schema) {
			var paths []string
			for _, f := range s.Files {
				paths = append(paths, f.Path)
			}
			// Includes first; the cycle a <-> b is fine; sub/b.fbs is read once.
			eq(t, "files", paths, []string{"sub/b.fbs", "sub/a.fbs", "inc/lib.fbs", "main.fbs"})
			main := s.Files[3]
			eq(t, "input", []bool{s.Files[0].Input, main.Input}, []bool{false, true})
			eq(t, "includes", main.Includes, []*schema.File{s.Files[1], s.Files[2]})
			eq(t, "lib includes b", s.Files[2].Includes, []*schema.File{s.Files[0]})
			eq(t, "decl file", table(t, s, "b.B").File, s.Files[0])
			// root_type in an included file does not apply to the schema.
			eq(t, "root", s.RootTable, table(t, s, "m.Main"))
			eq(t, "included root", s.Files[1].RootTable, table(t, s, "a.A"))
			eq(t, "identifier", s.FileIdentifier, "MAIN")
			eq(t, "lib identifier", s.Files[2].FileIdentifier, "LIBX")
			eq(t, "extension", s.FileExtension, "mn")
		},
	},
	{
		name: "include search order",
		files: map[string]string{
			"main.fbs":  "include \"c.fbs\";\ninclude \"sub/x.fbs\";\ntable Main {}\n",
			"inc/c.fbs": "table FromInc {}\n",
			"sub/x.fbs": "include \"c.fbs\";\ntable X {}\n",
			"sub/c.fbs": "table FromSub {}\n",
		},
		inputs: []string{"main.fbs"},
		opts:   Options{IncludeDirs: []string{"inc"}},
		check: func(t *testing.T, s *schema.Schema) {
			// main.fbs finds c.fbs under -I; sub/x.fbs finds the one next
			// to it first, although inc/c.fbs is already loaded.
			var paths []string
			for _, f := range s.Files {
				paths = append(paths, f.Path)
			}
			eq(t, "files", paths, []string{"inc/c.fbs", "sub/c.fbs", "sub/x.fbs", "main.fbs"})
		},
	},
	{
		name: "grammar odds and ends",
		files: map[string]string{"a.fbs": `
native_include "x.h";
attribute "a";
namespace n;
table table { namespace: int; struct: string; enum: [int]; root_type: bool; }
struct S (a) { int: int; }
rpc_service rpc_service { rpc_service(table): table; }
root_type table;
{ "json": [1, -2.5, {"x": true}], "y": "z", z: nan }
`},
		check: func(t *testing.T, s *schema.Schema) {
			eq(t, "native", s.Files[0].NativeIncludes, []string{"x.h"})
			eq(t, "fields", fieldNames(table(t, s, "n.table")), []string{"namespace", "struct", "enum", "root_type"})
			eq(t, "struct", structNamed(t, s, "n.S").Fields[0].Name, "int")
			eq(t, "method", s.Services[0].Methods[0].Name, "rpc_service")
		},
	},
	{
		name:  "byte order mark",
		files: map[string]string{"a.fbs": "\xef\xbb\xbf/// Doc.\ntable T { s: string (x: \"caf\u00e9\"); }\nattribute x;"},
		check: func(t *testing.T, s *schema.Schema) {
			tb := table(t, s, "T")
			eq(t, "doc", tb.Doc, []string{"Doc."})
			a, _ := tb.Fields[0].Attr("x")
			eq(t, "utf-8 string", a.Value, "caf\u00e9")
		},
	},
	{
		name: "root_type from the last input that declares it",
		files: map[string]string{
			"a.fbs": "include \"b.fbs\";\ntable A {}\nroot_type A;\nfile_identifier \"AAAA\";\n",
			"b.fbs": "table B {}\nroot_type B;\nfile_extension \"bb\";\n",
		},
		// b.fbs is read first (a.fbs includes it) but named last.
		inputs: []string{"a.fbs", "b.fbs"},
		check: func(t *testing.T, s *schema.Schema) {
			eq(t, "root", s.RootTable.Name, "B")
			eq(t, "identifier", s.FileIdentifier, "AAAA")
			eq(t, "extension", s.FileExtension, "bb")
			eq(t, "inputs", []bool{s.Files[0].Input, s.Files[1].Input}, []bool{true, true})
		},
	},
	{
		name:   "same file named twice and included",
		files:  map[string]string{"a.fbs": "include \"./a.fbs\";\ntable T {}\n"},
		inputs: []string{"a.fbs", "./a.fbs"},
		check: func(t *testing.T, s *schema.Schema) {
			eq(t, "files", len(s.Files), 1)
			eq(t, "tables", len(s.Tables), 1)
		},
	},
}

func TestValid(t *testing.T) {
	for _, tc := range validCases {
		t.Run(tc.name, func(t *testing.T) {
			inputs := tc.inputs
			if inputs == nil {
				inputs = []string{"a.fbs"}
			}
			opts := tc.opts
			opts.ReadFile = memFS(tc.files)
			s, err := Load(inputs, opts)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			checkLinks(t, s)
			tc.check(t, s)
		})
	}
}
