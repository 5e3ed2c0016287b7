// Command chat is a chat room served over WebSocket with wsgen: a
// bidirectional stream per member (Chat) and a server stream of recent
// messages (History).
//
// Run everything in one process (a server on a free loopback port and two
// members, alice and bob, who talk, then a look at the history):
//
//	go run ./examples/chat
//
// Or run a server and chat from other terminals (each line you type is a
// post; end with Ctrl-D):
//
//	go run ./examples/chat -serve 127.0.0.1:8080
//	go run ./examples/chat -call ws://127.0.0.1:8080/ -name alice
//
// The schema is api/chat.fbs; api/chat.wsgen.go is generated from it by
// `go generate ./examples/chat/...`.
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

	"github.com/wsgen/wsgen/examples/chat/api"
	"github.com/wsgen/wsgen/runtime"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "chat:", err)
		os.Exit(1)
	}
}

// run is the whole program: it parses args and serves, chats, or runs the
// demonstration in one process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(stderr)
	serve := fs.String("serve", "", "only serve, listening on this host:port (port 0 picks a free one)")
	call := fs.String("call", "", "join the room at this ws:// URL and post the lines read from standard input")
	name := fs.String("name", "guest", "your name in the room (with -call)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || (*serve != "" && *call != "") {
		fs.Usage()
		return errors.New("use at most one of -serve and -call, and no arguments")
	}
	switch {
	case *call != "":
		return chatFromLines(ctx, *call, *name, stdin, stdout)
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
	err = demo(ctx, "ws://"+l.Addr().String()+"/", stdout)
	stop()
	return errors.Join(err, <-served)
}

// serveUntil serves a new room on l until ctx ends, then shuts down: running
// chats are given a moment to end, then cancelled.
func serveUntil(ctx context.Context, l net.Listener) error {
	srv := runtime.NewServer()
	if err := api.RegisterRoomServer(srv, newRoom()); err != nil {
		l.Close()
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	<-served
	if errors.Is(err, context.DeadlineExceeded) {
		err = nil // chats that were still open have been cancelled
	}
	return err
}
