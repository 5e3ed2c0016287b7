package templates

// Server side of the service emitter: the handler adapters that connect the
// runtime's untyped handlers (runtime.UnaryHandler, runtime.StreamHandler)
// to the generated server interfaces. See service.go for the whole design.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// serverHandler emits the adapter of one method for the object-API server.
// Unary:
//
//	// echoUnaryHandler adapts EchoServer.Unary to runtime.UnaryHandler.
//	func echoUnaryHandler(srv any, ctx context.Context, req []byte, reply *flatbuffers.Builder) error {
//		rsp, err := srv.(EchoServer).Unary(ctx, GetRootAsPing(req, 0).UnPack())
//		if err != nil {
//			return err
//		}
//		if rsp == nil {
//			rsp = &PongT{}
//		}
//		FinishPongBuffer(reply, rsp.Pack(reply))
//		return nil
//	}
//
// Streams (runtime.StreamHandler):
//
//	func echoServerStreamHandler(srv any, stream runtime.ServerStreamer) error {
//		req, err := stream.Recv() // the one request (server streams only)
//		...
//		return srv.(EchoServer).ServerStream(stream.Context(), GetRootAsPing(req, 0).UnPack(), func(rsp *PongT) error {
//			b := stream.NewBuilder()
//			FinishPongBuffer(b, rsp.Pack(b))
//			return stream.Send(b)
//		})
//	}
//
// with an iterator over unpacked requests (reqIter) for client and bidi
// streams, and the single response of a client stream sent with stream.Send.
func (g *gen) serverHandler(f *jen.File, s svc, m rpcMethod) {
	name := handlerName(s, m, false)
	impl := jen.Id("srv").Assert(jen.Id(s.name + "Server")).Dot(m.name)
	f.Add(objDoc("%s adapts %sServer.%s to runtime.%s.", name, s.name, m.name, handlerKind(m)))
	if m.m.Streaming == schema.StreamNone {
		f.Func().Id(name).Params(unaryHandlerParams()...).Error().Block(
			jen.List(jen.Id("rsp"), jen.Err()).Op(":=").Add(impl).Call(
				jen.Id("ctx"), jen.Id("GetRootAs"+m.req).Call(jen.Id("req"), jen.Lit(0)).Dot("UnPack").Call()),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			emptyIfNil("rsp", m.rsp),
			jen.Id("Finish"+m.rsp+"Buffer").Call(jen.Id("reply"), jen.Id("rsp").Dot("Pack").Call(jen.Id("reply"))),
			jen.Return(jen.Nil()),
		)
		return
	}
	ctx := jen.Id("stream").Dot("Context").Call()
	send := jen.Func().Params(jen.Id("rsp").Op("*").Id(m.rsp+"T")).Error().Block(
		emptyIfNil("rsp", m.rsp),
		jen.Id("b").Op(":=").Id("stream").Dot("NewBuilder").Call(),
		jen.Id("Finish"+m.rsp+"Buffer").Call(jen.Id("b"), jen.Id("rsp").Dot("Pack").Call(jen.Id("b"))),
		jen.Return(jen.Id("stream").Dot("Send").Call(jen.Id("b"))),
	)
	var body []jen.Code
	switch m.m.Streaming {
	case schema.StreamServer:
		body = append(recvOneRequest(),
			jen.Return(impl.Call(ctx, jen.Id("GetRootAs"+m.req).Call(jen.Id("req"), jen.Lit(0)).Dot("UnPack").Call(), send)))
	case schema.StreamClient:
		body = []jen.Code{
			jen.List(jen.Id("rsp"), jen.Err()).Op(":=").Add(impl).Call(ctx, reqIter(m, false)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			emptyIfNil("rsp", m.rsp),
			jen.Id("b").Op(":=").Id("stream").Dot("NewBuilder").Call(),
			jen.Id("Finish"+m.rsp+"Buffer").Call(jen.Id("b"), jen.Id("rsp").Dot("Pack").Call(jen.Id("b"))),
			jen.Return(jen.Id("stream").Dot("Send").Call(jen.Id("b"))),
		}
	case schema.StreamBidi:
		body = []jen.Code{jen.Return(impl.Call(ctx, reqIter(m, false), send))}
	}
	f.Func().Id(name).Params(streamHandlerParams()...).Error().Block(body...)
}

// rawServerHandler emits the adapter of one method for the zero-copy
// server:
//
//	// echoUnaryRawHandler adapts EchoRawServer.Unary to runtime.UnaryHandler.
//	func echoUnaryRawHandler(srv any, ctx context.Context, req []byte, reply *flatbuffers.Builder) error {
//		return srv.(EchoRawServer).Unary(ctx, GetRootAsPing(req, 0), reply)
//	}
//
//	func echoServerStreamRawHandler(srv any, stream runtime.ServerStreamer) error {
//		req, err := stream.Recv()
//		...
//		return srv.(EchoRawServer).ServerStream(stream.Context(), GetRootAsPing(req, 0), stream)
//	}
//
//	func echoClientStreamRawHandler(srv any, stream runtime.ServerStreamer) error {
//		reply := stream.NewBuilder()
//		if err := srv.(EchoRawServer).ClientStream(stream.Context(), <views>, reply); err != nil {
//			return err
//		}
//		return stream.Send(reply)
//	}
//
//	func echoBidiRawHandler(srv any, stream runtime.ServerStreamer) error {
//		return srv.(EchoRawServer).Bidi(stream.Context(), <views>, stream)
//	}
func (g *gen) rawServerHandler(f *jen.File, s svc, m rpcMethod) {
	name := handlerName(s, m, true)
	impl := jen.Id("srv").Assert(jen.Id(s.name + "RawServer")).Dot(m.name)
	f.Add(objDoc("%s adapts %sRawServer.%s to runtime.%s.", name, s.name, m.name, handlerKind(m)))
	if m.m.Streaming == schema.StreamNone {
		f.Func().Id(name).Params(unaryHandlerParams()...).Error().Block(
			jen.Return(impl.Call(jen.Id("ctx"), jen.Id("GetRootAs"+m.req).Call(jen.Id("req"), jen.Lit(0)), jen.Id("reply"))),
		)
		return
	}
	ctx := jen.Id("stream").Dot("Context").Call()
	var body []jen.Code
	switch m.m.Streaming {
	case schema.StreamServer:
		body = append(recvOneRequest(),
			jen.Return(impl.Call(ctx, jen.Id("GetRootAs"+m.req).Call(jen.Id("req"), jen.Lit(0)), jen.Id("stream"))))
	case schema.StreamClient:
		body = []jen.Code{
			jen.Id("reply").Op(":=").Id("stream").Dot("NewBuilder").Call(),
			jen.If(jen.Err().Op(":=").Add(impl).Call(ctx, reqIter(m, true), jen.Id("reply")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Err()),
			),
			jen.Return(jen.Id("stream").Dot("Send").Call(jen.Id("reply"))),
		}
	case schema.StreamBidi:
		body = []jen.Code{jen.Return(impl.Call(ctx, reqIter(m, true), jen.Id("stream")))}
	}
	f.Func().Id(name).Params(streamHandlerParams()...).Error().Block(body...)
}

// handlerKind names the runtime handler type a method's adapter has.
func handlerKind(m rpcMethod) string {
	if m.m.Streaming == schema.StreamNone {
		return "UnaryHandler"
	}
	return "StreamHandler"
}

// unaryHandlerParams: srv any, ctx context.Context, req []byte, reply *flatbuffers.Builder
func unaryHandlerParams() []jen.Code {
	return []jen.Code{
		jen.Id("srv").Any(), jen.Id("ctx").Add(ctxType()), jen.Id("req").Index().Byte(),
		jen.Id("reply").Op("*").Add(fbQual("Builder")),
	}
}

// streamHandlerParams: srv any, stream runtime.ServerStreamer
func streamHandlerParams() []jen.Code {
	return []jen.Code{jen.Id("srv").Any(), jen.Id("stream").Add(rq("ServerStreamer"))}
}

// emptyIfNil sends a nil response as an empty table:
//
//	if rsp == nil {
//		rsp = &PongT{}
//	}
func emptyIfNil(v, table string) jen.Code {
	return jen.If(jen.Id(v).Op("==").Nil()).Block(jen.Id(v).Op("=").Op("&").Id(table + "T").Values())
}

// recvOneRequest receives the single request of a server-streaming call:
//
//	req, err := stream.Recv()
//	if err == io.EOF {
//		err = runtime.NewError(runtime.InvalidArgument, "the client sent no request")
//	}
//	if err != nil {
//		return err
//	}
func recvOneRequest() []jen.Code {
	return []jen.Code{
		jen.List(jen.Id("req"), jen.Err()).Op(":=").Id("stream").Dot("Recv").Call(),
		jen.If(jen.Err().Op("==").Add(ioEOF())).Block(
			jen.Err().Op("=").Add(rq("NewError")).Call(rq("InvalidArgument"), jen.Lit("the client sent no request")),
		),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
}

// reqIter is the iterator over a stream's requests a handler ranges over.
// Object API (each request unpacked):
//
//	func(yield func(*PingT, error) bool) {
//		for req, err := range runtime.Messages(stream.Recv) {
//			if err != nil {
//				yield(nil, err)
//				return
//			}
//			if !yield(GetRootAsPing(req, 0).UnPack(), nil) {
//				return
//			}
//		}
//	}
//
// Zero copy (one view, re-pointed at each request):
//
//	func(yield func(*Ping, error) bool) {
//		var v Ping
//		for req, err := range runtime.Messages(stream.Recv) {
//			... v.Init(req, flatbuffers.GetUOffsetT(req))
//			if !yield(&v, nil) { return }
//		}
//	}
func reqIter(m rpcMethod, raw bool) jen.Code {
	elem := jen.Op("*").Id(m.req + "T")
	item := jen.Id("GetRootAs"+m.req).Call(jen.Id("req"), jen.Lit(0)).Dot("UnPack").Call()
	var pre []jen.Code
	var set []jen.Code
	if raw {
		elem = jen.Op("*").Id(m.req)
		item = jen.Op("&").Id("v")
		pre = []jen.Code{jen.Var().Id("v").Id(m.req)}
		set = []jen.Code{jen.Id("v").Dot("Init").Call(jen.Id("req"), fbQual("GetUOffsetT").Call(jen.Id("req")))}
	}
	loop := append([]jen.Code{
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Id("yield").Call(jen.Nil(), jen.Err()),
			jen.Return(),
		),
	}, set...)
	loop = append(loop, jen.If(jen.Op("!").Id("yield").Call(item, jen.Nil())).Block(jen.Return()))
	body := append(pre,
		jen.For(jen.List(jen.Id("req"), jen.Err()).Op(":=").Range().Add(rq("Messages")).Call(
			jen.Id("stream").Dot("Recv"))).Block(loop...),
	)
	return jen.Func().Params(jen.Id("yield").Func().Params(elem, jen.Error()).Bool()).Block(body...)
}
