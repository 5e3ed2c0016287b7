package fbs

import (
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// Declarations: table, struct, enum, union, rpc_service.

// newDecl starts a declaration at the current keyword.
func (p *parser) newDecl(kw token, name token, attrs []schema.Attr) schema.Decl {
	return schema.Decl{
		Name:      name.text,
		Namespace: p.ns,
		Doc:       kw.doc,
		Attrs:     attrs,
		Pos:       name.pos,
		File:      p.ast.file,
	}
}

func (p *parser) parseStruct() bool {
	kw := p.next()
	name, ok := p.ident("type name")
	if !ok {
		return false
	}
	attrs, ok := p.parseMetadata()
	if !ok {
		return false
	}
	sd := &structDecl{fixed: kw.text == "struct"}
	if sd.fixed {
		sd.st = &schema.Struct{Decl: p.newDecl(kw, name, attrs)}
		sd.decl = &sd.st.Decl
	} else {
		sd.tbl = &schema.Table{Decl: p.newDecl(kw, name, attrs)}
		sd.decl = &sd.tbl.Decl
	}
	if !p.expect("{") {
		return false
	}
	p.ast.decls = append(p.ast.decls, sd)
	d := p.depth
	for !p.tok().is("}") && p.tok().kind != tokEOF {
		if p.rep.Full() {
			return false
		}
		if fd, ok := p.parseField(); ok {
			sd.fields = append(sd.fields, fd)
		} else {
			p.syncMember(d)
		}
	}
	return p.expect("}")
}

func (p *parser) parseField() (*fieldDecl, bool) {
	name, ok := p.ident("field name")
	if !ok {
		return nil, false
	}
	if !p.expect(":") {
		return nil, false
	}
	typ, ok := p.parseType(0)
	if !ok {
		return nil, false
	}
	fd := &fieldDecl{f: &schema.Field{Name: name.text, Doc: name.doc, Pos: name.pos}, typ: typ}
	if p.tok().is("=") {
		p.next()
		v, ok := p.parseConst()
		if !ok {
			return nil, false
		}
		fd.def = v
	}
	attrs, ok := p.parseMetadata()
	if !ok {
		return nil, false
	}
	fd.f.Attrs = attrs
	return fd, p.expect(";")
}

func (p *parser) parseEnum() bool {
	kw := p.next()
	name, ok := p.ident("type name")
	if !ok {
		return false
	}
	ed := &enumDecl{union: kw.text == "union"}
	if p.tok().is(":") {
		p.next()
		ut, ok := p.parseType(0)
		if !ok {
			return false
		}
		ed.underlying = ut
	}
	attrs, ok := p.parseMetadata()
	if !ok {
		return false
	}
	if ed.union {
		ed.un = &schema.Union{Decl: p.newDecl(kw, name, attrs)}
		ed.decl = &ed.un.Decl
	} else {
		ed.en = &schema.Enum{Decl: p.newDecl(kw, name, attrs)}
		ed.decl = &ed.en.Decl
	}
	if !p.expect("{") {
		return false
	}
	p.ast.decls = append(p.ast.decls, ed)
	d := p.depth
	for !p.tok().is("}") && p.tok().kind != tokEOF {
		if p.rep.Full() {
			return false
		}
		v, ok := p.parseEnumVal(ed.union)
		if !ok {
			p.syncMember(d)
			continue
		}
		ed.vals = append(ed.vals, v)
		if !p.tok().is(",") {
			break
		}
		p.next()
	}
	ed.closePos = p.tok().pos
	return p.expect("}")
}

func (p *parser) parseEnumVal(union bool) (*enumValDecl, bool) {
	name, ok := p.ident("enum value name")
	if !ok {
		return nil, false
	}
	v := &enumValDecl{name: name.text, pos: name.pos, doc: name.doc}
	if union {
		// `ns.Type`, `Alias: Type` or `Type`.
		parts, ok := p.moreDotted(name.text)
		if !ok {
			return nil, false
		}
		full := strings.Join(parts, ".")
		// Like flatc, a member written with a qualified type name and no
		// alias is named after the whole name: A.B.C -> A_B_C.
		v.name = strings.ReplaceAll(full, ".", "_")
		if p.tok().is(":") {
			p.next()
			t, ok := p.parseType(0)
			if !ok {
				return nil, false
			}
			v.utype = t
		} else {
			v.utype = &typeExpr{pos: name.pos, name: &nameRef{name: full, ns: p.ns, pos: name.pos}}
		}
	}
	if p.tok().is("=") {
		p.next()
		c, ok := p.parseConst()
		if !ok {
			return nil, false
		}
		v.value = c
	}
	attrs, ok := p.parseMetadata()
	if !ok {
		return nil, false
	}
	v.attrs = attrs
	return v, true
}

func (p *parser) parseService() bool {
	kw := p.next()
	name, ok := p.ident("service name")
	if !ok {
		return false
	}
	attrs, ok := p.parseMetadata()
	if !ok {
		return false
	}
	sd := &serviceDecl{svc: &schema.Service{Decl: p.newDecl(kw, name, attrs)}}
	if !p.expect("{") {
		return false
	}
	p.ast.decls = append(p.ast.decls, sd)
	d := p.depth
	for !p.tok().is("}") && p.tok().kind != tokEOF {
		if p.rep.Full() {
			return false
		}
		m, ok := p.parseMethod()
		if !ok {
			p.syncMember(d)
			continue
		}
		sd.methods = append(sd.methods, m)
	}
	return p.expect("}")
}

func (p *parser) parseMethod() (*methodDecl, bool) {
	name, ok := p.ident("rpc method name")
	if !ok {
		return nil, false
	}
	if !p.expect("(") {
		return nil, false
	}
	req, ok := p.dotted("request type name")
	if !ok {
		return nil, false
	}
	if !p.expect(")") || !p.expect(":") {
		return nil, false
	}
	resp, ok := p.dotted("response type name")
	if !ok {
		return nil, false
	}
	attrs, ok := p.parseMetadata()
	if !ok {
		return nil, false
	}
	md := &methodDecl{m: &schema.Method{Name: name.text, Doc: name.doc, Attrs: attrs, Pos: name.pos}, req: req, resp: resp}
	return md, p.expect(";")
}
