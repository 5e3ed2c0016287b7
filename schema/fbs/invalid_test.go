package fbs

import (
	"slices"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/schema"
)

// invalidCases has one schema per rule the front end enforces, each with
// the exact diagnostics it must produce. Every schema is the file a.fbs.
// The cases are split across files: syntax, declarations and enums here,
// structs, tables, fields and services in invalid_fields_test.go, default
// values in invalid_defaults_test.go.
var invalidCases = slices.Concat(invalidSyntaxCases, invalidFieldCases, invalidDefaultCases)

type invalidCase struct {
	name string
	src  string
	want []string
}

var invalidSyntaxCases = []invalidCase{
	{
		name: "include without a string",
		src:  `include foo;`,
		want: []string{"a.fbs:1:9: expected include file name string, found 'foo'"},
	},
	{
		name: "native_include without a string",
		src:  `native_include 3;`,
		want: []string{"a.fbs:1:16: expected include file name string, found number 3"},
	},
	{
		name: "file_identifier without a string",
		src:  `file_identifier ABCD;`,
		want: []string{"a.fbs:1:17: expected file identifier string, found 'ABCD'"},
	},
	{
		name: "file_extension without a string",
		src:  `file_extension ;`,
		want: []string{"a.fbs:1:16: expected file extension string, found ';'"},
	},
	{
		name: "doc comment not UTF-8",
		src:  "/// caf\xe9\ntable T { a: int; }",
		want: []string{"a.fbs:1:1: documentation comment is not valid UTF-8"},
	},
	{
		name: "string not UTF-8",
		src:  "attribute \"caf\xe9\";",
		want: []string{"a.fbs:1:15: illegal UTF-8 sequence in string constant"},
	},
	{
		name: "doc comment after code on the first line",
		src:  "abc /// x",
		want: []string{
			"a.fbs:1:1: expected a declaration, found 'abc'",
			"a.fbs:1:5: a documentation comment should be on a line on its own",
		},
	},
	{
		name: "illegal character",
		src:  `table T { a: int; } $`,
		want: []string{
			"a.fbs:1:21: illegal character: \"$\"",
		},
	},
	{
		name: "unterminated string",
		src:  `include "a.fbs`,
		want: []string{
			"a.fbs:1:9: unterminated string constant",
			"a.fbs:1:15: expected ';', found end of file",
		},
	},
	{
		name: "unterminated comment",
		src:  `table T { a: int; } /* never closed`,
		want: []string{
			"a.fbs:1:21: end of file in comment",
		},
	},
	{
		name: "doc comment after code",
		src: `table T { a: int; /// trailing
}`,
		want: []string{
			"a.fbs:1:19: a documentation comment should be on a line on its own",
		},
	},
	{
		name: "invalid number",
		src:  `table T { a: int = 0x; }`,
		want: []string{
			"a.fbs:1:20: invalid number: 0x",
		},
	},
	{
		name: "unknown escape",
		src:  `attribute "a\q";`,
		want: []string{
			"a.fbs:1:13: unknown escape code in string constant",
		},
	},
	{
		name: "missing colon in field",
		src:  `table T { a int; }`,
		want: []string{
			"a.fbs:1:13: expected ':', found 'int'",
		},
	},
	{
		name: "unknown declaration keyword",
		src:  `tabel T { a: int; }`,
		want: []string{
			"a.fbs:1:1: expected a declaration, found 'tabel'",
		},
	},
	{
		name: "include after declaration",
		src: `table T { a: int; }
include "b.fbs";`,
		want: []string{
			"a.fbs:2:1: includes must come before declarations",
		},
	},
	{
		name: "missing include",
		src:  `include "nowhere.fbs";`,
		want: []string{
			"a.fbs:1:9: unable to locate include file \"nowhere.fbs\"",
		},
	},
	{
		name: "nested vector",
		src:  `table T { a: [[int]]; }`,
		want: []string{
			"a.fbs:1:15: nested vector types are not supported (wrap the inner vector in a table)",
		},
	},
	{
		name: "array length zero",
		src:  `struct S { a: [int:0]; }`,
		want: []string{
			"a.fbs:1:20: length of fixed-length array must be in [1, 65535], found 0",
		},
	},
	{
		name: "array length not a number",
		src:  `struct S { a: [int:n]; }`,
		want: []string{
			"a.fbs:1:20: length of fixed-length array must be an integer value",
		},
	},
	{
		name: "file identifier length",
		src:  `file_identifier "ABC";`,
		want: []string{
			"a.fbs:1:17: file_identifier must be exactly 4 characters, found 3",
		},
	},
	{
		name: "duplicate type",
		src: `table T { a: int; }
struct T { a: int; }`,
		want: []string{
			"a.fbs:2:8: type T already declared at a.fbs:1:7",
		},
	},
	{
		name: "duplicate field",
		src:  `table T { a: int; a: long; }`,
		want: []string{
			"a.fbs:1:19: field a already declared at a.fbs:1:11",
		},
	},
	{
		name: "duplicate enum value",
		src:  `enum E : byte { A, B, A }`,
		want: []string{
			"a.fbs:1:23: enum value A already declared at a.fbs:1:17",
		},
	},
	{
		name: "duplicate enum number",
		src:  `enum E : byte { A = 1, B = 1 }`,
		want: []string{
			"a.fbs:1:24: enum value B has the same value (1) as A",
		},
	},
	{
		name: "duplicate method",
		src: `table Q {}
rpc_service S { M(Q): Q; M(Q): Q; }`,
		want: []string{
			"a.fbs:2:26: rpc method M already declared at a.fbs:2:17",
		},
	},
	{
		name: "duplicate service",
		src: `table Q {}
rpc_service S { M(Q): Q; }
rpc_service S { N(Q): Q; }`,
		want: []string{
			"a.fbs:3:13: service S already declared at a.fbs:2:13",
		},
	},
	{
		name: "unknown type",
		src:  `table T { a: Nope; }`,
		want: []string{
			"a.fbs:1:14: unknown type Nope",
		},
	},
	{
		name: "type in unrelated namespace",
		src: `namespace a;
table X {}
namespace b;
table T { x: X; }`,
		want: []string{
			"a.fbs:4:14: unknown type X (did you mean a.X?)",
		},
	},
	{
		name: "enum without underlying type",
		src:  `enum E { A, B }`,
		want: []string{
			"a.fbs:1:6: enum E must declare its underlying integer type (e.g. ': short')",
		},
	},
	{
		name: "enum with float underlying type",
		src:  `enum E : float { A }`,
		want: []string{
			"a.fbs:1:10: underlying type of enum E must be an integer type",
		},
	},
	{
		name: "enum with bool underlying type",
		src:  `enum E : bool { A }`,
		want: []string{
			"a.fbs:1:10: underlying type of enum E must be an integer type",
		},
	},
	{
		name: "enum value does not fit",
		src:  `enum E : byte { A = 200 }`,
		want: []string{
			"a.fbs:1:21: enum value A = 200 does not fit in byte",
		},
	},
	{
		name: "enum implicit value overflows",
		src:  `enum E : ubyte { A = 255, B }`,
		want: []string{
			"a.fbs:1:27: enum value B = 255 + 1 does not fit in ubyte",
		},
	},
	{
		name: "enum value not an integer",
		src:  `enum E : byte { A = 1.5 }`,
		want: []string{
			"a.fbs:1:21: enum value A must be an integer constant",
		},
	},
	{
		name: "bit_flags on signed type",
		src:  `enum E : byte (bit_flags) { A, B }`,
		want: []string{
			"a.fbs:1:10: underlying type of bit_flags enum E must be unsigned",
		},
	},
	{
		name: "bit flag out of range",
		src:  `enum E : ubyte (bit_flags) { A, B = 8 }`,
		want: []string{
			"a.fbs:1:33: bit flag B = 8 is out of range of ubyte (bit positions 0 to 7)",
		},
	},
	{
		name: "union with underlying type",
		src: `table A {}
union U : ubyte { A }`,
		want: []string{
			"a.fbs:2:11: union U cannot have an underlying type",
		},
	},
	{
		name: "union of a scalar",
		src: `table A {}
union U { A, i: int }`,
		want: []string{
			"a.fbs:2:17: union member i must be a table, a struct or a string",
		},
	},
	{
		name: "union of a vector",
		src: `table A {}
union U { A, v: [A] }`,
		want: []string{
			"a.fbs:2:17: union member v must be a table, a struct or a string",
		},
	},
	{
		name: "union of unknown type",
		src:  `union U { Missing }`,
		want: []string{
			"a.fbs:1:11: unknown type Missing",
		},
	},
	{
		name: "union member twice",
		src: `table A {}
union U { A, A }`,
		want: []string{
			"a.fbs:2:14: union member A already declared at a.fbs:2:11",
		},
	},
	{
		name: "union alias clash",
		src: `table A {}
table B {}
union U { X: A, X: B }`,
		want: []string{
			"a.fbs:3:17: union member X already declared at a.fbs:3:11",
		},
	},
	{
		name: "union value does not fit",
		src: `table A {}
union U { A = 256 }`,
		want: []string{
			"a.fbs:2:15: union value A = 256 does not fit in ubyte",
		},
	},
	{
		name: "union members reuse a value",
		src: `table A {}
table B {}
union U { A = 1, B = 1 }`,
		want: []string{
			"a.fbs:3:18: union member B has the same value (1) as A",
		},
	},
	{
		name: "union member named NONE",
		src: `table A {}
union U { NONE: A }`,
		want: []string{
			"a.fbs:2:11: union member name NONE is reserved",
		},
	},
	{
		name: "empty file",
		src:  `// nothing but a comment`,
		want: []string{
			"a.fbs:1:25: file is empty",
		},
	},
	{
		name: "JSON object before root_type",
		src: `table T { a: int; }
{ "a": 1 }`,
		want: []string{
			"a.fbs:2:1: a JSON object needs a root_type declared before it",
		},
	},
	{
		name: "declaration after a JSON object",
		src: `table T { a: int; }
root_type T;
{ "a": 1 }
table U { b: int; }`,
		want: []string{
			"a.fbs:4:1: expected end of file after the JSON object, found 'table'",
		},
	},
}

func TestInvalid(t *testing.T) {
	for _, tc := range invalidCases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			s, err := Load([]string{"a.fbs"}, Options{ReadFile: memFS(map[string]string{"a.fbs": tc.src})})
			if err == nil {
				t.Fatalf("Load succeeded (%d tables); want diagnostics %q", len(s.Tables), tc.want)
			}
			if s != nil {
				t.Errorf("Load returned a model along with an error")
			}
			ds, ok := err.(schema.Diagnostics)
			if !ok {
				t.Fatalf("error is %T, want schema.Diagnostics", err)
			}
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}

}
