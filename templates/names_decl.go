package templates

// Package-level name clashes. Every declaration's Go name starts as decided
// in names.go (schema name, namespace prefix when the name is declared in
// several namespaces, "_" after a Go keyword). Then, in source order
// (files in the order they were read, then line and column):
//
//   - a name that is a Go predeclared identifier (string, int, error, len,
//     nil, ...) or the name of a package generated code imports
//     (flatbuffers, verify, runtime, context, strconv, math, ...) gets a
//     trailing "_": `struct string` -> type string_, `table math` -> math_;
//   - a declaration any of whose package-level names (the type, MonsterT,
//     GetRootAsMonster, MonsterStart, EnumNamesColor, ColorRed, ...) is
//     already taken by a declaration earlier in the source gets a trailing
//     "_" until none is: `table MonsterT` after `table Monster` -> MonsterT_;
//     `table EnumNamesColor` after `enum Color` -> EnumNamesColor_.
//
// A clash inside one declaration (a union member T of union Any, whose
// constant AnyT is also the union's object type) cannot be renamed away:
// Generate reports it with its position.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// goPredeclared are Go's predeclared identifiers: a package-level type
// with one of these names would shadow it in generated code.
var goPredeclared = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true,
	"complex128": true, "error": true, "float32": true, "float64": true, "int": true,
	"int8": true, "int16": true, "int32": true, "int64": true, "rune": true,
	"string": true, "uint": true, "uint8": true, "uint16": true, "uint32": true,
	"uint64": true, "uintptr": true, "true": true, "false": true, "iota": true,
	"nil": true, "append": true, "cap": true, "clear": true, "close": true,
	"complex": true, "copy": true, "delete": true, "imag": true, "len": true,
	"make": true, "max": true, "min": true, "new": true, "panic": true,
	"print": true, "println": true, "real": true, "recover": true,
}

// importNames are the package names generated code may import (some only
// in service code); a declaration with one of these names would hide it.
var importNames = map[string]bool{
	"bytes": true, "context": true, "errors": true, "flatbuffers": true, "fmt": true,
	"io": true, "iter": true, "math": true, "runtime": true, "slices": true,
	"sort": true, "strconv": true, "sync": true, "time": true, "unsafe": true,
	"verify": true,
}

// reservedIdent reports whether s may not be used as a package-level or
// local name in generated code.
func reservedIdent(s string) bool { return goPredeclared[s] || importNames[s] || goKeywords[s] }

// declNames lists the package-level identifiers a declaration named n
// generates (see the emitters), each with what it is, for clash messages.
// pos, when set, is where the clash would be fixed (an enum member).
type declName struct {
	id, what string
	pos      schema.Pos
}

type member struct {
	name string
	pos  schema.Pos
}

func enumLikeNames(n string, members []member) []declName {
	out := []declName{{id: n, what: "the type"}, {id: "EnumNames" + n, what: "the names map"}, {id: "EnumValues" + n, what: "the values map"}}
	for _, m := range members {
		out = append(out, declName{n + strings.ReplaceAll(m.name, ".", "_"), "the constant of member " + m.name, m.pos})
	}
	return out
}

