package templates

// Service emitter. For every rpc_service Echo in a schema the generated
// package gets:
//
// Descriptors and the version check
//
//	const _ = runtime.SupportPackageIsVersion1 // once per file with services
//	const EchoServiceName = "pkg.Echo"
//	var EchoServiceDesc = runtime.ServiceDesc{...}    // serves an EchoServer
//	var EchoRawServiceDesc = runtime.ServiceDesc{...} // serves an EchoRawServer
//
// Both descriptors describe the same methods with the same names, kinds and
// verifiers (VerifyPingBufferUntrusted for requests, VerifyPongBufferUntrusted
// for responses: payloads come from the network, so verification is also
// bounded in work, linearly in the payload's size; no handler or caller ever
// sees an unverified buffer); they differ only in the handler adapters. The
// client uses EchoServiceDesc's methods.
//
// Servers, two ways. A service is implemented once, in one of two styles;
// the method names are the same, the signatures differ:
//
//	// The object API: requests arrive as *PingT, responses are *PongT.
//	type EchoServer interface {
//		Unary(ctx context.Context, req *PingT) (*PongT, error)
//		ServerStream(ctx context.Context, req *PingT, send func(*PongT) error) error
//		ClientStream(ctx context.Context, reqs iter.Seq2[*PingT, error]) (*PongT, error)
//		Bidi(ctx context.Context, reqs iter.Seq2[*PingT, error], send func(*PongT) error) error
//	}
//	func RegisterEchoServer(s *runtime.Server, impl EchoServer) error
//
//	// Zero copy: requests are views into the received frame, responses are
//	// built into pooled builders.
//	type EchoRawServer interface {
//		Unary(ctx context.Context, req *Ping, reply *flatbuffers.Builder) error
//		ServerStream(ctx context.Context, req *Ping, stream runtime.ServerStreamer) error
//		ClientStream(ctx context.Context, reqs iter.Seq2[*Ping, error], reply *flatbuffers.Builder) error
//		Bidi(ctx context.Context, reqs iter.Seq2[*Ping, error], stream runtime.ServerStreamer) error
//	}
//	func RegisterEchoRawServer(s *runtime.Server, impl EchoRawServer) error
//
// Every server method takes the call's context first (it carries the
// deadline, cancellation and request metadata; runtime.SetHeader and
// friends take it too). Streams of requests are iterators: range over them;
// the loop ends at the client's half-close, and a failure (cancellation, a
// request that failed verification) is yielded once as the error. Nothing
// has to be embedded: the interfaces are exactly the service's methods.
//
// Client, both ways, in one type:
//
//	type EchoClient struct{ ... }
//	func NewEchoClient(cc *runtime.ClientConn) *EchoClient
//	func (c *EchoClient) Unary(ctx, req *PingT, opts ...runtime.CallOption) (*PongT, error)
//	func (c *EchoClient) UnaryRaw(ctx, req *flatbuffers.Builder, opts ...runtime.CallOption) (*Pong, runtime.Reply, error)
//	func (c *EchoClient) ServerStream(ctx, req *PingT, opts ...runtime.CallOption) (*EchoServerStreamCall, error)
//	func (c *EchoClient) ServerStreamRaw(ctx, req *flatbuffers.Builder, opts ...runtime.CallOption) (*EchoServerStreamCall, error)
//	func (c *EchoClient) ClientStream(ctx, opts ...runtime.CallOption) (*EchoClientStreamCall, error)
//	func (c *EchoClient) Bidi(ctx, opts ...runtime.CallOption) (*EchoBidiCall, error)
//
// A streaming method returns a call type that wraps runtime.ClientStreamer
// with typed methods for both styles: Send(*PingT) / SendBuilder(b) to send,
// Recv() *PongT / RecvView() *Pong to receive, All() and Views() to range
// over the responses, CloseSend, CloseAndRecv / CloseAndRecvView (client
// streams), and Header, Trailer, Cancel and Context.
//
// The handler adapters are in service_server.go, the client in
// service_client.go, the call types in service_call.go.

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// runtimePkg is the import path of the RPC runtime the generated code calls.
const runtimePkg = "github.com/wsgen/wsgen/runtime"

