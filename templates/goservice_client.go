package templates

// Client of Go-defined services: a concrete type that satisfies the
// author's interface, method for method.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// goClient emits the client type:
//
//	// TodoClient calls the Todo service over a connection; it satisfies Todo.
//	type TodoClient struct {
//		cc *runtime.ClientConn
//	}
//
//	var _ Todo = (*TodoClient)(nil)
//
//	// NewTodoClient returns a client that calls Todo over cc.
//	func NewTodoClient(cc *runtime.ClientConn) *TodoClient {
//		return &TodoClient{cc: cc}
//	}
func (g *gen) goClient(f *jen.File, s goSvc) {
	c := s.name + "Client"
	f.Add(objDoc("%s calls the %s service over a connection. It satisfies %s, so\n"+
		"code written against the interface runs unchanged over the network. Its\n"+
		"methods may be called concurrently.", c, s.name, s.name))
	f.Type().Id(c).Struct(jen.Id("cc").Op("*").Add(rq("ClientConn")))
	f.Line().Var().Id("_").Add(s.typ()).Op("=").Parens(jen.Op("*").Id(c)).Call(jen.Nil())
	f.Add(objDoc("New%s returns a client that calls %s over cc.", c, s.name))
	f.Func().Id("New" + c).Params(jen.Id("cc").Op("*").Add(rq("ClientConn"))).Op("*").Id(c).Block(
		jen.Return(jen.Op("&").Id(c).Values(jen.Dict{jen.Id("cc"): jen.Id("cc")})),
	)
}

// methodIndex is &TodoServiceDesc.Methods[i].
func methodIndex(s goSvc, m *schema.Method) *jen.Statement {
	for i, o := range s.sv.Methods {
		if o == m {
			return jen.Op("&").Id(s.name + "ServiceDesc").Dot("Methods").Index(jen.Lit(i))
		}
	}
	return nil
}

