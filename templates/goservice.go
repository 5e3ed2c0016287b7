package templates

// Service glue of Go-defined services (see gogen.go): the descriptor, the
// registration function and the server adapters. The client is in
// goservice_client.go.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// goSvc is one Go-defined service with its Go names.
type goSvc struct {
	sv   *schema.Service
	name string // the interface: "Todo"
}

func (s goSvc) typ() *jen.Statement { return jen.Qual(s.sv.Go.Pkg, s.sv.Go.Name) }

// goService emits everything a Go-defined service gets.
func (g *gen) goService(f *jen.File, sv *schema.Service) {
	s := goSvc{sv: sv, name: sv.Go.Name}
	if sv == g.s.Services[0] {
		f.Line().Comment("This file requires a wsgen runtime that supports the API of generated code")
		f.Comment("version 1; a mismatched runtime fails to compile here.")
		f.Const().Id("_").Op("=").Add(rq("SupportPackageIsVersion1"))
	}
	g.goServiceDesc(f, s)
	g.goRegister(f, s)
	for _, m := range sv.Methods {
		g.goHandler(f, s, m)
	}
	g.goClient(f, s)
	for _, m := range sv.Methods {
		g.goClientMethod(f, s, m)
	}
	g.goStreamHelpers(f, sv)
}

// goServiceDesc emits the service's name and descriptor:
//
//	// TodoServiceName is the fully qualified name of the Todo service.
//	const TodoServiceName = "todo.Todo"
//
//	// TodoServiceDesc describes the Todo service ...
//	var TodoServiceDesc = runtime.ServiceDesc{
//		Name:        TodoServiceName,
//		HandlerType: (*Todo)(nil),
//		Methods: []runtime.MethodDesc{{
//			Name: "Add", FullName: "/todo.Todo/Add", Kind: runtime.Unary,
//			VerifyRequest: VerifyAddRequestBufferUntrusted, VerifyResponse: VerifyItemBufferUntrusted,
//			Unary: todoAddHandler,
//		}, ...},
//	}
func (g *gen) goServiceDesc(f *jen.File, s goSvc) {
	full := s.sv.FullName()
	f.Line().Comment(s.name + "ServiceName is the fully qualified name of the " + s.name + " service.")
	f.Const().Id(s.name + "ServiceName").Op("=").Lit(full)
	methods := make([]jen.Code, len(s.sv.Methods))
	for i, m := range s.sv.Methods {
		d := jen.Dict{
			jen.Id("Name"):           jen.Lit(m.Name),
			jen.Id("FullName"):       jen.Lit("/" + full + "/" + m.Name),
			jen.Id("Kind"):           kindIdent(m.Streaming),
			jen.Id("VerifyRequest"):  jen.Id("Verify" + g.tableName(m.Request) + "BufferUntrusted"),
			jen.Id("VerifyResponse"): jen.Id("Verify" + g.tableName(m.Response) + "BufferUntrusted"),
		}
		if m.Idempotent {
			d[jen.Id("Idempotent")] = jen.True()
		}
		h := jen.Id(goHandlerName(s, m))
		if m.Streaming == schema.StreamNone {
			d[jen.Id("Unary")] = h
		} else {
			d[jen.Id("Stream")] = h
		}
		methods[i] = jen.Values(d)
	}
	f.Add(objDoc("%sServiceDesc describes the %s service; Register%sServer serves an\n"+
		"implementation of %s with it, and %sClient calls it. Do not modify it.", s.name, s.name, s.name, s.name, s.name))
	f.Var().Id(s.name + "ServiceDesc").Op("=").Add(rq("ServiceDesc")).Values(jen.Dict{
		jen.Id("Name"):        jen.Id(s.name + "ServiceName"),
		jen.Id("HandlerType"): jen.Parens(jen.Op("*").Add(s.typ())).Call(jen.Nil()),
		jen.Id("Methods"):     jen.Index().Add(rq("MethodDesc")).Values(methods...),
	})
}

