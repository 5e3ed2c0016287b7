package api_test

import (
	"context"
	"fmt"
	"log"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/examples/greeter/api"
	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/runtime"
)

// objectGreeter implements api.GreeterServer: requests and replies are
// plain Go structs.
type objectGreeter struct{}

func (objectGreeter) SayHello(ctx context.Context, req *api.HelloRequestT) (*api.HelloReplyT, error) {
	return &api.HelloReplyT{Message: "Hello, " + req.Name + "!"}, nil
}

// rawGreeter implements api.GreeterRawServer: the request is read in place
// and the reply built straight into the runtime's pooled builder.
type rawGreeter struct{}

func (rawGreeter) SayHello(ctx context.Context, req *api.HelloRequest, reply *flatbuffers.Builder) error {
	msg := reply.CreateString("Hi, " + string(req.Name()) + "!")
	api.HelloReplyStart(reply)
	api.HelloReplyAddMessage(reply, msg)
	api.FinishHelloReplyBuffer(reply, api.HelloReplyEnd(reply))
	return nil
}

// connect serves srv on an in-memory listener and dials it; stop undoes both.
func connect(srv *runtime.Server) (cc *runtime.ClientConn, stop func()) {
	l := runtime.NewMemListener()
	go srv.Serve(l)
	cc, err := runtime.Dial(context.Background(), "ws://mem/", runtime.WithContextDialer(l.DialContext))
	if err != nil {
		log.Fatal(err)
	}
	return cc, func() { cc.Close(); srv.Close() }
}

// A server implemented with the object API, called with the object API.
func ExampleRegisterGreeterServer() {
	srv := runtime.NewServer()
	if err := api.RegisterGreeterServer(srv, objectGreeter{}); err != nil {
		log.Fatal(err)
	}
	cc, stop := connect(srv)
	defer stop()

	reply, err := api.NewGreeterClient(cc).SayHello(context.Background(), &api.HelloRequestT{Name: "gopher"})
	fmt.Println(reply.Message, err)
	// Output: Hello, gopher! <nil>
}

// A zero-copy server, called zero copy: the request is built in a pooled
// builder and the reply read in place until Release.
func ExampleRegisterGreeterRawServer() {
	srv := runtime.NewServer()
	if err := api.RegisterGreeterRawServer(srv, rawGreeter{}); err != nil {
		log.Fatal(err)
	}
	cc, stop := connect(srv)
	defer stop()

	b := cc.NewBuilder()
	name := b.CreateString("gopher")
	api.HelloRequestStart(b)
	api.HelloRequestAddName(b, name)
	api.FinishHelloRequestBuffer(b, api.HelloRequestEnd(b))
	view, reply, err := api.NewGreeterClient(cc).SayHelloRaw(context.Background(), b)
	if err != nil {
		log.Fatal(err)
	}
	defer reply.Release()
	fmt.Println(string(view.Message()))
	// Output: Hi, gopher!
}
