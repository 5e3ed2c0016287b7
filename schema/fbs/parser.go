package fbs

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/wsgen/wsgen/schema"
)

// maxDepth bounds nesting of types and JSON values so hostile input cannot
// exhaust the stack.
const maxDepth = 64

// maxNamespaceDepth bounds namespace components. flatc has no limit; this
// one keeps name lookup (which tries every enclosing namespace) cheap on
// hostile input, far above anything written by hand.
const maxNamespaceDepth = 64

// builtinTypes maps the schema language's scalar and string type names to
// kinds.
var builtinTypes = map[string]schema.Kind{
	"bool": schema.KindBool,
	"byte": schema.KindInt8, "int8": schema.KindInt8,
	"ubyte": schema.KindUint8, "uint8": schema.KindUint8,
	"short": schema.KindInt16, "int16": schema.KindInt16,
	"ushort": schema.KindUint16, "uint16": schema.KindUint16,
	"int": schema.KindInt32, "int32": schema.KindInt32,
	"uint": schema.KindUint32, "uint32": schema.KindUint32,
	"long": schema.KindInt64, "int64": schema.KindInt64,
	"ulong": schema.KindUint64, "uint64": schema.KindUint64,
	"float": schema.KindFloat32, "float32": schema.KindFloat32,
	"double": schema.KindFloat64, "float64": schema.KindFloat64,
	"string": schema.KindString,
}

// parser builds a fileAST from one file's tokens.
type parser struct {
	toks  []token
	i     int
	depth int // braces opened and not closed, for error recovery
	rep   *schema.Reporter
	ast   *fileAST
	ns    []string
	// declStarted is set once a declaration other than include was seen.
	declStarted bool
}

func (p *parser) tok() token { return p.toks[p.i] }

func (p *parser) peek(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
		if t.is("{") {
			p.depth++
		} else if t.is("}") && p.depth > 0 {
			p.depth--
		}
	}
	return t
}

func (p *parser) errorf(pos schema.Pos, format string, args ...any) {
	p.rep.Errorf(pos, "%s", clip(fmt.Sprintf(format, args...)))
}

// maxMessage bounds a diagnostic's length: messages quote identifiers,
// which hostile input can make megabytes long.
const maxMessage = 300

// clip shortens msg to maxMessage bytes (on a UTF-8 boundary).
func clip(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	n := maxMessage
	for n > 0 && !utf8.RuneStart(msg[n]) {
		n--
	}
	return msg[:n] + "..."
}

// stringAfterKeyword consumes the keyword at the cursor and the string
// literal after it (include "x.fbs", file_identifier "ABCD", ...), reporting
// "expected <what> string" when the literal is missing.
func (p *parser) stringAfterKeyword(what string) (token, bool) {
	p.next()
	s := p.tok()
	if s.kind != tokString {
		p.errorf(s.pos, "expected %s string, found %s", what, s.describe())
		return s, false
	}
	p.next()
	return s, true
}

// expect consumes the punctuation s or reports what was found instead.
func (p *parser) expect(s string) bool {
	if p.tok().is(s) {
		p.next()
		return true
	}
	p.errorf(p.tok().pos, "expected '%s', found %s", s, p.tok().describe())
	return false
}

// ident consumes an identifier.
func (p *parser) ident(what string) (token, bool) {
	t := p.tok()
	if t.kind != tokIdent {
		p.errorf(t.pos, "expected %s, found %s", what, t.describe())
		return t, false
	}
	p.next()
	return t, true
}

// dotted consumes `a.b.c`.
func (p *parser) dotted(what string) (*nameRef, bool) {
	t, ok := p.ident(what)
	if !ok {
		return nil, false
	}
	parts, ok := p.moreDotted(t.text)
	if !ok {
		return nil, false
	}
	return &nameRef{name: strings.Join(parts, "."), ns: p.ns, pos: t.pos}, true
}

// moreDotted consumes `.b.c` after the identifier first.
func (p *parser) moreDotted(first string) ([]string, bool) {
	parts := []string{first}
	for p.tok().is(".") {
		p.next()
		n, ok := p.ident("identifier after '.'")
		if !ok {
			return nil, false
		}
		parts = append(parts, n.text)
	}
	return parts, true
}

// syncTop skips to the end of the current top-level item: past a ';' or
// the '}' that closes a body, at brace depth 0.
func (p *parser) syncTop() {
	for p.tok().kind != tokEOF {
		t := p.next()
		if p.depth == 0 && (t.is(";") || t.is("}")) {
			return
		}
	}
}

