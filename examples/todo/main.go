// Command todo is a service defined as a Go interface (api/todo.go): wsgen
// generated its wire format, server adapter and client (api/api.wsgen.go)
// from the interface alone. This program implements the interface, serves
// it over a WebSocket on the loopback interface, and uses the generated
// client — which satisfies the same interface — to add and list items.
//
//	go run ./examples/todo
//
// Regenerate after editing api/todo.go with `go generate ./examples/todo/...`.
package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"net"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/wsgen/wsgen/examples/todo/api"
	"github.com/wsgen/wsgen/runtime"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "todo:", err)
		os.Exit(1)
	}
}

// store implements api.Todo in memory. mu guards items and next.
type store struct {
	mu    sync.Mutex
	items []api.Item
	next  int64
}

var _ api.Todo = (*store)(nil)

// Add implements api.Todo.
func (s *store) Add(ctx context.Context, item *api.Item) (*api.Item, error) {
	if item.Title == "" {
		return nil, runtime.NewError(runtime.InvalidArgument, "an item needs a title")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	it := *item
	it.ID = s.next
	s.items = append(s.items, it)
	return &it, nil
}

// List implements api.Todo.
func (s *store) List(ctx context.Context, f *api.Filter) iter.Seq2[*api.Item, error] {
	return func(yield func(*api.Item, error) bool) {
		s.mu.Lock()
		items := slices.Clone(s.items)
		s.mu.Unlock()
		for i := range items {
			if f.Tag != "" && !slices.Contains(items[i].Tags, f.Tag) {
				continue
			}
			if !yield(&items[i], nil) {
				return
			}
		}
	}
}

// run serves a store on a free loopback port, then uses it through the
// generated client.
func run(ctx context.Context, out io.Writer) error {
	srv := runtime.NewServer()
	if err := api.RegisterTodoServer(srv, &store{}); err != nil {
		return err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	defer func() {
		srv.Close()
		<-served
	}()

	cc, err := runtime.Dial(ctx, "ws://"+l.Addr().String()+"/")
	if err != nil {
		return err
	}
	defer cc.Close()
	return use(ctx, api.NewTodoClient(cc), out)
}

// use works with any api.Todo: the generated client, or the store itself.
func use(ctx context.Context, todo api.Todo, out io.Writer) error {
	due := time.Date(2030, 1, 2, 15, 4, 5, 0, time.UTC)
	for _, it := range []api.Item{
		{Title: "write the interface", Tags: []string{"code"}},
		{Title: "run go generate", Tags: []string{"code"}, Due: due},
		{Title: "ship it", Done: false, Tags: []string{"release"}},
	} {
		got, err := todo.Add(ctx, &it)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "added #%d %q\n", got.ID, got.Title)
	}
	if _, err := todo.Add(ctx, &api.Item{}); err != nil {
		fmt.Fprintf(out, "empty item rejected: %s: %s\n", runtime.CodeOf(err), errMessage(err))
	}
	for it, err := range todo.List(ctx, &api.Filter{Tag: "code"}) {
		if err != nil {
			return err
		}
		due := "no due date"
		if !it.Due.IsZero() {
			due = "due " + it.Due.Format(time.DateTime)
		}
		fmt.Fprintf(out, "code: #%d %q, %s\n", it.ID, it.Title, due)
	}
	return nil
}

// errMessage is the message of a runtime error without its code.
func errMessage(err error) string {
	if e, ok := err.(*runtime.Error); ok {
		return e.Message()
	}
	return err.Error()
}
