package templates

// Call types of the service emitter: what a client's streaming method
// returns. One type per streaming method, wrapping runtime.ClientStreamer
// with typed methods in both styles. See service.go for the whole design.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// callName is the call type of a streaming method: EchoBidiCall.
func callName(s svc, m rpcMethod) string { return s.name + m.name + "Call" }

// callType emits the call type of a streaming method and its methods:
//
//	// EchoBidiCall is a running Echo.Bidi call ...
//	type EchoBidiCall struct {
//		stream runtime.ClientStreamer
//		view   Pong // the view RecvView re-points at each response
//	}
//
// Methods by kind: responses in a stream (server and bidi streams): Recv,
// RecvView, All, Views; requests in a stream (client and bidi): NewBuilder,
// Send, SendBuilder; bidi: CloseSend; client streams: CloseAndRecv,
// CloseAndRecvView; all: Context, Header, Trailer, Cancel.
func (g *gen) callType(f *jen.File, s svc, m rpcMethod) {
	call := callName(s, m)
	full := s.name + "." + m.m.Name
	fields := []jen.Code{jen.Id("stream").Add(rq("ClientStreamer"))}
	fields = append(fields, jen.Id("view").Id(m.rsp).Comment("re-pointed at each response by the View methods"))
	var how string
	switch m.m.Streaming {
	case schema.StreamServer:
		how = "Receive the responses with All, Views, Recv or RecvView. Cancel the\n" +
			"call if you stop before they ended (with io.EOF or an error); All and\n" +
			"Views do that when the loop breaks early."
	case schema.StreamClient:
		how = "Send the requests with Send or SendBuilder, then get the response with\n" +
			"CloseAndRecv or CloseAndRecvView. Cancel abandons the call."
	default:
		how = "Send requests with Send or SendBuilder and finish with CloseSend, from\n" +
			"one goroutine, while another receives with All, Views, Recv or RecvView.\n" +
			"Cancel the call if you stop receiving before the responses ended; All\n" +
			"and Views do that when the loop breaks early."
	}
	f.Add(objDoc("%s is a running %s call (%s). Methods without View\n"+
		"or Builder in their names use the object API; the others are zero copy.\n%s",
		call, full, kindWords(m.m.Streaming), how))
	f.Type().Id(call).Struct(fields...)

	recv := jen.Params(jen.Id("c").Op("*").Id(call))
	st := func() *jen.Statement { return jen.Id("c").Dot("stream") }
	k := m.m.Streaming

	if k == schema.StreamServer || k == schema.StreamBidi {
		g.callRecv(f, call, m, recv)
	}
	if k == schema.StreamClient || k == schema.StreamBidi {
		// func (c *EchoBidiCall) NewBuilder() *flatbuffers.Builder { return c.stream.NewBuilder() }
		f.Add(objDoc("NewBuilder returns an empty pooled builder for one %s request\n(for SendBuilder).", m.req))
		f.Func().Add(recv).Id("NewBuilder").Params().Op("*").Add(fbQual("Builder")).Block(
			jen.Return(st().Dot("NewBuilder").Call()))

		// func (c *EchoBidiCall) Send(req *PingT) error { <pack>; return c.stream.Send(b) }
		f.Add(objDoc("Send packs req and sends it. It blocks while the server's flow-control\n" +
			"window is full, and returns io.EOF once the call has ended (the receiving\n" +
			"side then reports how)."))
		f.Func().Add(recv).Id("Send").Params(jen.Id("req").Op("*").Id(m.req+"T")).Error().Block(
			emptyIfNil("req", m.req),
			jen.Id("b").Op(":=").Add(st()).Dot("NewBuilder").Call(),
			jen.Id("Finish"+m.req+"Buffer").Call(jen.Id("b"), jen.Id("req").Dot("Pack").Call(jen.Id("b"))),
			jen.Return(st().Dot("Send").Call(jen.Id("b"))),
		)

		// func (c *EchoBidiCall) SendBuilder(b *flatbuffers.Builder) error { return c.stream.Send(b) }
		f.Add(objDoc("SendBuilder sends b, a builder from NewBuilder holding a finished %s\n"+
			"(Finish%sBuffer), zero copy; b belongs to the runtime from the call on.\n"+
			"Otherwise as Send.", m.req, m.req))
		f.Func().Add(recv).Id("SendBuilder").Params(jen.Id("b").Op("*").Add(fbQual("Builder"))).Error().Block(
			jen.Return(st().Dot("Send").Call(jen.Id("b"))))
	}
	if k == schema.StreamBidi {
		f.Add(objDoc("CloseSend tells the server that no more requests follow."))
		f.Func().Add(recv).Id("CloseSend").Params().Error().Block(jen.Return(st().Dot("CloseSend").Call()))
	}
	if k == schema.StreamClient {
		g.callCloseAndRecv(f, call, m, recv)
	}

	f.Add(objDoc("Context returns the context the call was started with."))
	f.Func().Add(recv).Id("Context").Params().Add(ctxType()).Block(jen.Return(st().Dot("Context").Call()))
	f.Add(objDoc("Header waits for the response headers and returns them."))
	f.Func().Add(recv).Id("Header").Params().Params(rq("Metadata"), jen.Error()).Block(
		jen.Return(st().Dot("Header").Call()))
	f.Add(objDoc("Trailer returns the trailers the server sent with the call's status; it\n" +
		"is complete once receiving returned io.EOF or an error."))
	f.Func().Add(recv).Id("Trailer").Params().Add(rq("Metadata")).Block(jen.Return(st().Dot("Trailer").Call()))
	f.Add(objDoc("Cancel ends the call if it is still running (the server sees Canceled)\n" +
		"and releases its buffers, invalidating views. It is safe to call more than once."))
	f.Func().Add(recv).Id("Cancel").Params().Block(st().Dot("Cancel").Call())
}

