package fbs

import (
	"fmt"
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// symbol is a named type declaration.
type symbol struct {
	st *structDecl
	en *enumDecl
}

func (s symbol) decl() *schema.Decl {
	if s.st != nil {
		return s.st.decl
	}
	return s.en.decl
}

// resolver turns parsed files into the model.
type resolver struct {
	rep      *schema.Reporter
	files    []*fileAST
	types    map[string]symbol
	services map[string]*schema.Service
	attrs    map[string]bool
	out      *schema.Schema
	// layoutState of structs: 1 in progress, 2 done, 3 failed.
	layoutState map[*schema.Struct]int
	// byName lists tables and structs by unqualified name in declaration
	// order, and fileIndex orders files, for lookupRef.
	byName map[string][]symbol
	// fullNames lists every type's full name by unqualified name, for
	// suggestions.
	fullNames map[string][]string
	fileIndex map[string]int
	// curNS is the namespace of the declaration being resolved, for names
	// inside attribute values.
	curNS []string
}

// resolve builds the Schema from files in include-first order; inputs are
// the files named on the command line, in command-line order.
func resolve(files, inputs []*fileAST, rep *schema.Reporter) *schema.Schema {
	r := &resolver{
		rep:         rep,
		files:       files,
		types:       make(map[string]symbol),
		services:    make(map[string]*schema.Service),
		attrs:       make(map[string]bool),
		out:         &schema.Schema{},
		fileIndex:   make(map[string]int),
		byName:      make(map[string][]symbol),
		fullNames:   make(map[string][]string),
		layoutState: make(map[*schema.Struct]int),
	}
	r.declare()
	// Enums first: field types and defaults depend on them. Then unions
	// (their members), structs (layouts), tables, services.
	r.each(func(d any) {
		if e, ok := d.(*enumDecl); ok && !e.union {
			r.enum(e)
		}
	})
	r.each(func(d any) {
		if e, ok := d.(*enumDecl); ok && e.union {
			r.union(e)
		}
	})
	r.each(func(d any) {
		if s, ok := d.(*structDecl); ok && s.fixed {
			r.structFields(s)
		}
	})
	r.each(func(d any) {
		if s, ok := d.(*structDecl); ok && s.fixed {
			r.layout(s.st)
		}
	})
	r.each(func(d any) {
		if s, ok := d.(*structDecl); ok && !s.fixed {
			r.table(s)
		}
	})
	r.each(func(d any) {
		if s, ok := d.(*serviceDecl); ok {
			r.service(s)
		}
	})
	r.roots(inputs)
	return r.out
}

func (r *resolver) errorf(pos schema.Pos, format string, args ...any) {
	r.rep.Errorf(pos, "%s", clip(fmt.Sprintf(format, args...)))
}

// each calls fn for every declaration of every file, in order.
func (r *resolver) each(fn func(any)) {
	for _, f := range r.files {
		for _, d := range f.decls {
			fn(d)
		}
	}
}

// declare fills the symbol tables and the Schema's declaration lists.
func (r *resolver) declare() {
	for i, f := range r.files {
		r.fileIndex[f.file.Path] = i
		r.out.Files = append(r.out.Files, f.file)
		for _, a := range f.attrs {
			if r.attrs[a.name] {
				continue
			}
			if builtinAttrs[a.name] != nil {
				// Redeclaring a built-in is harmless; flatc allows it.
				continue
			}
			r.attrs[a.name] = true
			r.out.Attributes = append(r.out.Attributes, a.name)
		}
	}
	r.each(func(d any) {
		switch d := d.(type) {
		case *structDecl:
			if r.addType(d.decl, symbol{st: d}) {
				if d.fixed {
					r.out.Structs = append(r.out.Structs, d.st)
				} else {
					r.out.Tables = append(r.out.Tables, d.tbl)
				}
			}
		case *enumDecl:
			if r.addType(d.decl, symbol{en: d}) {
				if d.union {
					r.out.Unions = append(r.out.Unions, d.un)
				} else {
					r.out.Enums = append(r.out.Enums, d.en)
				}
			}
		case *serviceDecl:
			full := d.svc.FullName()
			if prev, ok := r.services[full]; ok {
				r.errorf(d.svc.Pos, "service %s already declared at %s", full, prev.Pos)
				return
			}
			r.services[full] = d.svc
			r.out.Services = append(r.out.Services, d.svc)
		}
	})
}

func (r *resolver) addType(d *schema.Decl, s symbol) bool {
	if s.st != nil {
		r.byName[d.Name] = append(r.byName[d.Name], s)
	}
	full := d.FullName()
	if prev, ok := r.types[full]; ok {
		r.errorf(d.Pos, "type %s already declared at %s", full, prev.decl().Pos)
		return false
	}
	r.types[full] = s
	r.fullNames[d.Name] = append(r.fullNames[d.Name], full)
	return true
}

// didYouMean suggests the declared types a name not found might mean: the
// same unqualified name in other namespaces.
func (r *resolver) didYouMean(name string) string {
	short := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		short = name[i+1:]
	}
	c := r.fullNames[short]
	switch {
	case len(c) == 0:
		return ""
	case len(c) == 1:
		return " (did you mean " + c[0] + "?)"
	case len(c) == 2:
		return " (did you mean " + c[0] + " or " + c[1] + "?)"
	}
	return " (did you mean " + c[0] + ", " + c[1] + " or another?)"
}

