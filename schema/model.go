package schema

// Schema is a fully resolved set of declarations: everything one run of the
// generator compiles, from every input file and every file they include.
//
// Declarations appear in the order the files were read (each file's includes
// before the file itself) and, within a file, in source order. Every cross
// reference is a pointer to the declaration it names.
type Schema struct {
	// Files lists every file read, includes first, each exactly once.
	Files []*File

	Enums    []*Enum
	Unions   []*Union
	Structs  []*Struct
	Tables   []*Table
	Services []*Service

	// Attributes are the user-declared attribute names (`attribute "x";`),
	// from every file.
	Attributes []string

	// RootTable, FileIdentifier and FileExtension come from the last input
	// file named on the command line that declares them (flatc's rule:
	// root_type and friends in included files do not apply). RootTable is
	// nil when no input declares root_type; FileIdentifier is "" when none
	// is declared.
	RootTable      *Table
	FileIdentifier string
	FileExtension  string
}

// Decls returns every declaration of s: enums, unions, structs, tables,
// then services, each kind in its slice's order.
func (s *Schema) Decls() []*Decl {
	all := make([]*Decl, 0, len(s.Enums)+len(s.Unions)+len(s.Structs)+len(s.Tables)+len(s.Services))
	for _, e := range s.Enums {
		all = append(all, &e.Decl)
	}
	for _, u := range s.Unions {
		all = append(all, &u.Decl)
	}
	for _, st := range s.Structs {
		all = append(all, &st.Decl)
	}
	for _, t := range s.Tables {
		all = append(all, &t.Decl)
	}
	for _, sv := range s.Services {
		all = append(all, &sv.Decl)
	}
	return all
}

// File is one schema source file.
type File struct {
	// Path is the file's path as it was opened (cleaned, not made absolute).
	Path string
	// Input reports whether the file was named directly by the user, as
	// opposed to being reached only through an include.
	Input bool
	// Includes are the files this one includes, in order, resolved.
	Includes []*File
	// NativeIncludes are the paths of `native_include` declarations; they
	// have no meaning for Go and are kept only for completeness.
	NativeIncludes []string

	// RootTable, FileIdentifier and FileExtension as declared in this file.
	RootTable      *Table
	FileIdentifier string
	FileExtension  string
}

// Pos is a position in a source file. Line and Col count from 1; Col counts
// bytes. The zero Pos means "no position".
type Pos struct {
	File string
	Line int
	Col  int
}

// Before reports whether p comes before q in reading order within a file:
// by line, then column. File is not compared.
func (p Pos) Before(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Decl is the part every named declaration shares.
type Decl struct {
	// Name is the declared, unqualified name.
	Name string
	// Namespace is the namespace components in effect at the declaration
	// ("MyGame.Sample" -> ["MyGame", "Sample"]); empty for the root namespace.
	Namespace []string
	// Doc holds the `///` comment lines before the declaration, without the
	// slashes and with one leading space removed.
	Doc   []string
	Attrs []Attr
	Pos   Pos
	File  *File
	// Go is set by the Go-interface front end: the Go declaration this one
	// was made from (see GoDecl). nil for .fbs input.
	Go *GoDecl
}

// FullName is the dotted, namespace-qualified name ("MyGame.Sample.Monster").
func (d *Decl) FullName() string {
	n := ""
	for _, c := range d.Namespace {
		n += c + "."
	}
	return n + d.Name
}

// Attr returns the attribute with the given name, if present.
func (d *Decl) Attr(name string) (Attr, bool) { return findAttr(d.Attrs, name) }

func findAttr(attrs []Attr, name string) (Attr, bool) {
	for _, a := range attrs {
		if a.Name == name {
			return a, true
		}
	}
	return Attr{}, false
}

// Attr is one metadata entry: `(name)` or `(name: value)`.
type Attr struct {
	Name string
	// Value is the attribute's value as written, with string quotes removed.
	// HasValue distinguishes `(a)` from `(a: "")`.
	Value    string
	HasValue bool
	Pos      Pos
}

// Kind is the base kind of a type.
type Kind int

// The kinds. The scalar kinds Bool through Float64 are ordered so that
// Kind.IsScalar and friends are range checks; do not reorder.
const (
	KindNone Kind = iota
	// KindUType is the hidden ubyte field that holds a union's discriminant
	// (the `x_type` field flatc adds before every union field `x`).
	KindUType
	KindBool
	KindInt8
	KindUint8
	KindInt16
	KindUint16
	KindInt32
	KindUint32
	KindInt64
	KindUint64
	KindFloat32
	KindFloat64
	KindString
	// KindVector is `[T]`; Type.Elem is T.
	KindVector
	// KindArray is `[T:N]` (structs only); Type.Elem is T, Type.Len is N.
	KindArray
	KindStruct
	KindTable
	KindUnion
)

var kindNames = [...]string{
	KindNone: "none", KindUType: "utype", KindBool: "bool",
	KindInt8: "byte", KindUint8: "ubyte", KindInt16: "short", KindUint16: "ushort",
	KindInt32: "int", KindUint32: "uint", KindInt64: "long", KindUint64: "ulong",
	KindFloat32: "float", KindFloat64: "double", KindString: "string",
	KindVector: "vector", KindArray: "array", KindStruct: "struct",
	KindTable: "table", KindUnion: "union",
}

// String returns the schema-language spelling of a scalar kind, or a word
// naming the others.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind?"
}