// goClientMethod emits one client method with the interface's signature.
// Unary:
//
//	// Add calls Todo.Add.
//	func (c *TodoClient) Add(ctx context.Context, req *AddRequest) (*Item, error) {
//		b := c.cc.NewBuilder()
//		b.Finish(EncodeAddRequest(b, req))
//		reply, err := c.cc.Invoke(ctx, &TodoServiceDesc.Methods[0], b)
//		if err != nil {
//			return nil, err
//		}
//		defer reply.Release()
//		rsp := new(Item)
//		decodeItem(reply.Bytes(), flatbuffers.GetUOffsetT(reply.Bytes()), rsp)
//		return rsp, nil
//	}
//
// Server streams return an iterator that starts the call when ranged over;
// client streams send what reqs yields and wait for the one response; bidi
// streams send from a goroutine the iterator owns (goClientBidi).
func (g *gen) goClientMethod(f *jen.File, s goSvc, m *schema.Method) {
	reqT := jen.Op("*").Qual(m.Request.Go.Pkg, m.Request.Go.Name)
	rspT := jen.Op("*").Qual(m.Response.Go.Pkg, m.Response.Go.Name)
	recv := jen.Id("c").Op("*").Id(s.name + "Client")
	full := s.name + "." + m.Name
	doc := []string{m.Name + " calls " + full + "."}
	if len(m.Doc) > 0 {
		doc = append(append(doc, ""), m.Doc...)
	}
	ctx := jen.Id("ctx").Add(ctxType())
	newStream := jen.List(jen.Id("stream"), jen.Err()).Op(":=").Id("c").Dot("cc").Dot("NewStream").Call(jen.Id("ctx"), methodIndex(s, m))
	switch m.Streaming {
	case schema.StreamNone:
		decl(f, doc).Func().Params(recv).Id(m.Name).Params(ctx, jen.Id("req").Add(reqT)).Params(rspT, jen.Error()).Block(
			jen.Id("b").Op(":=").Id("c").Dot("cc").Dot("NewBuilder").Call(),
			g.finish(m.Request, "b", jen.Id("req")),
			jen.List(jen.Id("reply"), jen.Err()).Op(":=").Id("c").Dot("cc").Dot("Invoke").Call(jen.Id("ctx"), methodIndex(s, m), jen.Id("b")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Defer().Id("reply").Dot("Release").Call(),
			jen.Id("rsp").Op(":=").New(jen.Qual(m.Response.Go.Pkg, m.Response.Go.Name)),
			g.decodeRoot(m.Response, jen.Id("reply").Dot("Bytes").Call(), jen.Id("rsp")),
			jen.Return(jen.Id("rsp"), jen.Nil()),
		)
	case schema.StreamServer:
		// func (c *TodoClient) Watch(ctx context.Context, req *Query) iter.Seq2[*Item, error] {
		//	return func(yield func(*Item, error) bool) {
		//		stream, err := c.cc.NewStream(ctx, &TodoServiceDesc.Methods[1])
		//		if err != nil {
		//			yield(nil, err)
		//			return
		//		}
		//		defer stream.Cancel()
		//		b := stream.NewBuilder()
		//		b.Finish(EncodeQuery(b, req))
		//		// io.EOF from Send means the call already ended; Recv reports how.
		//		if err := stream.Send(b); err == nil {
		//			_ = stream.CloseSend()
		//		} else if err != io.EOF {
		//			yield(nil, err)
		//			return
		//		}
		//		for rsp, err := range recvItems(stream.Recv) {
		//			if !yield(rsp, err) {
		//				return
		//			}
		//		}
		//	}
		// }
		doc = append(doc, "", "The call starts when the returned iterator is ranged over, and is",
			"cancelled if the loop stops early. Each range starts a new call.")
		decl(f, doc).Func().Params(recv).Id(m.Name).Params(ctx, jen.Id("req").Add(reqT)).Add(seq2(rspT.Clone())).Block(
			jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(rspT.Clone(), jen.Error()).Bool()).Block(
				newStream,
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("yield").Call(jen.Nil(), jen.Err()), jen.Return()),
				jen.Defer().Id("stream").Dot("Cancel").Call(),
				jen.Id("b").Op(":=").Id("stream").Dot("NewBuilder").Call(),
				g.finish(m.Request, "b", jen.Id("req")),
				jen.Comment("io.EOF from Send means the call already ended; Recv reports how."),
				jen.If(jen.Err().Op(":=").Id("stream").Dot("Send").Call(jen.Id("b")), jen.Err().Op("==").Nil()).Block(
					jen.Id("_").Op("=").Id("stream").Dot("CloseSend").Call(),
				).Else().If(jen.Err().Op("!=").Add(ioEOF())).Block(
					jen.Id("yield").Call(jen.Nil(), jen.Err()),
					jen.Return(),
				),
				jen.For(jen.List(jen.Id("rsp"), jen.Err()).Op(":=").Range().Id("recv"+g.tableName(m.Response)+"s").Call(jen.Id("stream").Dot("Recv"))).Block(
					jen.If(jen.Op("!").Id("yield").Call(jen.Id("rsp"), jen.Err())).Block(jen.Return()),
				),
			)),
		)
	case schema.StreamClient:
		// func (c *TodoClient) Upload(ctx context.Context, reqs iter.Seq2[*Item, error]) (*Receipt, error) {
		//	stream, err := c.cc.NewStream(ctx, &TodoServiceDesc.Methods[2])
		//	if err != nil {
		//		return nil, err
		//	}
		//	defer stream.Cancel()
		//	if err := sendItems(stream, reqs); err != nil {
		//		return nil, err
		//	}
		//	return recvOneReceipt(stream) (spelled out)
		// }
		doc = append(doc, "", "It sends every request reqs yields, then waits for the response. An",
			"error yielded by reqs cancels the call and is returned.")
		decl(f, doc).Func().Params(recv).Id(m.Name).Params(ctx, jen.Id("reqs").Add(seq2(reqT.Clone()))).Params(rspT, jen.Error()).Block(
			newStream,
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Defer().Id("stream").Dot("Cancel").Call(),
			jen.If(jen.Err().Op(":=").Id("send"+g.tableName(m.Request)+"s").Call(jen.Id("stream"), jen.Id("reqs")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Nil(), jen.Err())),
			jen.List(jen.Id("rsp"), jen.Err()).Op(":=").Id("stream").Dot("Recv").Call(),
			jen.If(jen.Err().Op("==").Add(ioEOF())).Block(
				jen.Err().Op("=").Add(rq("NewError")).Call(rq("Internal"), jen.Lit("the server sent no response"))),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Id("v").Op(":=").New(jen.Qual(m.Response.Go.Pkg, m.Response.Go.Name)),
			g.decodeRoot(m.Response, jen.Id("rsp"), jen.Id("v")),
			jen.Comment("Wait for the call's status: the response counts only if it is OK."),
			jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("stream").Dot("Recv").Call(), jen.Err().Op("!=").Add(ioEOF())).Block(
				jen.If(jen.Err().Op("==").Nil()).Block(
					jen.Err().Op("=").Add(rq("NewError")).Call(rq("Internal"), jen.Lit("the server sent more than one response"))),
				jen.Return(jen.Nil(), jen.Err()),
			),
			jen.Return(jen.Id("v"), jen.Nil()),
		)
	case schema.StreamBidi:
		g.goClientBidi(f, s, m, doc)
	}
}

