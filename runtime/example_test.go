package runtime_test

import (
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime"
)

// greeter is a hand-written stand-in for generated code: a service
// descriptor whose handlers adapt an implementation, using the Msg table of
// these tests (msg.build writes one, readMsg reads one, verifyMsg checks one).
var greeter = &runtime.ServiceDesc{
	Name: "demo.Greeter",
	Methods: []runtime.MethodDesc{
		{
			Name: "SayHello", FullName: "/demo.Greeter/SayHello", Kind: runtime.Unary,
			VerifyRequest: verifyMsg, VerifyResponse: verifyMsg,
			Unary: func(_ any, ctx context.Context, req []byte, reply *flatbuffers.Builder) error {
				name := readMsg(req).Text // req is valid until we return
				if name == "" {
					return runtime.NewError(runtime.InvalidArgument, "name is required")
				}
				msg{Text: "hello, " + name}.build(reply) // builds and finishes reply
				return nil
			},
		},
		{
			Name: "Countdown", FullName: "/demo.Greeter/Countdown", Kind: runtime.ServerStream,
			VerifyRequest: verifyMsg, VerifyResponse: verifyMsg,
			Stream: func(_ any, s runtime.ServerStreamer) error {
				req, err := s.Recv()
				if err != nil {
					return err
				}
				for i := readMsg(req).N; i > 0; i-- {
					if err := s.Send(msg{N: i}.build(s.NewBuilder())); err != nil {
						return err
					}
				}
				return nil
			},
		},
	},
}

// startGreeter serves greeter on an in-memory listener and dials it.
func startGreeter() (*runtime.ClientConn, func()) { return serve(greeter) }

// serve serves desc on an in-memory listener and dials it; the function
// it returns closes both.
func serve(desc *runtime.ServiceDesc) (*runtime.ClientConn, func()) {
	srv := runtime.NewServer()
	if err := srv.Register(desc, nil); err != nil {
		panic(err)
	}
	l := runtime.NewMemListener()
	go srv.Serve(l)
	cc, err := runtime.Dial(context.Background(), "ws://mem/", runtime.WithContextDialer(l.DialContext))
	if err != nil {
		panic(err)
	}
	return cc, func() { cc.Close(); srv.Close() }
}

// A unary call over the in-memory connection.
func Example() {
	cc, stop := startGreeter()
	defer stop()

	req := msg{Text: "gopher"}.build(cc.NewBuilder()) // ownership passes to Invoke
	reply, err := cc.Invoke(context.Background(), &greeter.Methods[0], req)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer reply.Release() // the view is valid until Release
	fmt.Println(readMsg(reply.Bytes()).Text)
	// Output: hello, gopher
}

func ExampleClientConn_NewStream() {
	cc, stop := startGreeter()
	defer stop()

	s, err := cc.NewStream(context.Background(), &greeter.Methods[1])
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	s.Send(msg{N: 3}.build(s.NewBuilder()))
	s.CloseSend()
	for m, err := range runtime.Messages(s.Recv) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(readMsg(m).N)
	}
	// Output:
	// 3
	// 2
	// 1
}

func ExampleCodeOf() {
	cc, stop := startGreeter()
	defer stop()

	_, err := cc.Invoke(context.Background(), &greeter.Methods[0], msg{}.build(cc.NewBuilder()))
	fmt.Println(runtime.CodeOf(err))
	var e *runtime.Error
	if errors.As(err, &e) {
		fmt.Println(e.Message(), e.FromWire())
	}
	// Output:
	// invalid_argument
	// name is required true
}

// The server is an http.Handler: mount it on any mux.
func ExampleServer_ServeHTTP() {
	srv := runtime.NewServer()
	srv.Register(greeter, nil)
	defer srv.Close()
	mux := http.NewServeMux()
	mux.Handle("/rpc", srv)
	hs := httptest.NewServer(mux)
	defer hs.Close()

	cc, err := runtime.Dial(context.Background(), "ws"+strings.TrimPrefix(hs.URL, "http")+"/rpc")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer cc.Close()
	reply, err := cc.Invoke(context.Background(), &greeter.Methods[0], msg{Text: "mux"}.build(cc.NewBuilder()))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(readMsg(reply.Bytes()).Text)
	reply.Release()
	// Output: hello, mux
}

// A server registers a service description (generated code passes its
// implementation as the second argument) and serves a listener; here the
// in-memory one, so no socket is opened.
func ExampleNewServer() {
	srv := runtime.NewServer(runtime.WithMaxConcurrentStreams(64))
	if err := srv.Register(greeter, nil); err != nil {
		fmt.Println("register:", err)
		return
	}
	l := runtime.NewMemListener()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()

	cc, err := runtime.Dial(context.Background(), "ws://mem/", runtime.WithContextDialer(l.DialContext))
	if err != nil {
		fmt.Println("dial:", err)
		return
	}
	reply, err := cc.Invoke(context.Background(), &greeter.Methods[0], msg{Text: "server"}.build(cc.NewBuilder()))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(readMsg(reply.Bytes()).Text)
	reply.Release()
	cc.Close()
	srv.Close()
	fmt.Println("Serve returned:", <-done != nil)
	// Output:
	// hello, server
	// Serve returned: true
}