func (nm *Names) declNamesOf(d any, n string) []declName {
	switch d := d.(type) {
	case *schema.Enum:
		var ms []member
		for _, v := range d.Values {
			ms = append(ms, member{v.Name, v.Pos})
		}
		return enumLikeNames(n, ms)
	case *schema.Union:
		var ms []member
		for _, v := range d.Values[1:] { // NONE is implicit
			ms = append(ms, member{v.Name, v.Pos})
		}
		ms = append([]member{{name: "NONE"}}, ms...)
		return append(enumLikeNames(n, ms), declName{id: n + "T", what: "the object type"}, declName{id: "verify" + n, what: "the verifier"})
	case *schema.Struct:
		return []declName{{id: n, what: "the type"}, {id: n + "T", what: "the object type"}, {id: "Create" + n, what: "the builder"}, {id: "verify" + n, what: "the verifier"}}
	case *schema.Table:
		out := []declName{{id: n, what: "the type"}, {id: n + "T", what: "the object type"}}
		for _, p := range []string{"GetRootAs%s", "GetSizePrefixedRootAs%s", "Finish%sBuffer", "FinishSizePrefixed%sBuffer",
			"%sStart", "%sEnd", "%sIdentifier", "%sBufferHasIdentifier", "SizePrefixed%sBufferHasIdentifier",
			"Verify%sBuffer", "Verify%sBufferWith", "Verify%sBufferUntrusted", "VerifySizePrefixed%sBuffer",
			"VerifySizePrefixed%sBufferWith", "VerifySizePrefixed%sBufferUntrusted", "verify%s", "%sKeyCompare"} {
			out = append(out, declName{id: fmt.Sprintf(p, n), what: "a generated function"})
		}
		for _, f := range d.Fields {
			if f.Deprecated {
				continue
			}
			fn := nm.Field(f)
			out = append(out, declName{n + "Add" + fn, "the builder of field " + f.Name, f.Pos})
			if f.Type.Kind == schema.KindVector {
				out = append(out, declName{n + "Start" + fn + "Vector", "the vector builder of field " + f.Name, f.Pos})
			}
		}
		return out
	case *schema.Service:
		out := []declName{{id: n, what: "the service"}}
		for _, p := range []string{"%sServer", "%sRawServer", "%sClient", "New%sClient", "Register%sServer",
			"Register%sRawServer", "%sServiceName", "%sServiceDesc", "%sRawServiceDesc"} {
			out = append(out, declName{id: fmt.Sprintf(p, n), what: "a generated declaration"})
		}
		for _, m := range d.Methods {
			mn := UpperCamel(m.Name)
			out = append(out, declName{n + mn + "Call", "the call type of method " + m.Name, m.Pos},
				declName{lowerFirst(n) + mn + "Handler", "the handler of method " + m.Name, m.Pos},
				declName{lowerFirst(n) + mn + "RawHandler", "the raw handler of method " + m.Name, m.Pos})
		}
		return out
	}
	return nil
}

// resolveDeclClashes renames declarations whose Go names clash (see the
// top of this file) and returns the clashes renaming cannot fix.
func (n *Names) resolveDeclClashes(order []*schema.Decl, owner map[*schema.Decl]any) schema.Diagnostics {
	var ds schema.Diagnostics
	taken := map[string]string{} // identifier -> "what of which declaration"
	for _, d := range order {
		name := n.decl[d]
		for i := 0; i < 8; i++ {
			if !reservedIdent(name) && !anyTaken(n.declNamesOf(owner[d], name), taken) {
				break
			}
			name += "_"
		}
		n.decl[d] = name
		own := map[string]declName{}
		for _, dn := range n.declNamesOf(owner[d], name) {
			pos := d.Pos
			if dn.pos.IsValid() {
				pos = dn.pos
			}
			if prev, ok := own[dn.id]; ok {
				if prev.pos.IsValid() {
					pos = prev.pos
				}
				ds = append(ds, schema.Diagnostic{Pos: pos, Msg: fmt.Sprintf(
					"%s: %s and %s are both named %s in Go; rename one", d.Name, prev.what, dn.what, dn.id)})
				continue
			}
			own[dn.id] = dn
			if prev, ok := taken[dn.id]; ok {
				ds = append(ds, schema.Diagnostic{Pos: pos, Msg: fmt.Sprintf(
					"%s: %s (%s) clashes with %s; rename the declaration", d.Name, dn.what, dn.id, prev)})
				continue
			}
			taken[dn.id] = dn.what + " of " + d.Name
		}
	}
	return ds
}

func anyTaken(names []declName, taken map[string]string) bool {
	for _, dn := range names {
		if _, ok := taken[dn.id]; ok {
			return true
		}
	}
	return false
}

// sourceOrder returns decls sorted by where they are declared: files in the
// order s lists them, then line and column. Declarations without a file
// (from the Go-interface front end) keep their order, after the others.
func sourceOrder(s *schema.Schema, decls []*schema.Decl) []*schema.Decl {
	fileIdx := map[*schema.File]int{}
	for i, f := range s.Files {
		fileIdx[f] = i
	}
	idx := func(d *schema.Decl) int {
		if i, ok := fileIdx[d.File]; ok {
			return i
		}
		return len(s.Files)
	}
	out := append([]*schema.Decl(nil), decls...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ia, ib := idx(a), idx(b); ia != ib {
			return ia < ib
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Pos.Col < b.Pos.Col
	})
	return out
}