// goClientBidi emits a bidirectional client method:
//
//	func (c *TodoClient) Sync(ctx context.Context, reqs iter.Seq2[*Item, error]) iter.Seq2[*Item, error] {
//		return func(yield func(*Item, error) bool) {
//			stream, err := c.cc.NewStream(ctx, &TodoServiceDesc.Methods[3])
//			if err != nil {
//				yield(nil, err)
//				return
//			}
//			sent := make(chan error, 1)
//			go func() { sent <- sendItems(stream, reqs) }()
//			defer func() {
//				stream.Cancel()
//				<-sent
//			}()
//			for rsp, err := range recvItems(stream.Recv) {
//				if err != nil {
//					// The call ended, so the sender ends too; a failure of
//					// reqs, which cancelled the call, explains the end better.
//					if serr := <-sent; serr != nil {
//						err = serr
//					}
//					sent <- nil
//				}
//				if !yield(rsp, err) {
//					return
//				}
//			}
//		}
//	}
func (g *gen) goClientBidi(f *jen.File, s goSvc, m *schema.Method, doc []string) {
	reqT := jen.Op("*").Qual(m.Request.Go.Pkg, m.Request.Go.Name)
	rspT := jen.Op("*").Qual(m.Response.Go.Pkg, m.Response.Go.Name)
	doc = append(doc, "", "The call starts when the returned iterator is ranged over: a goroutine",
		"sends what reqs yields while the loop receives the responses. When the",
		"loop ends (or stops early, which cancels the call) the iterator waits for",
		"that goroutine, so reqs must return once the call has ended. An error",
		"yielded by reqs cancels the call and is yielded as the last error.")
	decl(f, doc).Func().Params(jen.Id("c").Op("*").Id(s.name+"Client")).Id(m.Name).Params(
		jen.Id("ctx").Add(ctxType()), jen.Id("reqs").Add(seq2(reqT.Clone())),
	).Add(seq2(rspT.Clone())).Block(
		jen.Return(jen.Func().Params(jen.Id("yield").Func().Params(rspT.Clone(), jen.Error()).Bool()).Block(
			jen.List(jen.Id("stream"), jen.Err()).Op(":=").Id("c").Dot("cc").Dot("NewStream").Call(jen.Id("ctx"), methodIndex(s, m)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("yield").Call(jen.Nil(), jen.Err()), jen.Return()),
			jen.Id("sent").Op(":=").Make(jen.Chan().Error(), jen.Lit(1)),
			jen.Go().Func().Params().Block(
				jen.Id("sent").Op("<-").Id("send"+g.tableName(m.Request)+"s").Call(jen.Id("stream"), jen.Id("reqs")),
			).Call(),
			jen.Defer().Func().Params().Block(
				jen.Id("stream").Dot("Cancel").Call(),
				jen.Op("<-").Id("sent"),
			).Call(),
			jen.For(jen.List(jen.Id("rsp"), jen.Err()).Op(":=").Range().Id("recv"+g.tableName(m.Response)+"s").Call(jen.Id("stream").Dot("Recv"))).Block(
				jen.If(jen.Err().Op("!=").Nil()).Block(
					jen.Comment("The call ended, so the sender ends too; a failure of reqs, which"),
					jen.Comment("cancelled the call, explains the end better."),
					jen.If(jen.Id("serr").Op(":=").Op("<-").Id("sent"), jen.Id("serr").Op("!=").Nil()).Block(
						jen.Err().Op("=").Id("serr")),
					jen.Id("sent").Op("<-").Nil(),
				),
				jen.If(jen.Op("!").Id("yield").Call(jen.Id("rsp"), jen.Err())).Block(jen.Return()),
			),
		)),
	)
}

// goSendHelper emits the sender of a client's stream of requests:
//
//	// sendItems sends every Item reqs yields on stream, then half-closes it.
//	// An error yielded by reqs or a local failure of Send cancels the call and
//	// is returned; io.EOF from Send means the call ended, and returns nil
//	// (Recv reports how).
//	func sendItems(stream runtime.ClientStreamer, reqs iter.Seq2[*Item, error]) error {
//		for req, err := range reqs {
//			if err != nil {
//				stream.Cancel()
//				return err
//			}
//			b := stream.NewBuilder()
//			b.Finish(EncodeItem(b, req))
//			if err := stream.Send(b); err != nil {
//				if err == io.EOF {
//					return nil
//				}
//				stream.Cancel()
//				return err
//			}
//		}
//		stream.CloseSend()
//		return nil
//	}
func (g *gen) goSendHelper(f *jen.File, t *schema.Table) {
	name := g.tableName(t)
	typ := jen.Op("*").Qual(t.Go.Pkg, t.Go.Name)
	f.Add(objDoc("send%ss sends every %s reqs yields on stream, then half-closes it.\n"+
		"An error yielded by reqs or a local failure of Send cancels the call and\n"+
		"is returned; io.EOF from Send means the call ended and returns nil (the\n"+
		"stream's Recv reports how).", name, name))
	f.Func().Id("send"+name+"s").Params(jen.Id("stream").Add(rq("ClientStreamer")), jen.Id("reqs").Add(seq2(typ))).Error().Block(
		jen.For(jen.List(jen.Id("req"), jen.Err()).Op(":=").Range().Id("reqs")).Block(
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Id("stream").Dot("Cancel").Call(), jen.Return(jen.Err())),
			jen.Id("b").Op(":=").Id("stream").Dot("NewBuilder").Call(),
			g.finish(t, "b", jen.Id("req")),
			jen.If(jen.Err().Op(":=").Id("stream").Dot("Send").Call(jen.Id("b")), jen.Err().Op("!=").Nil()).Block(
				jen.If(jen.Err().Op("==").Add(ioEOF())).Block(jen.Return(jen.Nil())),
				jen.Id("stream").Dot("Cancel").Call(),
				jen.Return(jen.Err()),
			),
		),
		jen.Id("_").Op("=").Id("stream").Dot("CloseSend").Call(),
		jen.Return(jen.Nil()),
	)
}