// rq names an identifier of the runtime: runtime.<name>.
func rq(name string) *jen.Statement { return jen.Qual(runtimePkg, name) }

// Standard-library qualifiers.
func ctxType() *jen.Statement { return jen.Qual("context", "Context") }
func ioEOF() *jen.Statement   { return jen.Qual("io", "EOF") }

// seq2 is iter.Seq2[elem, error].
func seq2(elem jen.Code) *jen.Statement {
	return jen.Qual("iter", "Seq2").Types(elem, jen.Error())
}

// svc is a service with its Go name (its methods' names are in rpcMethod).
type svc struct {
	sv   *schema.Service
	name string // Go name of the service: "Echo"
}

// rpcMethod is one rpc with its Go names.
type rpcMethod struct {
	m        *schema.Method
	index    int    // position in the descriptors' Methods
	name     string // Go method name: "Unary"
	req, rsp string // Go names of the request and response tables
}

// methods decides the Go names of a service's methods. A method's Go name
// is its schema name in UpperCamel, made exported ("_ping" -> "XPing"), and
// unique within the client, where unary and server-streaming methods also
// take the name with "Raw" appended: a name already taken gets "_"
// appended until it is free. Unary methods GetRaw and Get, declared in that
// order, become GetRaw (with GetRawRaw) and Get_ (with Get_Raw).
func (g *gen) methods(sv *schema.Service) []rpcMethod {
	out := make([]rpcMethod, len(sv.Methods))
	used := map[string]bool{}
	for i, m := range sv.Methods {
		name := UpperCamel(m.Name)
		if strings.HasPrefix(name, "_") {
			name = "X" + strings.TrimLeft(name, "_")
		}
		raw := m.Streaming == schema.StreamNone || m.Streaming == schema.StreamServer
		for used[name] || raw && used[name+"Raw"] {
			name += "_"
		}
		used[name] = true
		if raw {
			used[name+"Raw"] = true
		}
		out[i] = rpcMethod{
			m: m, index: i, name: name,
			req: g.tableName(m.Request), rsp: g.tableName(m.Response),
		}
	}
	return out
}

// kindIdent is the runtime.StreamKind constant of a streaming mode.
func kindIdent(k schema.StreamKind) *jen.Statement {
	switch k {
	case schema.StreamServer:
		return rq("ServerStream")
	case schema.StreamClient:
		return rq("ClientStream")
	case schema.StreamBidi:
		return rq("BidiStream")
	}
	return rq("Unary")
}

// service emits everything generated for one rpc_service (see the top of
// this file).
func (g *gen) service(f *jen.File, sv *schema.Service) {
	s := svc{sv: sv, name: g.names.Of(&sv.Decl)}
	ms := g.methods(sv)
	g.serviceVersionCheck(f, sv)
	g.serviceDescs(f, s, ms)
	g.serverInterface(f, s, ms)
	g.rawServerInterface(f, s, ms)
	g.serviceRegister(f, s)
	for _, m := range ms {
		g.serverHandler(f, s, m)
		g.rawServerHandler(f, s, m)
	}
	g.client(f, s, ms)
	for _, m := range ms {
		if m.m.Streaming != schema.StreamNone {
			g.callType(f, s, m)
		}
	}
}

// serviceVersionCheck emits, before the first service of a file,
//
//	// This file requires a runtime that supports generated code of version 1.
//	const _ = runtime.SupportPackageIsVersion1
func (g *gen) serviceVersionCheck(f *jen.File, sv *schema.Service) {
	for _, o := range g.s.Services {
		if o.File == sv.File {
			if o != sv {
				return
			}
			break
		}
	}
	f.Line().Comment("This file requires a wsgen runtime that supports the API of generated code")
	f.Comment("version 1; a mismatched runtime fails to compile here.")
	f.Const().Id("_").Op("=").Add(rq("SupportPackageIsVersion1"))
}

