package goiface

import (
	"go/ast"
	"go/types"
	"strconv"

	"github.com/wsgen/wsgen/schema"
)

// service maps one interface to a schema.Service. Methods keep source
// order, which is the order of the generated descriptors.
func (l *loader) service(ts *ast.TypeSpec, doc *ast.CommentGroup) {
	name := ts.Name.Name
	obj, _ := l.p.TypesInfo.Defs[ts.Name].(*types.TypeName)
	if ts.TypeParams != nil && len(ts.TypeParams.List) > 0 {
		l.r.Errorf(l.pos(ts.Name.Pos()), "service %s: generic interfaces are not supported; declare the service without type parameters", name)
		return
	}
	it := ts.Type.(*ast.InterfaceType)
	sv := &schema.Service{Decl: l.decl(name, docLines(doc), ts.Name.Pos(), name)}
	l.claim(name, obj, ts.Name.Pos())
	for _, fld := range it.Methods.List {
		if len(fld.Names) == 0 {
			l.r.Errorf(l.pos(fld.Type.Pos()), "service %s: embedded %s is not supported; list the methods in the service interface itself", name, types.ExprString(fld.Type))
			continue
		}
		for _, id := range fld.Names {
			fn, _ := l.p.TypesInfo.Defs[id].(*types.Func)
			if fn == nil {
				l.r.Errorf(l.pos(id.Pos()), "service %s: method %s has no type (see the compiler's errors)", name, id.Name)
				continue
			}
			if m := l.method(name, id, fn, fld.Doc); m != nil {
				sv.Methods = append(sv.Methods, m)
			}
		}
	}
	if len(sv.Methods) == 0 && len(it.Methods.List) == 0 {
		l.r.Errorf(l.pos(ts.Name.Pos()), "service %s has no methods", name)
	}
	l.s.Services = append(l.s.Services, sv)
}

// The method shapes (ctx is context.Context, Req and Resp named structs):
//
//	unary:            M(ctx, *Req) (*Resp, error)
//	server streaming: M(ctx, *Req) iter.Seq2[*Resp, error]
//	client streaming: M(ctx, iter.Seq2[*Req, error]) (*Resp, error)
//	bidi streaming:   M(ctx, iter.Seq2[*Req, error]) iter.Seq2[*Resp, error]
const shapes = "M(ctx context.Context, req *Req) (*Resp, error), " +
	"M(ctx context.Context, req *Req) iter.Seq2[*Resp, error], " +
	"M(ctx context.Context, reqs iter.Seq2[*Req, error]) (*Resp, error) or " +
	"M(ctx context.Context, reqs iter.Seq2[*Req, error]) iter.Seq2[*Resp, error]"

// method maps one interface method, or reports why it cannot.
func (l *loader) method(svc string, id *ast.Ident, fn *types.Func, doc *ast.CommentGroup) *schema.Method {
	sig := fn.Type().(*types.Signature)
	where := "method " + svc + "." + id.Name
	bad := func(what string) *schema.Method {
		l.r.Errorf(l.pos(id.Pos()), "%s: %s; use one of the shapes %s", where, what, shapes)
		return nil
	}
	if !id.IsExported() {
		return bad("unexported methods cannot be called remotely; export it")
	}
	params, results := sig.Params(), sig.Results()
	if sig.Variadic() {
		return bad("variadic parameters are not supported")
	}
	if params.Len() != 2 {
		return bad("want 2 parameters (a context.Context and the request), have " + strconv.Itoa(params.Len()))
	}
	if !isNamed(params.At(0).Type(), "context", "Context") {
		return bad("the first parameter must be context.Context, not " + l.typeString(params.At(0).Type()))
	}
	m := &schema.Method{Name: id.Name, Doc: docLines(doc), Pos: l.pos(id.Pos())}
	if hasLine(doc, IdempotentDirective) {
		m.Idempotent = true
		m.Attrs = []schema.Attr{{Name: "idempotent", Pos: m.Pos}}
	}
	clientStreams := false
	reqType := params.At(1).Type()
	if elem, ok := seq2Elem(reqType); ok {
		clientStreams, reqType = true, elem
	}
	req := l.message(where, "request", reqType, id)
	if req == nil {
		return nil
	}
	var serverStreams bool
	var rspType types.Type
	switch {
	case results.Len() == 2 && isError(results.At(1).Type()):
		rspType = results.At(0).Type()
	case results.Len() == 1:
		elem, ok := seq2Elem(results.At(0).Type())
		if !ok {
			return bad("a single result must be iter.Seq2[*Resp, error], not " + l.typeString(results.At(0).Type()))
		}
		serverStreams, rspType = true, elem
	default:
		return bad("the results must be (*Resp, error) or iter.Seq2[*Resp, error]")
	}
	rsp := l.message(where, "response", rspType, id)
	if rsp == nil {
		return nil
	}
	m.Request, m.Response = req, rsp
	switch {
	case clientStreams && serverStreams:
		m.Streaming = schema.StreamBidi
	case clientStreams:
		m.Streaming = schema.StreamClient
	case serverStreams:
		m.Streaming = schema.StreamServer
	}
	return m
}

// message maps the request or response type of a method: a pointer to a
// named struct declared in the service's package.
func (l *loader) message(where, role string, t types.Type, id *ast.Ident) *schema.Table {
	p, ok := t.(*types.Pointer)
	if !ok {
		if _, isStruct := t.Underlying().(*types.Struct); isStruct {
			l.r.Errorf(l.pos(id.Pos()), "%s: the %s must be a pointer to a struct; use *%s", where, role, l.typeString(t))
		} else {
			l.r.Errorf(l.pos(id.Pos()), "%s: the %s must be a pointer to a named struct declared in package %s, not %s", where, role, l.p.Name, l.typeString(t))
		}
		return nil
	}
	named, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || named.Obj().Pkg() != l.p.Types {
		l.r.Errorf(l.pos(id.Pos()), "%s: the %s must be a pointer to a named struct declared in package %s, not %s", where, role, l.p.Name, l.typeString(t))
		return nil
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		l.r.Errorf(l.pos(id.Pos()), "%s: the %s type %s is not a struct", where, role, named.Obj().Name())
		return nil
	}
	return l.table(named)
}

// seq2Elem reports whether t is iter.Seq2[E, error] and returns E.
func seq2Elem(t types.Type) (types.Type, bool) {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !isNamed(n, "iter", "Seq2") || n.TypeArgs().Len() != 2 || !isError(n.TypeArgs().At(1)) {
		return nil, false
	}
	return n.TypeArgs().At(0), true
}

// isNamed reports whether t is the named type pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

func isError(t types.Type) bool { return types.Identical(t, types.Universe.Lookup("error").Type()) }

// typeString spells t relative to the loaded package.
func (l *loader) typeString(t types.Type) string {
	return types.TypeString(t, types.RelativeTo(l.p.Types))
}