// Registering the same service twice is an error, reported before anything
// is served.
func ExampleServer_Register() {
	srv := runtime.NewServer()
	defer srv.Close()
	fmt.Println(srv.Register(greeter, nil))
	fmt.Println(srv.Register(greeter, nil))
	// Output:
	// <nil>
	// runtime: Register: /demo.Greeter/SayHello registered twice
}

// Dial opens one WebSocket connection that carries every call made on the
// returned ClientConn; WithContextDialer replaces the network (here, the
// in-memory listener).
func ExampleDial() {
	srv := runtime.NewServer()
	srv.Register(greeter, nil)
	defer srv.Close()
	l := runtime.NewMemListener()
	go srv.Serve(l)

	cc, err := runtime.Dial(context.Background(), "ws://mem/",
		runtime.WithContextDialer(l.DialContext),
		runtime.WithDialTimeout(5*time.Second))
	if err != nil {
		fmt.Println("dial:", err)
		return
	}
	defer cc.Close()
	reply, err := cc.Invoke(context.Background(), &greeter.Methods[0], msg{Text: "dial"}.build(cc.NewBuilder()))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer reply.Release()
	fmt.Println(readMsg(reply.Bytes()).Text)
	// Output: hello, dial
}

// Invoke makes a unary call: the request builder passes to the runtime, and
// the reply is a verified view valid until Release.
func ExampleClientConn_Invoke() {
	cc, stop := startGreeter()
	defer stop()

	for _, name := range []string{"ann", "bob"} {
		reply, err := cc.Invoke(context.Background(), &greeter.Methods[0], msg{Text: name}.build(cc.NewBuilder()))
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(readMsg(reply.Bytes()).Text)
		reply.Release()
	}
	// Output:
	// hello, ann
	// hello, bob
}

// Messages turns a stream's Recv into a range loop that ends at io.EOF.
func ExampleMessages() {
	cc, stop := startGreeter()
	defer stop()

	s, err := cc.NewStream(context.Background(), &greeter.Methods[1])
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	s.Send(msg{N: 2}.build(s.NewBuilder()))
	s.CloseSend()
	n := 0
	for m, err := range runtime.Messages(s.Recv) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		n += int(readMsg(m).N)
	}
	fmt.Println("sum:", n)
	// Output: sum: 3
}

// Request metadata travels with the call (NewOutgoingContext); a handler
// reads it with IncomingMetadata and answers with headers and trailers,
// which the client collects with the Header and Trailer call options.
func ExampleNewOutgoingContext() {
	desc := &runtime.ServiceDesc{
		Name: "demo.Meta",
		Methods: []runtime.MethodDesc{{
			Name: "Echo", FullName: "/demo.Meta/Echo", Kind: runtime.Unary,
			VerifyRequest: verifyMsg, VerifyResponse: verifyMsg,
			Unary: func(_ any, ctx context.Context, req []byte, reply *flatbuffers.Builder) error {
				user := runtime.IncomingMetadata(ctx).Get("user")
				if err := runtime.SetHeader(ctx, runtime.Pairs("greeted", user)); err != nil {
					return err
				}
				if err := runtime.SetTrailer(ctx, runtime.Pairs("cost", "1")); err != nil {
					return err
				}
				msg{Text: "hi " + user}.build(reply)
				return nil
			},
		}},
	}
	cc, stop := serve(desc)
	defer stop()

	ctx := runtime.NewOutgoingContext(context.Background(), runtime.Pairs("user", "ann"))
	var header, trailer runtime.Metadata
	reply, err := cc.Invoke(ctx, &desc.Methods[0], msg{}.build(cc.NewBuilder()),
		runtime.Header(&header), runtime.Trailer(&trailer))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer reply.Release()
	fmt.Println(readMsg(reply.Bytes()).Text)
	fmt.Println("header:", header.Get("greeted"), "trailer:", trailer.Get("cost"))
	// Output:
	// hi ann
	// header: ann trailer: 1
}

// A MemListener is a net.Listener without sockets: Server.Serve accepts from
// it and DialContext connects to it.
func ExampleNewMemListener() {
	l := runtime.NewMemListener()
	defer l.Close()
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		buf := make([]byte, 4)
		n, _ := c.Read(buf)
		c.Write(buf[:n])
	}()
	c, err := l.DialContext(context.Background(), "", "")
	if err != nil {
		fmt.Println("dial:", err)
		return
	}
	defer c.Close()
	c.Write([]byte("ping"))
	buf := make([]byte, 4)
	n, _ := io.ReadFull(c, buf)
	fmt.Println(string(buf[:n]))
	// Output: ping
}

// WithCompression turns on permessage-deflate; it is used only when both the
// server and the client set it.
func ExampleWithCompression() {
	srv := runtime.NewServer(runtime.WithCompression(flate.BestSpeed))
	srv.Register(greeter, nil)
	defer srv.Close()
	l := runtime.NewMemListener()
	go srv.Serve(l)

	cc, err := runtime.Dial(context.Background(), "ws://mem/",
		runtime.WithContextDialer(l.DialContext),
		runtime.WithCompression(flate.BestSpeed))
	if err != nil {
		fmt.Println("dial:", err)
		return
	}
	defer cc.Close()
	text := strings.Repeat("compressible ", 100) // over 256 B: sent compressed
	reply, err := cc.Invoke(context.Background(), &greeter.Methods[0], msg{Text: text}.build(cc.NewBuilder()))
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer reply.Release()
	fmt.Println(len(readMsg(reply.Bytes()).Text))
	// Output: 1307
}