// lookup finds a type name written in namespace ns with flatc's rule: try
// the name inside ns, then inside each enclosing namespace, then as written.
func (r *resolver) lookup(name string, ns []string) (symbol, bool) {
	for i := len(ns); i > 0; i-- {
		if s, ok := r.types[strings.Join(ns[:i], ".")+"."+name]; ok {
			return s, true
		}
	}
	s, ok := r.types[name]
	return s, ok
}

// resolveType turns a written type into a model type. It reports unknown
// names and returns false.
func (r *resolver) resolveType(te *typeExpr) (schema.Type, bool) {
	switch {
	case te.vector || te.array:
		elem, ok := r.resolveType(te.elem)
		if !ok {
			return schema.Type{}, false
		}
		t := schema.Type{Kind: schema.KindVector, Elem: &elem}
		if te.array {
			t.Kind, t.Len = schema.KindArray, int(te.length)
		}
		return t, true
	case te.name == nil:
		return schema.Type{Kind: te.builtin}, true
	}
	s, ok := r.lookupRef(te.name)
	if !ok {
		r.errorf(te.pos, "unknown type %s%s", te.name.name, r.didYouMean(te.name.name))
		return schema.Type{}, false
	}
	switch {
	case s.st != nil && s.st.fixed:
		return schema.Type{Kind: schema.KindStruct, Struct: s.st.st}, true
	case s.st != nil:
		return schema.Type{Kind: schema.KindTable, Table: s.st.tbl}, true
	case s.en.union:
		return schema.Type{Kind: schema.KindUnion, Union: s.en.un}, true
	}
	k := s.en.en.Underlying
	if k == schema.KindNone {
		// The enum's own declaration was in error; it was reported there.
		return schema.Type{}, false
	}
	return schema.Type{Kind: k, Enum: s.en.en}, true
}

// roots applies root_type, file_identifier and file_extension per file and
// for the schema, where the last input file that declares each wins.
func (r *resolver) roots(inputs []*fileAST) {
	for _, f := range r.files {
		if f.root != nil {
			s, ok := r.lookup(f.root.name, f.root.ns)
			switch {
			case !ok:
				r.errorf(f.root.pos, "unknown root type %s", f.root.name)
			case s.st == nil || s.st.fixed:
				r.errorf(f.root.pos, "root type %s must be a table", f.root.name)
			default:
				f.file.RootTable = s.st.tbl
			}
		}
		if f.fileIDOK {
			f.file.FileIdentifier = f.fileID
		}
		if f.hasExt {
			f.file.FileExtension = f.fileExt
		}
	}
	for _, f := range inputs {
		if f.file.RootTable != nil {
			r.out.RootTable = f.file.RootTable
		}
		if f.fileIDOK {
			r.out.FileIdentifier = f.fileID
		}
		if f.hasExt {
			r.out.FileExtension = f.fileExt
		}
	}
}

// lookupRef resolves a type reference. Beyond lookup it follows a flatc
// quirk that schemas rely on: an unqualified name that is not yet declared
// where it is used names the first table or struct of that name declared
// after the use, in whatever namespace.
func (r *resolver) lookupRef(n *nameRef) (symbol, bool) {
	if s, ok := r.lookup(n.name, n.ns); ok {
		return s, true
	}
	if strings.Contains(n.name, ".") {
		return symbol{}, false
	}
	for _, s := range r.byName[n.name] {
		if r.before(n.pos, s.decl().Pos) {
			return s, true
		}
	}
	return symbol{}, false
}

// before reports whether position a comes before b in reading order.
func (r *resolver) before(a, b schema.Pos) bool {
	fa, fb := r.fileIndex[a.File], r.fileIndex[b.File]
	if fa != fb {
		return fa < fb
	}
	return a.Before(b)
}