// goRegister emits
//
//	// RegisterTodoServer registers impl as the Todo service on s ...
//	func RegisterTodoServer(s *runtime.Server, impl Todo) error {
//		return s.Register(&TodoServiceDesc, impl)
//	}
func (g *gen) goRegister(f *jen.File, s goSvc) {
	fn := "Register" + s.name + "Server"
	f.Add(objDoc("%s registers impl as the %s service on s. It fails if another\n"+
		"implementation of a method of %s is already registered there.", fn, s.name, s.name))
	f.Func().Id(fn).Params(jen.Id("s").Op("*").Add(rq("Server")), jen.Id("impl").Add(s.typ())).Error().Block(
		jen.Return(jen.Id("s").Dot("Register").Call(jen.Op("&").Id(s.name+"ServiceDesc"), jen.Id("impl"))),
	)
}

// goHandlerName is the adapter of a method: todoAddHandler.
func goHandlerName(s goSvc, m *schema.Method) string { return lowerFirst(s.name) + m.Name + "Handler" }

// decodeRoot is `decodeItem(buf, flatbuffers.GetUOffsetT(buf), v)`.
func (g *gen) decodeRoot(t *schema.Table, buf, v jen.Code) *jen.Statement {
	return jen.Id("decode"+g.tableName(t)).Call(buf, fbQual("GetUOffsetT").Call(buf), v)
}

// finish is `b.Finish(EncodeItem(b, v))`.
func (g *gen) finish(t *schema.Table, b string, v jen.Code) *jen.Statement {
	return jen.Id(b).Dot("Finish").Call(jen.Id("Encode"+g.tableName(t)).Call(jen.Id(b), v))
}

