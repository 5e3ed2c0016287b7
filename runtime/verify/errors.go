package verify

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Code classifies what is wrong with a buffer.
type Code int

// The error codes. OK is the code of a nil error.
const (
	OK Code = iota
	// TooSmall: the buffer (or a nested flatbuffer) is shorter than the
	// smallest possible flatbuffer (12 bytes).
	TooSmall
	// TooLarge: the buffer is larger than Options.MaxSize.
	TooLarge
	// BadIdentifier: the file identifier is not the one the schema declares.
	BadIdentifier
	// BadSizePrefix: a size prefix claims more bytes than the buffer holds.
	BadSizePrefix
	// OutOfBounds: something runs past the end of the buffer.
	OutOfBounds
	// Misaligned: a value is not aligned to its size (see
	// Options.IgnoreAlignment).
	Misaligned
	// BadOffset: an offset is zero or negative.
	BadOffset
	// BadVTable: a vtable's size is odd or smaller than 4.
	BadVTable
	// MissingRequired: a field marked required is absent.
	MissingRequired
	// NoTerminator: a string is not followed by a NUL byte.
	NoTerminator
	// TooLong: a vector's length times its element size overflows the
	// maximum buffer size.
	TooLong
	// UnionMismatch: a vector of unions and its vector of types differ in
	// length, or only one of them is present.
	UnionMismatch
	// TooDeep: tables nest deeper than Options.MaxDepth.
	TooDeep
	// TooManyTables: the buffer holds more tables than Options.MaxTables.
	TooManyTables
	// TooManyVisits: verifying the buffer visits more tables and vector
	// elements than Options.MaxVisits allows (see Options.ForUntrusted).
	TooManyVisits
)

var codeNames = [...]string{
	OK:              "ok",
	TooSmall:        "buffer too small",
	TooLarge:        "buffer too large",
	BadIdentifier:   "wrong file identifier",
	BadSizePrefix:   "bad size prefix",
	OutOfBounds:     "out of bounds",
	Misaligned:      "misaligned",
	BadOffset:       "bad offset",
	BadVTable:       "bad vtable",
	MissingRequired: "missing required field",
	NoTerminator:    "string not terminated",
	TooLong:         "vector too long",
	UnionMismatch:   "union vectors mismatch",
	TooDeep:         "tables nested too deep",
	TooManyTables:   "too many tables",
	TooManyVisits:   "too many visits",
}

// String returns a short description of the code.
func (c Code) String() string {
	if c >= 0 && int(c) < len(codeNames) {
		return codeNames[c]
	}
	return "code(" + strconv.Itoa(int(c)) + ")"
}

// Step is one element of the path from the root table to a bad value.
type Step struct {
	// Type is the Go name of the table that holds the field.
	Type string
	// Field is the field's schema name.
	Field string
	// ID is the field id (its vtable slot is 4+2*ID).
	ID int
	// Index is the element index for a vector element, or -1.
	Index int
}

func (s Step) String() string {
	var b strings.Builder
	s.write(&b)
	return b.String()
}

func (s Step) write(b *strings.Builder) {
	b.WriteString(s.Type)
	b.WriteByte('.')
	b.WriteString(s.Field)
	if s.Index >= 0 {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(s.Index))
		b.WriteByte(']')
	}
}

// Error describes why a buffer failed verification: what is wrong (Code and
// Detail), where in the buffer (Offset) and along which fields (Path).
type Error struct {
	Code Code
	// Offset is the byte offset, from the start of the outermost buffer,
	// of the value found wrong.
	Offset int
	// Path leads from the root table to the field found wrong, outermost
	// first; it is empty for errors in the buffer's header.
	Path []Step
	// Detail says what was found, in words.
	Detail string
}

// Error formats e as
//
//	verify: Monster.enemy > Monster.name (field 3) at offset 0x1c: string length 4000 runs past end of buffer (size 120)
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("verify: ")
	for i, s := range e.Path {
		if i > 0 {
			b.WriteString(" > ")
		}
		s.write(&b)
		if i == len(e.Path)-1 {
			b.WriteString(" (field ")
			b.WriteString(strconv.Itoa(s.ID))
			b.WriteString(") ")
		}
	}
	b.WriteString("at offset 0x")
	b.WriteString(strconv.FormatInt(int64(e.Offset), 16))
	b.WriteString(": ")
	b.WriteString(e.Detail)
	return b.String()
}

// Is reports whether target is an *Error with the same Code, so that
// errors.Is(err, &verify.Error{Code: verify.OutOfBounds}) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// CodeOf returns the Code of err: OK for nil, the Code of the first *Error
// in err's chain, or Unknown if there is none.
func CodeOf(err error) Code {
	if err == nil {
		return OK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Unknown
}

// Unknown is what CodeOf returns for an error that is not an *Error.
const Unknown Code = -1

// AtField returns err with the step typ.field (field id) put in front of its
// path. It returns err unchanged if err is not an *Error, and nil for nil.
// Generated code calls it on the way out of a failed check.
func AtField(err error, typ, field string, id int) error {
	return at(err, Step{Type: typ, Field: field, ID: id, Index: -1})
}

// AtElem is AtField for element index of a vector field.
func AtElem(err error, typ, field string, id, index int) error {
	return at(err, Step{Type: typ, Field: field, ID: id, Index: index})
}

func at(err error, s Step) error {
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	e.Path = append(e.Path, Step{})
	copy(e.Path[1:], e.Path)
	e.Path[0] = s
	return e
}

func (v *Verifier) fail(code Code, off uint64, format string, args ...any) error {
	return &Error{Code: code, Offset: v.base + int(off), Detail: fmt.Sprintf(format, args...)}
}