// serviceDescs emits the service name and the two descriptors:
//
//	// EchoServiceName is the fully qualified name of the Echo service.
//	const EchoServiceName = "pkg.Echo"
//
//	// EchoServiceDesc describes Echo served by an EchoServer ...
//	var EchoServiceDesc = runtime.ServiceDesc{
//		Name:        EchoServiceName,
//		HandlerType: (*EchoServer)(nil),
//		Methods: []runtime.MethodDesc{
//			{
//				Name:           "Unary",
//				FullName:       "/pkg.Echo/Unary",
//				Kind:           runtime.Unary,
//				VerifyRequest:  VerifyPingBufferUntrusted,
//				VerifyResponse: VerifyPongBufferUntrusted,
//				Unary:          echoUnaryHandler,
//			},
//			...
//		},
//	}
//
// and EchoRawServiceDesc with (*EchoRawServer)(nil) and the raw handlers.
func (g *gen) serviceDescs(f *jen.File, s svc, ms []rpcMethod) {
	full := s.sv.FullName()
	f.Line().Comment(s.name + "ServiceName is the fully qualified name of the " + s.name + " service.")
	f.Const().Id(s.name + "ServiceName").Op("=").Lit(full)
	for _, raw := range []bool{false, true} {
		var descName, iface, doc string
		if raw {
			descName, iface = s.name+"RawServiceDesc", s.name+"RawServer"
			doc = descName + " describes the " + s.name + " service served by an " + iface + "\n" +
				"(zero copy). Register it with Register" + iface + "."
		} else {
			descName, iface = s.name+"ServiceDesc", s.name+"Server"
			doc = descName + " describes the " + s.name + " service served by an " + iface + "\n" +
				"(object API). Register it with Register" + iface + "; clients and interceptors\n" +
				"see its Methods. Do not modify it."
		}
		methods := make([]jen.Code, len(ms))
		for i, m := range ms {
			fields := []jen.Code{
				kv("Name", jen.Lit(m.m.Name)),
				kv("FullName", jen.Lit("/"+full+"/"+m.m.Name)),
				kv("Kind", kindIdent(m.m.Streaming)),
			}
			if m.m.Idempotent {
				fields = append(fields, kv("Idempotent", jen.True()))
			}
			fields = append(fields,
				kv("VerifyRequest", jen.Id("Verify"+m.req+"BufferUntrusted")),
				kv("VerifyResponse", jen.Id("Verify"+m.rsp+"BufferUntrusted")),
			)
			h := jen.Id(handlerName(s, m, raw))
			if m.m.Streaming == schema.StreamNone {
				fields = append(fields, kv("Unary", h))
			} else {
				fields = append(fields, kv("Stream", h))
			}
			methods[i] = jen.Line().Values(append(fields, jen.Line())...)
		}
		f.Add(objDoc("%s", doc))
		f.Var().Id(descName).Op("=").Add(rq("ServiceDesc")).Values(
			kv("Name", jen.Id(s.name+"ServiceName")),
			kv("HandlerType", jen.Parens(jen.Op("*").Id(iface)).Call(jen.Nil())),
			kv("Methods", jen.Index().Add(rq("MethodDesc")).Values(append(methods, jen.Line())...)),
			jen.Line(),
		)
	}
}

// kv is one `Key: value` element of a composite literal on its own line,
// for keys in the order given (jen.Dict would sort them). The literal ends
// with a jen.Line() element so that gofmt keeps one element per line.
func kv(key string, value jen.Code) jen.Code { return jen.Line().Id(key).Op(":").Add(value) }

// handlerName is the unexported adapter of a method: echoUnaryHandler,
// echoUnaryRawHandler.
func handlerName(s svc, m rpcMethod, raw bool) string {
	n := lowerFirst(s.name) + m.name
	if raw {
		n += "Raw"
	}
	return n + "Handler"
}

