package fbs

import "github.com/wsgen/wsgen/schema"

// service resolves an rpc_service's methods.
func (r *resolver) service(sd *serviceDecl) {
	s := sd.svc
	r.checkAttrs(s.Attrs, placeService)
	if len(sd.methods) == 0 {
		r.errorf(s.Pos, "rpc_service %s has no methods", s.Name)
	}
	seen := map[string]*schema.Method{}
	for _, md := range sd.methods {
		m := md.m
		r.checkAttrs(m.Attrs, placeMethod)
		if p, dup := seen[m.Name]; dup {
			r.errorf(m.Pos, "rpc method %s already declared at %s", m.Name, p.Pos)
			continue
		}
		seen[m.Name] = m
		req, okq := r.methodType(md.req, "request")
		resp, okr := r.methodType(md.resp, "response")
		if !okq || !okr {
			continue
		}
		m.Request, m.Response = req, resp
		if a, ok := findAttr(m.Attrs, "streaming"); ok && a.HasValue {
			switch a.Value {
			case "none":
				m.Streaming = schema.StreamNone
			case "server":
				m.Streaming = schema.StreamServer
			case "client":
				m.Streaming = schema.StreamClient
			case "bidi":
				m.Streaming = schema.StreamBidi
			default:
				r.errorf(a.Pos, "unknown streaming mode %s (want \"none\", \"server\", \"client\" or \"bidi\")", quote(a.Value))
			}
		}
		if _, ok := findAttr(m.Attrs, "idempotent"); ok {
			m.Idempotent = true
		}
		s.Methods = append(s.Methods, m)
	}
}

func (r *resolver) methodType(n *nameRef, what string) (*schema.Table, bool) {
	s, ok := r.lookupRef(n)
	switch {
	case !ok:
		r.errorf(n.pos, "unknown type %s%s", n.name, r.didYouMean(n.name))
		return nil, false
	case s.st == nil || s.st.fixed:
		r.errorf(n.pos, "rpc %s type %s must be a table", what, n.name)
		return nil, false
	}
	return s.st.tbl, true
}

func findAttr(attrs []schema.Attr, name string) (schema.Attr, bool) {
	for _, a := range attrs {
		if a.Name == name {
			return a, true
		}
	}
	return schema.Attr{}, false
}