// callRecv emits the receiving methods of a call:
//
//	// Recv returns the next response, unpacked, or io.EOF ...
//	func (c *EchoBidiCall) Recv() (*PongT, error) {
//		buf, err := c.stream.Recv()
//		if err != nil {
//			return nil, err
//		}
//		return GetRootAsPong(buf, 0).UnPack(), nil
//	}
//
//	// RecvView returns the next response as a view ...
//	func (c *EchoBidiCall) RecvView() (*Pong, error) {
//		buf, err := c.stream.Recv()
//		if err != nil {
//			return nil, err
//		}
//		c.view.Init(buf, flatbuffers.GetUOffsetT(buf))
//		return &c.view, nil
//	}
//
// and All / Views, iterators over Recv / RecvView:
//
//	func (c *EchoBidiCall) All() iter.Seq2[*PongT, error] {
//		return func(yield func(*PongT, error) bool) {
//			for {
//				rsp, err := c.Recv()
//				if err == io.EOF {
//					return
//				}
//				if err != nil {
//					yield(nil, err)
//					return
//				}
//				if !yield(rsp, nil) {
//					c.stream.Cancel()
//					return
//				}
//			}
//		}
//	}
func (g *gen) callRecv(f *jen.File, call string, m rpcMethod, recv *jen.Statement) {
	st := func() *jen.Statement { return jen.Id("c").Dot("stream") }
	recvBuf := []jen.Code{
		jen.List(jen.Id("buf"), jen.Err()).Op(":=").Add(st()).Dot("Recv").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
	}
	f.Add(objDoc("Recv returns the next response, unpacked; io.EOF when the call ended\n" +
		"with status OK, or the call's error (a *runtime.Error)."))
	f.Func().Add(recv).Id("Recv").Params().Params(jen.Op("*").Id(m.rsp+"T"), jen.Error()).Block(append(recvBuf,
		jen.Return(jen.Id("GetRootAs"+m.rsp).Call(jen.Id("buf"), jen.Lit(0)).Dot("UnPack").Call(), jen.Nil()))...)

	f.Add(objDoc("RecvView is Recv zero copy: the view points into the received frame and\n" +
		"is valid until the next Recv, RecvView or Cancel. Copy what you keep."))
	f.Func().Add(recv).Id("RecvView").Params().Params(jen.Op("*").Id(m.rsp), jen.Error()).Block(append(recvBuf,
		jen.Id("c").Dot("view").Dot("Init").Call(jen.Id("buf"), fbQual("GetUOffsetT").Call(jen.Id("buf"))),
		jen.Return(jen.Op("&").Id("c").Dot("view"), jen.Nil()))...)

	for _, it := range []struct{ name, next, elem, doc string }{
		{"All", "Recv", m.rsp + "T", "All returns an iterator over the remaining responses, unpacked. The\n" +
			"loop ends after the last one; a failure is yielded once as the error.\n" +
			"Breaking out of the loop cancels the call."},
		{"Views", "RecvView", m.rsp, "Views is All zero copy: each view is valid until the loop body\n" +
			"returns to the iterator."},
	} {
		f.Add(objDoc("%s", it.doc))
		f.Func().Add(recv).Id(it.name).Params().Add(seq2(jen.Op("*").Id(it.elem))).Block(
			jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(jen.Op("*").Id(it.elem), jen.Error()).Bool()).Block(
				jen.For().Block(
					jen.List(jen.Id("rsp"), jen.Err()).Op(":=").Id("c").Dot(it.next).Call(),
					jen.If(jen.Err().Op("==").Add(ioEOF())).Block(jen.Return()),
					jen.If(jen.Err().Op("!=").Nil()).Block(
						jen.Id("yield").Call(jen.Nil(), jen.Err()),
						jen.Return(),
					),
					jen.If(jen.Op("!").Id("yield").Call(jen.Id("rsp"), jen.Nil())).Block(
						st().Dot("Cancel").Call(),
						jen.Return(),
					),
				),
			)),
		)
	}
}