// IsScalar reports whether k is stored inline as a fixed-size number
// (including bool and the union discriminant).
func (k Kind) IsScalar() bool { return k >= KindUType && k <= KindFloat64 }

// IsInteger reports whether k is an integer kind (bool excluded, utype included).
func (k Kind) IsInteger() bool { return k == KindUType || (k >= KindInt8 && k <= KindUint64) }

// IsFloat reports whether k is float or double.
func (k Kind) IsFloat() bool { return k == KindFloat32 || k == KindFloat64 }

// IsUnsigned reports whether k is an unsigned integer kind.
func (k Kind) IsUnsigned() bool {
	switch k {
	case KindUType, KindUint8, KindUint16, KindUint32, KindUint64:
		return true
	}
	return false
}

// Size is the inline size in bytes of a scalar kind, or of the offset that
// stands for a string, vector, table or union value (4). Structs and arrays
// have no fixed kind size: use Type.InlineSize.
func (k Kind) Size() int {
	switch k {
	case KindUType, KindBool, KindInt8, KindUint8:
		return 1
	case KindInt16, KindUint16:
		return 2
	case KindInt32, KindUint32, KindFloat32:
		return 4
	case KindInt64, KindUint64, KindFloat64:
		return 8
	case KindString, KindVector, KindTable, KindUnion:
		return 4
	}
	return 0
}

// Type is a resolved field, element or array type.
type Type struct {
	Kind Kind
	// Elem is the element type of a vector or array.
	Elem *Type
	// Len is the fixed length of an array.
	Len int
	// Enum is set when a scalar is declared with an enum type; Kind is then
	// the enum's underlying kind.
	Enum *Enum
	// Union is set for KindUnion, and for KindUType (the discriminant's union).
	Union  *Union
	Struct *Struct
	Table  *Table
}

// InlineSize is the number of bytes the type occupies inline: in a struct,
// in a table's field slot, or as a vector element.
func (t *Type) InlineSize() int {
	switch t.Kind {
	case KindStruct:
		return t.Struct.Size
	case KindArray:
		return t.Elem.InlineSize() * t.Len
	}
	return t.Kind.Size()
}

// InlineAlign is the alignment the type needs inline.
func (t *Type) InlineAlign() int {
	switch t.Kind {
	case KindStruct:
		return t.Struct.Align
	case KindArray:
		return t.Elem.InlineAlign()
	}
	return t.Kind.Size()
}

// ValueKind says which member of Value holds the number.
type ValueKind int

const (
	// ValueNone: no default was written; the type's zero applies.
	ValueNone  ValueKind = iota
	ValueInt             // Value.Int
	ValueUint            // Value.Uint (only for values above MaxInt64)
	ValueFloat           // Value.Float, which may be ±Inf or NaN
	ValueBool            // Value.Bool
	// ValueNull: `= null`, an optional scalar.
	ValueNull
)

// Value is a constant: an enum value or a field default. Integers are kept
// exactly (Uint is used only when the value does not fit an int64).
type Value struct {
	Kind  ValueKind
	Int   int64
	Uint  uint64
	Float float64
	Bool  bool
	// Enum is the enum value a default names (`color: Color = Blue`), or nil.
	Enum *EnumVal
}