// lowerFirst lower-cases the first letter of a Go identifier.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// methodDoc is a generated doc paragraph (which starts with the Go name, as
// doc comments do) followed by the method's `///` doc.
func methodDoc(m rpcMethod, line string) []string {
	doc := strings.Split(line, "\n")
	if len(m.m.Doc) > 0 {
		doc = append(append(doc, ""), m.m.Doc...)
	}
	return doc
}

// kindWords describes a streaming mode for doc comments.
func kindWords(k schema.StreamKind) string {
	switch k {
	case schema.StreamServer:
		return "server-streaming"
	case schema.StreamClient:
		return "client-streaming"
	case schema.StreamBidi:
		return "bidirectional streaming"
	}
	return "unary"
}

// serverInterface emits the object-API server interface:
//
//	// EchoServer is the Echo service with the object API ...
//	type EchoServer interface {
//		// doc
//		Unary(ctx context.Context, req *PingT) (*PongT, error)
//		ServerStream(ctx context.Context, req *PingT, send func(*PongT) error) error
//		ClientStream(ctx context.Context, reqs iter.Seq2[*PingT, error]) (*PongT, error)
//		Bidi(ctx context.Context, reqs iter.Seq2[*PingT, error], send func(*PongT) error) error
//	}
func (g *gen) serverInterface(f *jen.File, s svc, ms []rpcMethod) {
	doc := strings.Split(s.name+"Server is the "+s.name+" service implemented with the object API:\n"+
		"requests arrive unpacked (*T values the handler owns) and responses are\n"+
		"packed by the generated code. Implement it and register it with\n"+
		"Register"+s.name+"Server; "+s.name+"RawServer is the zero-copy alternative.\n"+
		"Returning a *runtime.Error ends a call with its code; any other error\n"+
		"ends it with code Unknown. A nil response is sent as an empty table.", "\n")
	if len(s.sv.Doc) > 0 {
		doc = append(append(doc, ""), s.sv.Doc...)
	}
	decl(f, doc).Type().Id(s.name + "Server").InterfaceFunc(func(gr *jen.Group) {
		for i, m := range ms {
			if i > 0 {
				gr.Line()
			}
			req, rsp := jen.Op("*").Id(m.req+"T"), jen.Op("*").Id(m.rsp+"T")
			send := jen.Id("send").Func().Params(rsp.Clone()).Error()
			var line string
			sig := jen.Id(m.name)
			switch m.m.Streaming {
			case schema.StreamNone:
				line = m.name + " serves a unary call."
				sig.Params(jen.Id("ctx").Add(ctxType()), jen.Id("req").Add(req)).Params(rsp, jen.Error())
			case schema.StreamServer:
				line = m.name + " serves a server-streaming call: it sends responses with send\n" +
					"(which blocks while the client's flow-control window is full) and\n" +
					"returns to end the call."
				sig.Params(jen.Id("ctx").Add(ctxType()), jen.Id("req").Add(req), send).Error()
			case schema.StreamClient:
				line = m.name + " serves a client-streaming call: it ranges over the requests\n" +
					"(the loop ends when the client closes its side) and returns the one response."
				sig.Params(jen.Id("ctx").Add(ctxType()), jen.Id("reqs").Add(seq2(req))).Params(rsp, jen.Error())
			case schema.StreamBidi:
				line = m.name + " serves a bidirectional call: it ranges over the requests and\n" +
					"sends responses with send, from the same or another goroutine, and\n" +
					"returns to end the call."
				sig.Params(jen.Id("ctx").Add(ctxType()), jen.Id("reqs").Add(seq2(req)), send).Error()
			}
			for _, l := range methodDoc(m, line) {
				gr.Add(commentLine(l))
			}
			gr.Add(sig)
		}
	})
}

