package schema

// Go bindings: what the Go-interface front end (schema/goiface) records about
// the Go declarations a schema was made from, so that emitters can write code
// that encodes and decodes the author's own Go types. The .fbs front end
// leaves all of it nil.

// GoDecl links a declaration to the Go declaration it was made from.
type GoDecl struct {
	// Pkg is the import path of the Go package; Name is the Go type's name
	// (a struct for a table, a named integer type for an enum, an interface
	// for a service). Name is "" for declarations the front end synthesized
	// (map entry tables, the time.Time struct).
	Pkg  string
	Name string
}

// GoField links a table or struct field to the Go struct field it was made
// from.
type GoField struct {
	// Name is the Go field's name ("" for the fields of synthesized
	// declarations, whose values are reached by other means).
	Name string
	Type *GoType
}

// GoKind says how a Go type is represented.
type GoKind int

// The Go kinds.
const (
	// GoBasic: bool, a sized integer, int, uint, a float or string; Name is
	// its Go spelling ("int32").
	GoBasic GoKind = iota
	// GoNamed: a named type whose underlying type is basic (an enum, or a
	// plain named number or string); Name and Pkg name it, Elem is the basic
	// underlying type.
	GoNamed
	// GoBytes: []byte (or a slice of a byte alias).
	GoBytes
	// GoSlice: []Elem.
	GoSlice
	// GoPointer: *Elem, an optional scalar or string, or a table.
	GoPointer
	// GoStruct: a named struct type (Name, Pkg), a table.
	GoStruct
	// GoMap: map[Key]Elem, a vector of entry tables sorted by key.
	GoMap
	// GoTime: time.Time, a Timestamp struct.
	GoTime
	// GoDuration: time.Duration, a long of nanoseconds.
	GoDuration
)

// GoType describes a Go type that a schema type was made from.
type GoType struct {
	Kind GoKind
	Name string
	Pkg  string
	Key  *GoType
	Elem *GoType
}