// goHandler emits the adapter of one method. Unary:
//
//	// todoAddHandler adapts Todo.Add to runtime.UnaryHandler.
//	func todoAddHandler(srv any, ctx context.Context, req []byte, reply *flatbuffers.Builder) error {
//		in := new(AddRequest)
//		decodeAddRequest(req, flatbuffers.GetUOffsetT(req), in)
//		rsp, err := srv.(Todo).Add(ctx, in)
//		if err != nil {
//			return err
//		}
//		reply.Finish(EncodeItem(reply, rsp))
//		return nil
//	}
//
// Streams (runtime.StreamHandler) receive their requests with recvItems
// (an iterator) or stream.Recv (the one request of a server stream), and
// send each response the implementation's iterator yields:
//
//	for rsp, err := range srv.(Todo).Watch(stream.Context(), in) {
//		if err != nil {
//			return err
//		}
//		b := stream.NewBuilder()
//		b.Finish(EncodeItem(b, rsp))
//		if err := stream.Send(b); err != nil {
//			return err
//		}
//	}
//	return nil
func (g *gen) goHandler(f *jen.File, s goSvc, m *schema.Method) {
	name := goHandlerName(s, m)
	impl := jen.Id("srv").Assert(s.typ()).Dot(m.Name)
	decodeIn := []jen.Code{
		jen.Id("in").Op(":=").New(jen.Qual(m.Request.Go.Pkg, m.Request.Go.Name)),
		g.decodeRoot(m.Request, jen.Id("req"), jen.Id("in")),
	}
	if m.Streaming == schema.StreamNone {
		f.Add(objDoc("%s adapts %s.%s to runtime.UnaryHandler.", name, s.name, m.Name))
		body := append(decodeIn,
			jen.List(jen.Id("rsp"), jen.Err()).Op(":=").Add(impl).Call(jen.Id("ctx"), jen.Id("in")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			g.finish(m.Response, "reply", jen.Id("rsp")),
			jen.Return(jen.Nil()),
		)
		f.Func().Id(name).Params(unaryHandlerParams()...).Error().Block(body...)
		return
	}
	ctx := jen.Id("stream").Dot("Context").Call()
	sendAll := func(seq jen.Code) []jen.Code {
		return []jen.Code{
			jen.For(jen.List(jen.Id("rsp"), jen.Err()).Op(":=").Range().Add(seq)).Block(
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
				jen.Id("b").Op(":=").Id("stream").Dot("NewBuilder").Call(),
				g.finish(m.Response, "b", jen.Id("rsp")),
				jen.If(jen.Err().Op(":=").Id("stream").Dot("Send").Call(jen.Id("b")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			),
			jen.Return(jen.Nil()),
		}
	}
	reqs := jen.Id("recv" + g.tableName(m.Request) + "s").Call(jen.Id("stream").Dot("Recv"))
	var body []jen.Code
	switch m.Streaming {
	case schema.StreamServer:
		body = append(append(recvOneRequest(), decodeIn...), sendAll(impl.Call(ctx, jen.Id("in")))...)
	case schema.StreamClient:
		body = []jen.Code{
			jen.List(jen.Id("rsp"), jen.Err()).Op(":=").Add(impl).Call(ctx, reqs),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Id("b").Op(":=").Id("stream").Dot("NewBuilder").Call(),
			g.finish(m.Response, "b", jen.Id("rsp")),
			jen.Return(jen.Id("stream").Dot("Send").Call(jen.Id("b"))),
		}
	case schema.StreamBidi:
		body = sendAll(impl.Call(ctx, reqs))
	}
	f.Add(objDoc("%s adapts %s.%s to runtime.StreamHandler.", name, s.name, m.Name))
	f.Func().Id(name).Params(streamHandlerParams()...).Error().Block(body...)
}

// goStreamHelpers emits, once per message type that travels in a stream
// of several messages, the iterator that decodes them:
//
//	// recvItems returns an iterator over the Item messages recv returns ...
//	func recvItems(recv func() ([]byte, error)) iter.Seq2[*Item, error] {
//		return func(yield func(*Item, error) bool) {
//			for buf, err := range runtime.Messages(recv) {
//				if err != nil {
//					yield(nil, err)
//					return
//				}
//				v := new(Item)
//				decodeItem(buf, flatbuffers.GetUOffsetT(buf), v)
//				if !yield(v, nil) {
//					return
//				}
//			}
//		}
//	}
//
// and, for requests a client streams, sendItems (goSendHelper).
func (g *gen) goStreamHelpers(f *jen.File, sv *schema.Service) {
	recv, send := map[*schema.Table]bool{}, map[*schema.Table]bool{}
	var recvOrder, sendOrder []*schema.Table
	for _, m := range sv.Methods {
		if m.Streaming == schema.StreamClient || m.Streaming == schema.StreamBidi {
			if !recv[m.Request] && !g.goHelperDone(sv, m.Request, true) {
				recv[m.Request] = true
				recvOrder = append(recvOrder, m.Request)
			}
			if !send[m.Request] && !g.goHelperDone(sv, m.Request, false) {
				send[m.Request] = true
				sendOrder = append(sendOrder, m.Request)
			}
		}
		if m.Streaming == schema.StreamServer || m.Streaming == schema.StreamBidi {
			if !recv[m.Response] && !g.goHelperDone(sv, m.Response, true) {
				recv[m.Response] = true
				recvOrder = append(recvOrder, m.Response)
			}
		}
	}
	for _, t := range recvOrder {
		g.goRecvHelper(f, t)
	}
	for _, t := range sendOrder {
		g.goSendHelper(f, t)
	}
}

// goHelperDone reports whether an earlier service already got the recv
// (or send) helper of t.
func (g *gen) goHelperDone(sv *schema.Service, t *schema.Table, recv bool) bool {
	for _, o := range g.s.Services {
		if o == sv {
			return false
		}
		for _, m := range o.Methods {
			cs := m.Streaming == schema.StreamClient || m.Streaming == schema.StreamBidi
			ss := m.Streaming == schema.StreamServer || m.Streaming == schema.StreamBidi
			if cs && m.Request == t || recv && ss && m.Response == t {
				return true
			}
		}
	}
	return false
}

func (g *gen) goRecvHelper(f *jen.File, t *schema.Table) {
	name := g.tableName(t)
	typ := jen.Op("*").Qual(t.Go.Pkg, t.Go.Name)
	f.Add(objDoc("recv%ss returns an iterator over the %s messages recv returns: it\n"+
		"stops at io.EOF and yields any other error once.", name, name))
	f.Func().Id("recv" + name + "s").Params(jen.Id("recv").Func().Params().Params(jen.Index().Byte(), jen.Error())).
		Add(seq2(typ.Clone())).Block(
		jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(typ.Clone(), jen.Error()).Bool()).Block(
			jen.For(jen.List(jen.Id("buf"), jen.Err()).Op(":=").Range().Add(rq("Messages")).Call(jen.Id("recv"))).Block(
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("yield").Call(jen.Nil(), jen.Err()), jen.Return()),
				jen.Id("v").Op(":=").New(jen.Qual(t.Go.Pkg, t.Go.Name)),
				g.decodeRoot(t, jen.Id("buf"), jen.Id("v")),
				jen.If(jen.Op("!").Id("yield").Call(jen.Id("v"), jen.Nil())).Block(jen.Return()),
			),
		)),
	)
}