// rawServerInterface emits the zero-copy server interface:
//
//	// EchoRawServer is the Echo service implemented zero copy ...
//	type EchoRawServer interface {
//		Unary(ctx context.Context, req *Ping, reply *flatbuffers.Builder) error
//		ServerStream(ctx context.Context, req *Ping, stream runtime.ServerStreamer) error
//		ClientStream(ctx context.Context, reqs iter.Seq2[*Ping, error], reply *flatbuffers.Builder) error
//		Bidi(ctx context.Context, reqs iter.Seq2[*Ping, error], stream runtime.ServerStreamer) error
//	}
func (g *gen) rawServerInterface(f *jen.File, s svc, ms []rpcMethod) {
	doc := strings.Split(s.name+"RawServer is the "+s.name+" service implemented zero copy: a request\n"+
		"is a view into the received frame, verified, valid until the handler\n"+
		"returns (in a stream: until the loop body returns to the iterator); copy\n"+
		"what you keep, for example with UnPack. Responses are built into pooled\n"+
		"builders and finished with the response table's Finish<Table>Buffer.\n"+
		"Register it with Register"+s.name+"RawServer. Errors work as for "+s.name+"Server.", "\n")
	decl(f, doc).Type().Id(s.name + "RawServer").InterfaceFunc(func(gr *jen.Group) {
		for i, m := range ms {
			if i > 0 {
				gr.Line()
			}
			req := jen.Op("*").Id(m.req)
			reply := jen.Id("reply").Op("*").Add(fbQual("Builder"))
			stream := jen.Id("stream").Add(rq("ServerStreamer"))
			var line string
			sig := jen.Id(m.name)
			switch m.m.Streaming {
			case schema.StreamNone:
				line = m.name + " serves a unary call: it builds the " + m.rsp + " response in reply and\n" +
					"finishes it (Finish" + m.rsp + "Buffer) before returning nil."
				sig.Params(jen.Id("ctx").Add(ctxType()), jen.Id("req").Add(req), reply).Error()
			case schema.StreamServer:
				line = m.name + " serves a server-streaming call: for each response it takes a\n" +
					"builder from stream.NewBuilder, builds and finishes a " + m.rsp + " and passes it\n" +
					"to stream.Send (which owns it from then on); it returns to end the call."
				sig.Params(jen.Id("ctx").Add(ctxType()), jen.Id("req").Add(req), stream).Error()
			case schema.StreamClient:
				line = m.name + " serves a client-streaming call: it ranges over the request\n" +
					"views, then builds and finishes the one " + m.rsp + " response in reply."
				sig.Params(jen.Id("ctx").Add(ctxType()), jen.Id("reqs").Add(seq2(req)), reply).Error()
			case schema.StreamBidi:
				line = m.name + " serves a bidirectional call: it ranges over the request views\n" +
					"and sends " + m.rsp + " responses built in stream.NewBuilder builders with\n" +
					"stream.Send; it returns to end the call."
				sig.Params(jen.Id("ctx").Add(ctxType()), jen.Id("reqs").Add(seq2(req)), stream).Error()
			}
			for _, l := range methodDoc(m, line) {
				gr.Add(commentLine(l))
			}
			gr.Add(sig)
		}
	})
}

// serviceRegister emits the registration functions:
//
//	// RegisterEchoServer registers impl on s ...
//	func RegisterEchoServer(s *runtime.Server, impl EchoServer) error {
//		return s.Register(&EchoServiceDesc, impl)
//	}
//
// and RegisterEchoRawServer with EchoRawServiceDesc.
func (g *gen) serviceRegister(f *jen.File, s svc) {
	for _, raw := range []string{"", "Raw"} {
		fn := "Register" + s.name + raw + "Server"
		f.Add(objDoc("%s registers impl as the %s service on s. It fails if\n"+
			"another implementation of a method of %s is already registered there.", fn, s.name, s.name))
		f.Func().Id(fn).Params(
			jen.Id("s").Op("*").Add(rq("Server")), jen.Id("impl").Id(s.name+raw+"Server"),
		).Error().Block(
			jen.Return(jen.Id("s").Dot("Register").Call(jen.Op("&").Id(s.name+raw+"ServiceDesc"), jen.Id("impl"))),
		)
	}
}
