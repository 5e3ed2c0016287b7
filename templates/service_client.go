package templates

// Client side of the service emitter: the client type and its methods. The
// call types that streaming methods return are in service_call.go. See
// service.go for the whole design.

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// client emits the client type, its constructor and one or two methods per
// rpc:
//
//	// EchoClient calls the Echo service ...
//	type EchoClient struct {
//		cc *runtime.ClientConn
//	}
//
//	// NewEchoClient returns a client that calls Echo over cc.
//	func NewEchoClient(cc *runtime.ClientConn) *EchoClient {
//		return &EchoClient{cc: cc}
//	}
func (g *gen) client(f *jen.File, s svc, ms []rpcMethod) {
	cl := s.name + "Client"
	doc := strings.Split(cl+" calls the "+s.name+" service over a *runtime.ClientConn. It is safe for\n"+
		"concurrent use. Each method comes in the object-API form (requests and\n"+
		"responses as *T values) and, where the request is a single message, a\n"+
		"zero-copy form with the suffix Raw (a finished builder in, a view out).\n"+
		"Errors are *runtime.Error values; runtime.CodeOf gives their code.", "\n")
	if len(s.sv.Doc) > 0 {
		doc = append(append(doc, ""), s.sv.Doc...)
	}
	decl(f, doc).Type().Id(cl).Struct(jen.Id("cc").Op("*").Add(rq("ClientConn")))
	f.Add(objDoc("New%s returns a client that calls %s over cc.", cl, s.name))
	f.Func().Id("New" + cl).Params(jen.Id("cc").Op("*").Add(rq("ClientConn"))).Op("*").Id(cl).Block(
		jen.Return(jen.Op("&").Id(cl).Values(jen.Dict{jen.Id("cc"): jen.Id("cc")})),
	)
	for _, m := range ms {
		switch m.m.Streaming {
		case schema.StreamNone:
			g.clientUnary(f, s, m)
		case schema.StreamServer:
			g.clientServerStream(f, s, m)
		default:
			g.clientStreamStart(f, s, m)
		}
	}
}

// clientRecv is the receiver of client methods: (c *EchoClient).
func clientRecv(s svc) *jen.Statement {
	return jen.Params(jen.Id("c").Op("*").Id(s.name + "Client"))
}

// methodDesc is &EchoServiceDesc.Methods[i].
func methodDesc(s svc, m rpcMethod) *jen.Statement {
	return jen.Op("&").Id(s.name + "ServiceDesc").Dot("Methods").Index(jen.Lit(m.index))
}

// optsParam is opts ...runtime.CallOption.
func optsParam() *jen.Statement { return jen.Id("opts").Op("...").Add(rq("CallOption")) }

// packRequest packs an object-API request into a pooled builder:
//
//	if req == nil {
//		req = &PingT{}
//	}
//	b := c.cc.NewBuilder()
//	FinishPingBuffer(b, req.Pack(b))
func packRequest(m rpcMethod) []jen.Code {
	return []jen.Code{
		emptyIfNil("req", m.req),
		jen.Id("b").Op(":=").Id("c").Dot("cc").Dot("NewBuilder").Call(),
		jen.Id("Finish"+m.req+"Buffer").Call(jen.Id("b"), jen.Id("req").Dot("Pack").Call(jen.Id("b"))),
	}
}

