package fbs

// invalidFieldCases: structs, tables, fields, attributes and services
// (defaults are in invalid_defaults_test.go).
var invalidFieldCases = []invalidCase{
	{
		name: "struct with string",
		src:  `struct S { s: string; }`,
		want: []string{
			"a.fbs:1:15: struct field s must be a scalar, enum, struct or fixed-length array of those, not string",
		},
	},
	{
		name: "struct with vector",
		src:  `struct S { v: [int]; }`,
		want: []string{
			"a.fbs:1:15: struct field v must be a scalar, enum, struct or fixed-length array of those, not [int]",
		},
	},
	{
		name: "struct with table",
		src: `table T {}
struct S { t: T; }`,
		want: []string{
			"a.fbs:2:15: struct field t must be a scalar, enum, struct or fixed-length array of those, not table T",
		},
	},
	{
		name: "struct with union",
		src: `table A {}
union U { A }
struct S { u: U; }`,
		want: []string{
			"a.fbs:3:15: struct field u must be a scalar, enum, struct or fixed-length array of those, not union U",
		},
	},
	{
		name: "struct contains itself",
		src:  `struct S { a: int; s: S; }`,
		want: []string{
			"a.fbs:1:8: struct S contains itself",
		},
	},
	{
		name: "structs contain each other",
		src: `struct A { b: B; }
struct B { a: A; }`,
		want: []string{
			"a.fbs:1:8: struct A contains itself",
		},
	},
	{
		name: "empty struct",
		src:  `struct S {}`,
		want: []string{
			"a.fbs:1:8: struct S has no fields (size 0 structs are not allowed)",
		},
	},
	{
		name: "deprecated struct field",
		src:  `struct S { a: int (deprecated); }`,
		want: []string{
			"a.fbs:1:12: struct field a cannot be deprecated",
		},
	},
	{
		name: "required struct field",
		src:  `struct S { a: int (required); }`,
		want: []string{
			"a.fbs:1:12: struct field a cannot be required: struct fields are always present",
		},
	},
	{
		name: "struct field default",
		src:  `struct S { a: int = 1; }`,
		want: []string{
			"a.fbs:1:21: struct field a cannot have a default value",
		},
	},
	{
		name: "force_align not a power of two",
		src:  `struct S (force_align: 12) { a: int; }`,
		want: []string{
			"a.fbs:1:11: force_align value 12 must be a power of two from the struct's natural alignment 4 to 256",
		},
	},
	{
		name: "force_align below natural alignment",
		src:  `struct S (force_align: 2) { a: int; }`,
		want: []string{
			"a.fbs:1:11: force_align value 2 must be a power of two from the struct's natural alignment 4 to 256",
		},
	},
	{
		name: "force_align too large",
		src:  `struct S (force_align: 512) { a: int; }`,
		want: []string{
			"a.fbs:1:11: force_align value 512 must be a power of two from the struct's natural alignment 4 to 256",
		},
	},
	{
		name: "force_align on table",
		src:  `table T (force_align: 8) { a: int; }`,
		want: []string{
			"a.fbs:1:10: attribute force_align is not allowed on a table",
		},
	},
	{
		name: "array in table",
		src:  `table T { a: [int:3]; }`,
		want: []string{
			"a.fbs:1:14: fixed-length array field a must be wrapped in a struct: arrays are allowed only in structs",
		},
	},
	{
		name: "array of strings",
		src:  `struct S { a: [string:2]; }`,
		want: []string{
			"a.fbs:1:15: struct field a must be a scalar, enum, struct or fixed-length array of those, not [string:2]",
		},
	},
	{
		name: "ids on some fields only",
		src:  `table T { a: int (id: 0); b: int; }`,
		want: []string{
			"a.fbs:1:7: either all fields or no fields of table T must have an 'id' attribute",
		},
	},
	{
		name: "duplicate id",
		src:  `table T { a: int (id: 0); b: int (id: 0); }`,
		want: []string{
			"a.fbs:1:35: id 0 of field b is already used by field a",
		},
	},
	{
		name: "id gap",
		src:  `table T { a: int (id: 0); b: int (id: 2); }`,
		want: []string{
			"a.fbs:1:7: field ids of table T must be contiguous from 0: id 1 is missing",
		},
	},
	{
		name: "negative id",
		src:  `table T { a: int (id: -1); }`,
		want: []string{
			"a.fbs:1:19: field a: id must be an integer from 0 to 32765, found \"-1\"",
		},
	},
	{
		name: "union id zero",
		src: `table A {}
union U { A }
table T { u: U (id: 0); }`,
		want: []string{
			"a.fbs:3:17: union field u cannot have id 0: its hidden type field takes the id before it",
		},
	},
	{
		name: "union id collides with type field",
		src: `table A {}
union U { A }
table T { a: int (id: 0); u: U (id: 1); }`,
		want: []string{
			"a.fbs:3:33: id 0 of the type field of union field u is already used by field a (a union field with id n puts its type field at n-1)",
		},
	},
	{
		name: "required scalar",
		src:  `table T { a: int (required); }`,
		want: []string{
			"a.fbs:1:19: field a is a scalar and cannot be required (only non-scalar table fields can)",
		},
	},
	{
		name: "two keys",
		src:  `table T { a: int (key); b: string (key); }`,
		want: []string{
			"a.fbs:1:36: table T already has a key field (a); only one field may be the key",
		},
	},
	{
		name: "key on vector",
		src:  `table T { a: [int] (key); }`,
		want: []string{
			"a.fbs:1:21: key field a must be a scalar or a string",
		},
	},
	{
		name: "optional key",
		src:  `table T { a: int = null (key); }`,
		want: []string{
			"a.fbs:1:20: key field a cannot be optional (= null)",
		},
	},
	{
		name: "optional and required",
		src:  `table T { a: int = null (required); }`,
		want: []string{
			"a.fbs:1:20: field a cannot be both optional (= null) and required",
			"a.fbs:1:26: field a is a scalar and cannot be required (only non-scalar table fields can)",
		},
	},
	{
		name: "nested_flatbuffer on a string",
		src: `table A {}
table T { s: string (nested_flatbuffer: "A"); }`,
		want: []string{
			"a.fbs:2:22: attribute nested_flatbuffer applies only to [ubyte] fields",
		},
	},
	{
		name: "nested_flatbuffer of a struct",
		src: `struct S { a: int; }
table T { b: [ubyte] (nested_flatbuffer: "S"); }`,
		want: []string{
			"a.fbs:2:23: nested_flatbuffer root type S must be a table",
		},
	},
	{
		name: "nested_flatbuffer of an unknown type",
		src:  `table T { b: [ubyte] (nested_flatbuffer: "Nope"); }`,
		want: []string{
			"a.fbs:1:23: unknown nested_flatbuffer root type Nope",
		},
	},
	{
		name: "flexbuffer on int vector",
		src:  `table T { b: [int] (flexbuffer); }`,
		want: []string{
			"a.fbs:1:21: attribute flexbuffer applies only to [ubyte] fields",
		},
	},
	{
		name: "hash on string",
		src:  `table T { s: string (hash: "fnv1_32"); }`,
		want: []string{
			"a.fbs:1:22: attribute hash applies only to short, ushort, int, uint, long and ulong fields",
		},
	},
	{
		name: "unknown hash",
		src:  `table T { a: uint (hash: "md5"); }`,
		want: []string{
			"a.fbs:1:20: unknown hash algorithm md5 for uint (want fnv1_32 or fnv1a_32)",
		},
	},
	{
		name: "shared on int",
		src:  `table T { a: int (shared); }`,
		want: []string{
			"a.fbs:1:19: attribute shared applies only to string fields",
		},
	},
	{
		name: "native_custom_alloc on a field",
		src:  `table T { a: int (native_custom_alloc: "x"); }`,
		want: []string{
			"a.fbs:1:19: attribute native_custom_alloc applies only to tables and structs",
		},
	},
	{
		name: "cpp_type without hash",
		src:  `table T { a: int (cpp_type: "X"); }`,
		want: []string{
			"a.fbs:1:19: attribute cpp_type can only be used with a hashed field",
		},
	},
	{
		name: "root_type unknown",
		src:  `root_type Nope;`,
		want: []string{
			"a.fbs:1:11: unknown root type Nope",
		},
	},
	{
		name: "root_type struct",
		src: `struct S { a: int; }
root_type S;`,
		want: []string{
			"a.fbs:2:11: root type S must be a table",
		},
	},
	{
		name: "rpc request is a struct",
		src: `struct S { a: int; }
table T {}
rpc_service Svc { M(S): T; }`,
		want: []string{
			"a.fbs:3:21: rpc request type S must be a table",
		},
	},
	{
		name: "rpc response unknown",
		src: `table T {}
rpc_service Svc { M(T): Nope; }`,
		want: []string{
			"a.fbs:2:25: unknown type Nope",
		},
	},
	{
		name: "unknown streaming kind",
		src: `table T {}
rpc_service Svc { M(T): T (streaming: "both"); }`,
		want: []string{
			"a.fbs:2:28: unknown streaming mode \"both\" (want \"none\", \"server\", \"client\" or \"bidi\")",
		},
	},
	{
		name: "streaming without value",
		src: `table T {}
rpc_service Svc { M(T): T (streaming); }`,
		want: []string{
			"a.fbs:2:28: attribute streaming needs a value",
		},
	},
	{
		name: "idempotent with a value",
		src: `table T {}
rpc_service Svc { M(T): T (idempotent: "yes"); }`,
		want: []string{
			"a.fbs:2:28: attribute idempotent takes no value",
		},
	},
	{
		name: "undeclared attribute",
		src:  `table T (priority: 1) { a: int; }`,
		want: []string{
			"a.fbs:1:10: undeclared attribute priority (declare it with: attribute \"priority\";)",
		},
	},
	{
		name: "id on a struct field",
		src:  `struct S { a: int (id: 0); }`,
		want: []string{
			"a.fbs:1:20: attribute id is not allowed on a struct field",
		},
	},
	{
		name: "streaming on a field",
		src:  `table T { a: int (streaming: "server"); }`,
		want: []string{
			"a.fbs:1:19: attribute streaming is not allowed on a table field",
		},
	},
	{
		name: "bit_flags on a table",
		src:  `table T (bit_flags) { a: int; }`,
		want: []string{
			"a.fbs:1:10: attribute bit_flags is not allowed on a table",
		},
	},
	{
		name: "attribute given twice",
		src:  `table T { a: int (deprecated, deprecated); }`,
		want: []string{
			"a.fbs:1:31: attribute deprecated given twice",
		},
	},
	{
		name: "deprecated with a value",
		src:  `table T { a: int (deprecated: 1); }`,
		want: []string{
			"a.fbs:1:19: attribute deprecated takes no value",
		},
	},
	{
		name: "field named like a table",
		src:  `table T { T: int; }`,
		want: []string{
			"a.fbs:1:11: field T has the same name as table T",
		},
	},
	{
		name: "field clashes with union type field",
		src: `table A {}
union U { A }
table T { u: U; u_type: int; }`,
		want: []string{
			"a.fbs:3:17: field u_type clashes with the type field of union field u",
		},
	},
	{
		name: "field clashes with vector length accessor",
		src:  `table T { v: [int]; v_length: int; }`,
		want: []string{
			"a.fbs:1:21: field v_length clashes with the generated accessor for field v",
		},
	},
	{
		name: "field clashes with string byte vector accessor",
		src:  `table T { s: string; sByteVector: int; }`,
		want: []string{
			"a.fbs:1:22: field sByteVector clashes with the generated accessor for field s",
		},
	},
	{
		name: "struct too large",
		src: `struct A { a: [ulong:65535]; }
struct B { b: [A:65535]; }`,
		want: []string{
			"a.fbs:2:8: struct B is too large (34358689800 bytes; the limit is 2147483647)",
		},
	},
	{
		name: "several errors at once",
		src: `table T { a: Nope; b: int = x; }
enum E : float { A }`,
		want: []string{
			"a.fbs:1:14: unknown type Nope",
			"a.fbs:1:29: invalid default value x for int field b",
			"a.fbs:2:10: underlying type of enum E must be an integer type",
		},
	},
	{
		name: "attribute list with a trailing comma",
		src:  `table T { a: int (deprecated, ); }`,
		want: []string{
			"a.fbs:1:31: expected attribute name, found ')'",
		},
	},
	{
		name: "empty attribute list",
		src:  `table T () { a: int; }`,
		want: []string{
			"a.fbs:1:10: expected attribute name, found ')'",
		},
	},
	{
		name: "attribute value not a string or integer",
		src: `attribute "x";
table T (x: 1.5) { a: int; }`,
		want: []string{
			"a.fbs:2:13: value of attribute x must be a string or an integer, found 1.5",
		},
	},
	{
		name: "attribute value an identifier",
		src: `table A {}
table T { b: [ubyte] (nested_flatbuffer: A); }`,
		want: []string{
			"a.fbs:2:42: value of attribute nested_flatbuffer must be a string or an integer, found A",
		},
	},
	{
		name: "service without methods",
		src:  `rpc_service S {}`,
		want: []string{
			"a.fbs:1:13: rpc_service S has no methods",
		},
	},
	{
		name: "64-bit offsets",
		src:  `table T { v: [ubyte] (vector64); }`,
		want: []string{
			"a.fbs:1:23: attribute vector64 (64-bit offsets) is not supported for Go",
		},
	},
	{
		name: "two keys in a struct",
		src:  `struct S { a: int (key); b: int (key); }`,
		want: []string{
			"a.fbs:1:34: struct S already has a key field (a); only one field may be the key",
		},
	},
	{
		name: "key on an array in a struct",
		src:  `struct S { a: [ubyte:4] (key); }`,
		want: []string{
			"a.fbs:1:26: key field a must be a scalar, not [ubyte:4]",
		},
	},
	{
		name: "key on a struct in a struct",
		src:  `struct P { x: int; } struct S { p: P (key); }`,
		want: []string{
			"a.fbs:1:39: key field p must be a scalar, not struct P",
		},
	},
	{
		name: "go_package is not a built-in attribute",
		src:  `table T (go_package: "x") { a: int; }`,
		want: []string{
			"a.fbs:1:10: undeclared attribute go_package (declare it with: attribute \"go_package\";)",
		},
	},
	{
		name: "two unions with the same id",
		src: `table A {}
union U { A }
table T { u: U (id: 1); v: U (id: 1); }`,
		want: []string{
			"a.fbs:3:31: id 0 of the type field of union field v is already used by the type field of union field u (a union field with id n puts its type field at n-1)",
		},
	},
	{
		name: "misspelled built-in attribute",
		src:  `table T { a: int (deprected); }`,
		want: []string{
			"a.fbs:1:19: undeclared attribute deprected (did you mean deprecated?)",
		},
	},
	{
		name: "type in another namespace among several",
		src: `namespace a;
table X {}
namespace b;
table X {}
namespace c;
rpc_service S { M(X): X; }`,
		want: []string{
			"a.fbs:6:19: unknown type X (did you mean a.X or b.X?)",
			"a.fbs:6:23: unknown type X (did you mean a.X or b.X?)",
		},
	},
}