// syncMember skips to the end of a member inside a body opened at depth d:
// past a ';' or ',' at depth d, or up to (not past) the body's '}'.
func (p *parser) syncMember(d int) {
	for p.tok().kind != tokEOF {
		t := p.tok()
		if p.depth == d && t.is("}") {
			return
		}
		p.next()
		if p.depth == d && (t.is(";") || t.is(",")) {
			return
		}
		if p.depth < d {
			return
		}
	}
}

// parseFile parses a whole file.
func (p *parser) parseFile() {
	if p.tok().kind == tokEOF {
		// flatc refuses a file without a single token.
		p.errorf(p.tok().pos, "file is empty")
		return
	}
	for p.tok().kind != tokEOF {
		if p.rep.Full() {
			return
		}
		if !p.topLevel() {
			p.syncTop()
		}
	}
}

func (p *parser) topLevel() bool {
	t := p.tok()
	if t.is("{") {
		// A JSON object: flatc parses it as data of the root type and
		// stops. wsgen checks its place (after root_type, last in the
		// file) and its syntax, not its fields.
		p.declStarted = true
		if p.ast.root == nil {
			p.errorf(t.pos, "a JSON object needs a root_type declared before it")
		}
		if !p.skipValue(0) {
			return false
		}
		if e := p.tok(); e.kind != tokEOF {
			p.errorf(e.pos, "expected end of file after the JSON object, found %s", e.describe())
			for p.tok().kind != tokEOF {
				p.next()
			}
		}
		return true
	}
	if t.kind != tokIdent {
		p.errorf(t.pos, "expected a declaration, found %s", t.describe())
		p.next()
		return false
	}
	switch t.text {
	case "include":
		s, ok := p.stringAfterKeyword("include file name")
		if !ok {
			return false
		}
		if p.declStarted {
			p.errorf(t.pos, "includes must come before declarations")
		} else {
			p.ast.includes = append(p.ast.includes, includeDecl{path: s.text, pos: s.pos})
		}
		return p.expect(";")
	case "native_include":
		s, ok := p.stringAfterKeyword("include file name")
		if !ok {
			return false
		}
		p.ast.file.NativeIncludes = append(p.ast.file.NativeIncludes, s.text)
		return p.expect(";")
	}
	p.declStarted = true
	switch t.text {
	case "namespace":
		p.next()
		var ns []string
		if !p.tok().is(";") {
			for {
				n, ok := p.ident("namespace name")
				if !ok {
					return false
				}
				ns = append(ns, n.text)
				if !p.tok().is(".") {
					break
				}
				p.next()
			}
		}
		if len(ns) > maxNamespaceDepth {
			p.errorf(t.pos, "namespace has %d components; the limit is %d", len(ns), maxNamespaceDepth)
			return false
		}
		// Clip capacity: declarations share this slice, and an append by
		// one user must not write into another's.
		p.ns = ns[:len(ns):len(ns)]
		return p.expect(";")
	case "table", "struct":
		return p.parseStruct()
	case "enum", "union":
		return p.parseEnum()
	case "rpc_service":
		return p.parseService()
	case "root_type":
		p.next()
		r, ok := p.dotted("root type name")
		if !ok {
			return false
		}
		p.ast.root = r
		return p.expect(";")
	case "file_identifier":
		s, ok := p.stringAfterKeyword("file identifier")
		if !ok {
			return false
		}
		if len(s.text) != 4 {
			p.errorf(s.pos, "file_identifier must be exactly 4 characters, found %d", len(s.text))
		} else {
			p.ast.fileID, p.ast.fileIDOK = s.text, true
		}
		return p.expect(";")
	case "file_extension":
		s, ok := p.stringAfterKeyword("file extension")
		if !ok {
			return false
		}
		p.ast.fileExt, p.ast.hasExt = s.text, true
		return p.expect(";")
	case "attribute":
		p.next()
		s := p.tok()
		if s.kind != tokString && s.kind != tokIdent {
			p.errorf(s.pos, "attribute name must be either identifier or string, found %s", s.describe())
			return false
		}
		p.next()
		p.ast.attrs = append(p.ast.attrs, attrDecl{name: s.text, pos: s.pos})
		return p.expect(";")
	}
	p.errorf(t.pos, "expected a declaration, found %s", t.describe())
	p.next()
	return false
}