// clientUnary emits the two forms of a unary method:
//
//	// Unary calls Echo.Unary ...
//	func (c *EchoClient) Unary(ctx context.Context, req *PingT, opts ...runtime.CallOption) (*PongT, error) {
//		<packRequest>
//		reply, err := c.cc.Invoke(ctx, &EchoServiceDesc.Methods[0], b, opts...)
//		if err != nil {
//			return nil, err
//		}
//		defer reply.Release()
//		return GetRootAsPong(reply.Bytes(), 0).UnPack(), nil
//	}
//
//	// UnaryRaw calls Echo.Unary zero copy ...
//	func (c *EchoClient) UnaryRaw(ctx context.Context, req *flatbuffers.Builder, opts ...runtime.CallOption) (*Pong, runtime.Reply, error) {
//		reply, err := c.cc.Invoke(ctx, &EchoServiceDesc.Methods[0], req, opts...)
//		if err != nil {
//			return nil, reply, err
//		}
//		return GetRootAsPong(reply.Bytes(), 0), reply, nil
//	}
func (g *gen) clientUnary(f *jen.File, s svc, m rpcMethod) {
	full := s.name + "." + m.m.Name
	decl(f, methodDoc(m, m.name+" calls "+full+" with the object API. Headers and trailers of the\n"+
		"response are available with the runtime.Header and runtime.Trailer call options.")).
		Func().Add(clientRecv(s)).Id(m.name).Params(
		jen.Id("ctx").Add(ctxType()), jen.Id("req").Op("*").Id(m.req+"T"), optsParam(),
	).Params(jen.Op("*").Id(m.rsp+"T"), jen.Error()).Block(append(packRequest(m),
		jen.List(jen.Id("reply"), jen.Err()).Op(":=").Id("c").Dot("cc").Dot("Invoke").Call(
			jen.Id("ctx"), methodDesc(s, m), jen.Id("b"), jen.Id("opts").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Defer().Id("reply").Dot("Release").Call(),
		jen.Return(jen.Id("GetRootAs"+m.rsp).Call(jen.Id("reply").Dot("Bytes").Call(), jen.Lit(0)).Dot("UnPack").Call(), jen.Nil()),
	)...)

	f.Add(objDoc("%sRaw calls %s zero copy. req is a builder from the connection's\n"+
		"NewBuilder holding a finished %s (Finish%sBuffer); it belongs to the\n"+
		"runtime from the call on. The returned view is valid until the caller\n"+
		"calls Release on the returned runtime.Reply, which it must do exactly once\n"+
		"when err is nil.", m.name, full, m.req, m.req))
	f.Func().Add(clientRecv(s)).Id(m.name+"Raw").Params(
		jen.Id("ctx").Add(ctxType()), jen.Id("req").Op("*").Add(fbQual("Builder")), optsParam(),
	).Params(jen.Op("*").Id(m.rsp), rq("Reply"), jen.Error()).Block(
		jen.List(jen.Id("reply"), jen.Err()).Op(":=").Id("c").Dot("cc").Dot("Invoke").Call(
			jen.Id("ctx"), methodDesc(s, m), jen.Id("req"), jen.Id("opts").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Id("reply"), jen.Err())),
		jen.Return(jen.Id("GetRootAs"+m.rsp).Call(jen.Id("reply").Dot("Bytes").Call(), jen.Lit(0)), jen.Id("reply"), jen.Nil()),
	)
}

