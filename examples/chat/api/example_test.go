package api_test

import (
	"context"
	"fmt"
	"iter"
	"log"

	"github.com/wsgen/wsgen/examples/chat/api"
	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/runtime"
)

// echoRoom is a one-member room: Chat echoes each post back, History sends
// a fixed log.
type echoRoom struct{}

func (echoRoom) Chat(ctx context.Context, posts iter.Seq2[*api.PostT, error], send func(*api.MessageT) error) error {
	who := runtime.IncomingMetadata(ctx).Get("x-user")
	n := uint64(0)
	for p, err := range posts {
		if err != nil {
			return err
		}
		n++
		if err := send(&api.MessageT{Seq: n, From: who, Text: p.Text}); err != nil {
			return err
		}
	}
	return nil
}

func (echoRoom) History(ctx context.Context, req *api.HistoryRequestT, send func(*api.MessageT) error) error {
	for i := uint64(1); i <= uint64(req.Limit); i++ {
		if err := send(&api.MessageT{Seq: i, From: "log", Text: fmt.Sprint("entry ", i)}); err != nil {
			return err
		}
	}
	return nil
}

// dial serves a room on an in-memory listener and connects to it.
func dial() (*runtime.ClientConn, func()) {
	srv := runtime.NewServer()
	if err := api.RegisterRoomServer(srv, echoRoom{}); err != nil {
		log.Fatal(err)
	}
	l := runtime.NewMemListener()
	go srv.Serve(l)
	cc, err := runtime.Dial(context.Background(), "ws://mem/", runtime.WithContextDialer(l.DialContext))
	if err != nil {
		log.Fatal(err)
	}
	return cc, func() { cc.Close(); srv.Close() }
}

// A server stream: range over the responses, unpacked.
func ExampleRoomClient_History() {
	cc, stop := dial()
	defer stop()

	call, err := api.NewRoomClient(cc).History(context.Background(), &api.HistoryRequestT{Limit: 3})
	if err != nil {
		log.Fatal(err)
	}
	for msg, err := range call.All() {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(msg.Seq, msg.Text)
	}
	// Output:
	// 1 entry 1
	// 2 entry 2
	// 3 entry 3
}

// A bidirectional stream: send from one goroutine, receive (here zero copy,
// with Views) in another; request metadata names the caller.
func ExampleRoomClient_Chat() {
	cc, stop := dial()
	defer stop()

	ctx := runtime.NewOutgoingContext(context.Background(), runtime.Pairs("x-user", "ada"))
	call, err := api.NewRoomClient(cc).Chat(ctx)
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		for _, text := range []string{"hello", "bye"} {
			call.Send(&api.PostT{Text: text})
		}
		call.CloseSend()
	}()
	for view, err := range call.Views() {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("#%d %s: %s\n", view.Seq(), view.From(), view.Text())
	}
	// Output:
	// #1 ada: hello
	// #2 ada: bye
}