// skipValue parses and discards a JSON-like value (a top-level object).
func (p *parser) skipValue(level int) bool {
	if level > maxDepth {
		p.errorf(p.tok().pos, "value nested too deeply")
		return false
	}
	t := p.tok()
	switch {
	case t.is("{"), t.is("["):
		closer := "}"
		if t.is("[") {
			closer = "]"
		}
		p.next()
		for !p.tok().is(closer) {
			if closer == "}" {
				k := p.tok()
				if k.kind != tokIdent && k.kind != tokString {
					p.errorf(k.pos, "expected field name, found %s", k.describe())
					return false
				}
				p.next()
				if !p.expect(":") {
					return false
				}
			}
			if !p.skipValue(level + 1) {
				return false
			}
			if !p.tok().is(",") {
				break
			}
			p.next()
		}
		return p.expect(closer)
	case t.is("+"), t.is("-"):
		p.next()
		n := p.tok()
		if n.kind != tokInt && n.kind != tokFloat && n.kind != tokIdent {
			p.errorf(n.pos, "expected a number after '%s', found %s", t.text, n.describe())
			return false
		}
		p.next()
		return true
	case t.kind == tokInt, t.kind == tokFloat, t.kind == tokString, t.kind == tokIdent:
		p.next()
		return true
	}
	p.errorf(t.pos, "cannot parse value starting with %s", t.describe())
	return false
}

// parseMetadata parses an optional `( name [: value], ... )`. As in flatc,
// a value is a string or an integer.
func (p *parser) parseMetadata() ([]schema.Attr, bool) {
	if !p.tok().is("(") {
		return nil, true
	}
	p.next()
	var attrs []schema.Attr
	for {
		t := p.tok()
		if t.kind != tokIdent && t.kind != tokString {
			p.errorf(t.pos, "expected attribute name, found %s", t.describe())
			return nil, false
		}
		p.next()
		a := schema.Attr{Name: t.text, Pos: t.pos}
		if p.tok().is(":") {
			p.next()
			v, ok := p.parseConst()
			if !ok {
				return nil, false
			}
			if v.kind != tokString && v.kind != tokInt {
				p.errorf(v.pos, "value of attribute %s must be a string or an integer, found %s", a.Name, v.text)
				return nil, false
			}
			a.Value, a.HasValue = v.text, true
		}
		attrs = append(attrs, a)
		if !p.tok().is(",") {
			break
		}
		p.next()
	}
	return attrs, p.expect(")")
}

// parseConst parses a single value: [+-]number, [+-]identifier (inf, nan),
// identifier (possibly dotted), or string.
func (p *parser) parseConst() (*valueExpr, bool) {
	t := p.tok()
	sign := ""
	if t.is("+") || t.is("-") {
		sign = t.text
		p.next()
		n := p.tok()
		if n.kind != tokInt && n.kind != tokFloat && n.kind != tokIdent {
			p.errorf(n.pos, "expected a number after '%s', found %s", sign, n.describe())
			return nil, false
		}
		p.next()
		return &valueExpr{pos: t.pos, kind: n.kind, text: sign + n.text}, true
	}
	switch t.kind {
	case tokInt, tokFloat, tokString:
		p.next()
		return &valueExpr{pos: t.pos, kind: t.kind, text: t.text}, true
	case tokIdent:
		r, ok := p.dotted("value")
		if !ok {
			return nil, false
		}
		return &valueExpr{pos: t.pos, kind: tokIdent, text: r.name}, true
	}
	if t.is("[") && p.peek(1).is("]") {
		p.next()
		p.next()
		return &valueExpr{pos: t.pos, kind: tokPunct, text: "[]"}, true
	}
	p.errorf(t.pos, "cannot parse value starting with %s", t.describe())
	return nil, false
}

// parseType parses a field type.
func (p *parser) parseType(level int) (*typeExpr, bool) {
	t := p.tok()
	if t.is("[") && level > 0 {
		// [[T]]: flatc has no such types.
		p.errorf(t.pos, "nested vector types are not supported (wrap the inner vector in a table)")
		return nil, false
	}
	if t.is("[") {
		p.next()
		elem, ok := p.parseType(level + 1)
		if !ok {
			return nil, false
		}
		te := &typeExpr{pos: t.pos, elem: elem, vector: true}
		if p.tok().is(":") {
			p.next()
			n := p.tok()
			if n.kind != tokInt {
				p.errorf(n.pos, "length of fixed-length array must be an integer value")
				return nil, false
			}
			p.next()
			v, ok := parseNumber(n.text, false)
			if !ok || v.Kind != schema.ValueInt || v.Int < 1 || v.Int > 0xFFFF {
				p.errorf(n.pos, "length of fixed-length array must be in [1, 65535], found %s", n.text)
				return nil, false
			}
			te.vector, te.array, te.length, te.lenPos = false, true, v.Int, n.pos
		}
		return te, p.expect("]")
	}
	if t.kind != tokIdent {
		p.errorf(t.pos, "expected a type, found %s", t.describe())
		return nil, false
	}
	if k, ok := builtinTypes[t.text]; ok && !p.peek(1).is(".") {
		p.next()
		return &typeExpr{pos: t.pos, builtin: k}, true
	}
	r, ok := p.dotted("type name")
	if !ok {
		return nil, false
	}
	return &typeExpr{pos: t.pos, name: r}, true
}