// clientServerStream emits the two forms of a server-streaming method:
//
//	// ServerStream starts Echo.ServerStream ...
//	func (c *EchoClient) ServerStream(ctx context.Context, req *PingT, opts ...runtime.CallOption) (*EchoServerStreamCall, error) {
//		<packRequest>
//		return c.ServerStreamRaw(ctx, b, opts...)
//	}
//
//	// ServerStreamRaw starts Echo.ServerStream with a finished request builder ...
//	func (c *EchoClient) ServerStreamRaw(ctx context.Context, req *flatbuffers.Builder, opts ...runtime.CallOption) (*EchoServerStreamCall, error) {
//		stream, err := c.cc.NewStream(ctx, &EchoServiceDesc.Methods[1], opts...)
//		if err != nil {
//			return nil, err
//		}
//		if err := stream.Send(req); err != nil && err != io.EOF {
//			stream.Cancel()
//			return nil, err
//		}
//		if err := stream.CloseSend(); err != nil {
//			stream.Cancel()
//			return nil, err
//		}
//		return &EchoServerStreamCall{stream: stream}, nil
//	}
func (g *gen) clientServerStream(f *jen.File, s svc, m rpcMethod) {
	full := s.name + "." + m.m.Name
	call := callName(s, m)
	decl(f, methodDoc(m, m.name+" starts "+full+" with the request in the object API form;\n"+
		"range over the responses with the returned call's All (or Views).")).
		Func().Add(clientRecv(s)).Id(m.name).Params(
		jen.Id("ctx").Add(ctxType()), jen.Id("req").Op("*").Id(m.req+"T"), optsParam(),
	).Params(jen.Op("*").Id(call), jen.Error()).Block(append(packRequest(m),
		jen.Return(jen.Id("c").Dot(m.name+"Raw").Call(jen.Id("ctx"), jen.Id("b"), jen.Id("opts").Op("..."))),
	)...)

	f.Add(objDoc("%sRaw starts %s zero copy: req is a builder from the connection's\n"+
		"NewBuilder holding a finished %s (Finish%sBuffer); it belongs to the\n"+
		"runtime from the call on.", m.name, full, m.req, m.req))
	f.Func().Add(clientRecv(s)).Id(m.name+"Raw").Params(
		jen.Id("ctx").Add(ctxType()), jen.Id("req").Op("*").Add(fbQual("Builder")), optsParam(),
	).Params(jen.Op("*").Id(call), jen.Error()).Block(
		jen.List(jen.Id("stream"), jen.Err()).Op(":=").Id("c").Dot("cc").Dot("NewStream").Call(
			jen.Id("ctx"), methodDesc(s, m), jen.Id("opts").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Comment("io.EOF means the call already ended; the call's Recv reports how."),
		jen.If(jen.Err().Op(":=").Id("stream").Dot("Send").Call(jen.Id("req")),
			jen.Err().Op("!=").Nil().Op("&&").Err().Op("!=").Add(ioEOF())).Block(
			jen.Id("stream").Dot("Cancel").Call(),
			jen.Return(jen.Nil(), jen.Err()),
		),
		jen.If(jen.Err().Op(":=").Id("stream").Dot("CloseSend").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Id("stream").Dot("Cancel").Call(),
			jen.Return(jen.Nil(), jen.Err()),
		),
		jen.Return(jen.Op("&").Id(call).Values(jen.Dict{jen.Id("stream"): jen.Id("stream")}), jen.Nil()),
	)
}

// clientStreamStart emits the method that starts a client-streaming or
// bidirectional call:
//
//	// Bidi starts Echo.Bidi ...
//	func (c *EchoClient) Bidi(ctx context.Context, opts ...runtime.CallOption) (*EchoBidiCall, error) {
//		stream, err := c.cc.NewStream(ctx, &EchoServiceDesc.Methods[3], opts...)
//		if err != nil {
//			return nil, err
//		}
//		return &EchoBidiCall{stream: stream}, nil
//	}
func (g *gen) clientStreamStart(f *jen.File, s svc, m rpcMethod) {
	full := s.name + "." + m.m.Name
	call := callName(s, m)
	line := m.name + " starts " + full + ": send requests with the returned call's Send\n" +
		"(object API) or SendBuilder (zero copy), then CloseAndRecv for the response."
	if m.m.Streaming == schema.StreamBidi {
		line = m.name + " starts " + full + ": send requests with the returned call's Send\n" +
			"or SendBuilder and CloseSend when done, while ranging over the responses\n" +
			"with All or Views (usually in another goroutine)."
	}
	decl(f, methodDoc(m, line)).Func().Add(clientRecv(s)).Id(m.name).Params(
		jen.Id("ctx").Add(ctxType()), optsParam(),
	).Params(jen.Op("*").Id(call), jen.Error()).Block(
		jen.List(jen.Id("stream"), jen.Err()).Op(":=").Id("c").Dot("cc").Dot("NewStream").Call(
			jen.Id("ctx"), methodDesc(s, m), jen.Id("opts").Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Return(jen.Op("&").Id(call).Values(jen.Dict{jen.Id("stream"): jen.Id("stream")}), jen.Nil()),
	)
}
