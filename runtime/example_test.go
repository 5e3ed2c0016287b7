package runtime_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

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
func startGreeter() (*runtime.ClientConn, func()) {
	srv := runtime.NewServer()
	if err := srv.Register(greeter, nil); err != nil {
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
