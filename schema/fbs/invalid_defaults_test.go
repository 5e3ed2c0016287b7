package fbs

// invalidDefaultCases: default values (how they must fit the field's
// type, enum and kind) and null defaults.
var invalidDefaultCases = []invalidCase{
	{
		name: "null default on string",
		src:  `table T { s: string = null; }`,
		want: []string{
			"a.fbs:1:23: only scalar table fields can be optional (= null); s is string",
		},
	},
	{
		name: "null default in struct",
		src:  `struct S { a: int = null; }`,
		want: []string{
			"a.fbs:1:21: only scalar table fields can be optional (= null); a is int",
		},
	},
	{
		name: "default on string",
		src:  `table T { s: string = "hi"; }`,
		want: []string{
			"a.fbs:1:23: field s of type string cannot have a default value (only scalars can)",
		},
	},
	{
		name: "default on vector",
		src:  `table T { v: [int] = []; }`,
		want: []string{
			"a.fbs:1:22: field v of type [int] cannot have a default value (only scalars can)",
		},
	},
	{
		name: "default on table field",
		src: `table A {}
table T { a: A = 0; }`,
		want: []string{
			"a.fbs:2:18: field a of type table A cannot have a default value (only scalars can)",
		},
	},
	{
		name: "default does not fit",
		src:  `table T { a: byte = 300; }`,
		want: []string{
			"a.fbs:1:21: default value 300 does not fit in byte field a",
		},
	},
	{
		name: "negative default for unsigned",
		src:  `table T { a: ubyte = -1; }`,
		want: []string{
			"a.fbs:1:22: default value -1 does not fit in ubyte field a",
		},
	},
	{
		name: "float default for int",
		src:  `table T { a: int = 1.5; }`,
		want: []string{
			"a.fbs:1:20: invalid default value 1.5 for int field a",
		},
	},
	{
		name: "bool default out of range",
		src:  `table T { a: bool = 2; }`,
		want: []string{
			"a.fbs:1:21: default value 2 for bool field a must be true, false, 0 or 1",
		},
	},
	{
		name: "float default out of range",
		src:  `table T { a: float = 1e39; }`,
		want: []string{
			"a.fbs:1:22: default value 1e39 does not fit in float field a",
		},
	},
	{
		name: "word default for float",
		src:  `table T { a: float = infinit; }`,
		want: []string{
			"a.fbs:1:22: invalid default value infinit for float field a",
		},
	},
	{
		name: "default not in enum",
		src: `enum E : byte { A, B }
table T { e: E = 5; }`,
		want: []string{
			"a.fbs:2:18: default value 5 for field e is not a value of enum E",
		},
	},
	{
		name: "unknown enum name default",
		src: `enum E : byte { A, B }
table T { e: E = C; }`,
		want: []string{
			"a.fbs:2:18: enum E has no value C (default of field e)",
		},
	},
	{
		name: "enum default of another enum",
		src: `enum E : byte { A, B }
enum F : byte { A, B }
table T { e: E = F.B; }`,
		want: []string{
			"a.fbs:3:18: default value F.B of field e names enum F, not the field's enum E",
		},
	},
	{
		name: "several names for a plain enum",
		src: `enum E : byte { A, B }
table T { e: E = "A B"; }`,
		want: []string{
			"a.fbs:2:18: default value \"A B\" for field e: only bit_flags enums take several names",
		},
	},
	{
		name: "enum without zero and no default",
		src: `enum E : byte { A = 1, B }
table T { e: E; }`,
		want: []string{
			"a.fbs:2:11: field e needs an explicit default: enum E has no value 0",
		},
	},
	{
		name: "union default",
		src: `table A {}
union U { A }
table T { u: U = A; }`,
		want: []string{
			"a.fbs:3:18: union field u cannot have a default value",
		},
	},
	{
		name: "union default NONE",
		src: `table A {}
union U { A }
table T { u: U = NONE; }`,
		want: []string{
			"a.fbs:3:18: union field u cannot have a default value",
		},
	},
	{
		name: "hex integer default for a float",
		src:  `table T { a: double = 0x10; }`,
		want: []string{
			"a.fbs:1:23: hexadecimal default 0x10 for double field a needs a p exponent (e.g. 0x10p0)",
		},
	},
	{
		name: "hex float default without exponent",
		src:  `table T { a: double = 0x1.8; }`,
		want: []string{
			"a.fbs:1:23: invalid number: 0x1.8",
		},
	},
}