// callCloseAndRecv emits the end of a client-streaming call:
//
//	// CloseAndRecvView closes the sending side and waits for the response ...
//	func (c *EchoClientStreamCall) CloseAndRecvView() (*Pong, error) {
//		if err := c.stream.CloseSend(); err != nil {
//			return nil, err
//		}
//		buf, err := c.stream.Recv()
//		if err == io.EOF {
//			err = runtime.NewError(runtime.Internal, "the server ended the call without a response")
//		}
//		if err != nil {
//			return nil, err
//		}
//		c.view.Init(buf, flatbuffers.GetUOffsetT(buf))
//		return &c.view, nil
//	}
//
//	// CloseAndRecv ... unpacked, after the call's status (and trailers) arrived.
//	func (c *EchoClientStreamCall) CloseAndRecv() (*PongT, error) {
//		view, err := c.CloseAndRecvView()
//		if err != nil {
//			return nil, err
//		}
//		rsp := view.UnPack()
//		if _, err := c.stream.Recv(); err != io.EOF {
//			if err == nil {
//				err = runtime.NewError(runtime.Internal, "the server sent more than one response")
//			}
//			c.stream.Cancel()
//			return nil, err
//		}
//		return rsp, nil
//	}
func (g *gen) callCloseAndRecv(f *jen.File, call string, m rpcMethod, recv *jen.Statement) {
	st := func() *jen.Statement { return jen.Id("c").Dot("stream") }
	f.Add(objDoc("CloseAndRecvView closes the sending side and waits for the response, zero\n" +
		"copy: the view is valid until Cancel, which the caller calls when done\n" +
		"with it. Errors are the call's status (a *runtime.Error)."))
	f.Func().Add(recv).Id("CloseAndRecvView").Params().Params(jen.Op("*").Id(m.rsp), jen.Error()).Block(
		jen.If(jen.Err().Op(":=").Add(st()).Dot("CloseSend").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err())),
		jen.List(jen.Id("buf"), jen.Err()).Op(":=").Add(st()).Dot("Recv").Call(),
		jen.If(jen.Err().Op("==").Add(ioEOF())).Block(
			jen.Err().Op("=").Add(rq("NewError")).Call(rq("Internal"), jen.Lit("the server ended the call without a response")),
		),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("c").Dot("view").Dot("Init").Call(jen.Id("buf"), fbQual("GetUOffsetT").Call(jen.Id("buf"))),
		jen.Return(jen.Op("&").Id("c").Dot("view"), jen.Nil()),
	)

	f.Add(objDoc("CloseAndRecv closes the sending side and returns the response,\n" +
		"unpacked, once the call ended with status OK (Trailer is then complete).\n" +
		"Errors are the call's status (a *runtime.Error)."))
	f.Func().Add(recv).Id("CloseAndRecv").Params().Params(jen.Op("*").Id(m.rsp+"T"), jen.Error()).Block(
		jen.List(jen.Id("view"), jen.Err()).Op(":=").Id("c").Dot("CloseAndRecvView").Call(),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.Id("rsp").Op(":=").Id("view").Dot("UnPack").Call(),
		jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(st()).Dot("Recv").Call(), jen.Err().Op("!=").Add(ioEOF())).Block(
			jen.If(jen.Err().Op("==").Nil()).Block(
				jen.Err().Op("=").Add(rq("NewError")).Call(rq("Internal"), jen.Lit("the server sent more than one response")),
			),
			st().Dot("Cancel").Call(),
			jen.Return(jen.Nil(), jen.Err()),
		),
		jen.Return(jen.Id("rsp"), jen.Nil()),
	)
}