// Enum is an `enum Name : type { ... }` declaration.
type Enum struct {
	Decl
	// Underlying is the integer kind declared after the colon.
	Underlying Kind
	// BitFlags is set by the `bit_flags` attribute: values are bit positions
	// in the source and their masks (1<<pos) here.
	BitFlags bool
	// Values are in ascending order of value (flatc's order), which need
	// not be source order.
	Values []*EnumVal
}

// Lookup returns the value with the given name, or nil.
func (e *Enum) Lookup(name string) *EnumVal {
	for _, v := range e.Values {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// EnumVal is one enum or union member.
type EnumVal struct {
	Name string
	// Value is the member's numeric value (for bit_flags, the mask).
	Value Value
	Doc   []string
	Attrs []Attr
	Pos   Pos
}

// Union is a `union Name { ... }` declaration. It behaves as a ubyte enum
// whose first value is NONE = 0.
type Union struct {
	Decl
	// Values starts with the implicit NONE (Type.Kind == KindNone) and is
	// in ascending order of value, like an enum's.
	Values []*UnionVal
}

// UnionVal is one member of a union: a table, a struct or a string (the
// last two are what flatc calls "unions of structs/strings"; Go output
// supports tables and, beyond flatc, structs and strings). Name is the alias
// when one was written (`A: Monster`), else the type's name.
type UnionVal struct {
	Name  string
	Value uint8
	Type  Type
	Doc   []string
	Attrs []Attr
	Pos   Pos
}

// Struct is a `struct Name { ... }` declaration: fixed layout, inline.
type Struct struct {
	Decl
	Fields []*Field
	// Size is the total size in bytes, padding included.
	Size int
	// Align is the struct's alignment: its largest member's, or force_align.
	Align int
	// ForceAlign is the `force_align` value, or 0.
	ForceAlign int
}

// Table is a `table Name { ... }` declaration.
type Table struct {
	Decl
	// Fields in declaration order, including the hidden `_type` fields that
	// precede union fields. Field.ID gives the field's slot.
	Fields []*Field
	// Key is the field marked `key`, or nil.
	Key *Field
}

// Field is a member of a struct or a table.
type Field struct {
	Name string
	Type Type
	Doc  []string
	// Attrs as written (for the hidden `_type` field: none).
	Attrs []Attr
	Pos   Pos

	// Table fields.

	// ID is the field id (explicit `id: n`, or the declaration index with
	// union fields counting twice). The vtable slot is VOffset().
	ID int
	// Default is the `= value` written, or ValueNone.
	Default Value
	// Optional is set for scalars declared `= null`.
	Optional   bool
	Deprecated bool
	Required   bool
	Key        bool
	Shared     bool
	// NestedFlatbuffer is the root table of the `nested_flatbuffer`
	// attribute (the field is then a [ubyte]).
	NestedFlatbuffer *Table
	// Hidden marks the synthesized union discriminant field `x_type`.
	Hidden bool
	// UnionValue links a hidden `x_type` field to its union field `x`, and
	// UnionType links back.
	UnionValue *Field
	UnionType  *Field

	// Struct fields.

	// Offset is the byte offset within the struct.
	Offset int
	// Padding is the number of padding bytes after this field.
	Padding int

	// Go is set by the Go-interface front end: the Go struct field this one
	// was made from (see GoField). nil for .fbs input.
	Go *GoField
}

// VOffset is the field's vtable offset: 4 + 2*ID.
func (f *Field) VOffset() int { return 4 + 2*f.ID }

// Attr returns the field attribute with the given name, if present.
func (f *Field) Attr(name string) (Attr, bool) { return findAttr(f.Attrs, name) }

// StreamKind is the streaming mode of an rpc method.
type StreamKind int

// The streaming modes, as written in the `streaming` attribute.
const (
	StreamNone   StreamKind = iota // unary: one request, one response
	StreamServer                   // one request, a stream of responses
	StreamClient                   // a stream of requests, one response
	StreamBidi                     // streams both ways
)

func (k StreamKind) String() string {
	switch k {
	case StreamNone:
		return "none"
	case StreamServer:
		return "server"
	case StreamClient:
		return "client"
	case StreamBidi:
		return "bidi"
	}
	return "streaming?"
}

// Service is an `rpc_service` declaration.
type Service struct {
	Decl
	Methods []*Method
}

// Method is one rpc of a service.
type Method struct {
	Name      string
	Request   *Table
	Response  *Table
	Streaming StreamKind
	// Idempotent is set by the `idempotent` attribute.
	Idempotent bool
	Doc        []string
	Attrs      []Attr
	Pos        Pos
}
