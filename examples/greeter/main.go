// Command greeter is the smallest wsgen service: one unary method, served
// and called over a WebSocket on the loopback interface.
//
// Run everything in one process (a server on a free port, then a client
// that calls it and prints what happens):
//
//	go run ./examples/greeter
//
// Or run the two halves as separate processes:
//
//	go run ./examples/greeter -serve 127.0.0.1:8080
//	go run ./examples/greeter -call ws://127.0.0.1:8080/ -name Ada
//
// The schema is api/greeter.fbs; api/greeter.wsgen.go is generated from it
// by `go generate ./examples/greeter/...`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/wsgen/wsgen/examples/greeter/api"
	"github.com/wsgen/wsgen/runtime"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "greeter:", err)
		os.Exit(1)
	}
}

// run is the whole program: it parses args and serves, calls, or does both.
// It returns when the work is done or, when serving only, when ctx ends.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("greeter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	serve := fs.String("serve", "", "only serve, listening on this host:port (port 0 picks a free one)")
	call := fs.String("call", "", "only call the server at this ws:// URL")
	name := fs.String("name", "world", "who to greet")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || (*serve != "" && *call != "") {
		fs.Usage()
		return errors.New("use at most one of -serve and -call, and no arguments")
	}
	switch {
	case *call != "":
		return greet(ctx, *call, *name, stdout)
	case *serve != "":
		l, err := net.Listen("tcp", *serve)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "serving on ws://%s/\n", l.Addr())
		return serveUntil(ctx, l)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srvCtx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- serveUntil(srvCtx, l) }()
	err = greet(ctx, "ws://"+l.Addr().String()+"/", *name, stdout)
	stop()
	return errors.Join(err, <-served)
}

// greeter implements api.GreeterServer with the object API.
type greeter struct{}

var _ api.GreeterServer = greeter{}

func (greeter) SayHello(ctx context.Context, req *api.HelloRequestT) (*api.HelloReplyT, error) {
	if req.Name == "" {
		return nil, runtime.NewError(runtime.InvalidArgument, "name is required")
	}
	return &api.HelloReplyT{Message: "Hello, " + req.Name + "!"}, nil
}

// serveUntil serves the Greeter service on l until ctx ends, then shuts
// down gracefully.
func serveUntil(ctx context.Context, l net.Listener) error {
	srv := runtime.NewServer()
	if err := api.RegisterGreeterServer(srv, greeter{}); err != nil {
		l.Close()
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	<-served // http.ErrServerClosed once Shutdown closed the listener
	return err
}

// greet calls SayHello at url three ways and prints the results: with the
// object API, zero copy, and with an empty name to show an error.
func greet(ctx context.Context, url, name string, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cc, err := runtime.Dial(ctx, url)
	if err != nil {
		return err
	}
	defer cc.Close()
	client := api.NewGreeterClient(cc)

	// The object API: plain Go structs in and out.
	reply, err := client.SayHello(ctx, &api.HelloRequestT{Name: name})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "SayHello(%q) = %q\n", name, reply.Message)

	// Zero copy: build the request in a pooled builder, read the reply in
	// place until Release.
	b := cc.NewBuilder()
	n := b.CreateString(name)
	api.HelloRequestStart(b)
	api.HelloRequestAddName(b, n)
	api.FinishHelloRequestBuffer(b, api.HelloRequestEnd(b))
	view, raw, err := client.SayHelloRaw(ctx, b)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "SayHelloRaw(%q) = %q\n", name, view.Message())
	raw.Release()

	// Errors carry a status code.
	_, err = client.SayHello(ctx, &api.HelloRequestT{})
	fmt.Fprintf(out, "SayHello(%q) failed: code %v, message %q\n", "", runtime.CodeOf(err), messageOf(err))
	return nil
}

// messageOf is the message of a *runtime.Error, or err's text.
func messageOf(err error) string {
	var e *runtime.Error
	if errors.As(err, &e) {
		return e.Message()
	}
	if err == nil {
		return ""
	}
	return err.Error()
}
