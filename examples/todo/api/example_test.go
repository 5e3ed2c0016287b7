package api_test

import (
	"context"
	"fmt"
	"iter"
	"log"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/examples/todo/api"
	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/runtime"
)

// oneItem implements api.Todo with a single item.
type oneItem struct{}

func (oneItem) Add(ctx context.Context, it *api.Item) (*api.Item, error) {
	it.ID = 42
	return it, nil
}

func (oneItem) List(ctx context.Context, f *api.Filter) iter.Seq2[*api.Item, error] {
	return func(yield func(*api.Item, error) bool) {
		yield(&api.Item{ID: 1, Title: "only " + f.Tag}, nil)
	}
}

// Serve an implementation of the interface and call it through the
// generated client, over the runtime's in-memory connection.
func Example() {
	srv := runtime.NewServer()
	if err := api.RegisterTodoServer(srv, oneItem{}); err != nil {
		log.Fatal(err)
	}
	l := runtime.NewMemListener()
	go srv.Serve(l)
	defer srv.Close()
	cc, err := runtime.Dial(context.Background(), "ws://mem/", runtime.WithContextDialer(l.DialContext))
	if err != nil {
		log.Fatal(err)
	}
	defer cc.Close()

	var todo api.Todo = api.NewTodoClient(cc)
	it, err := todo.Add(context.Background(), &api.Item{Title: "try wsgen"})
	fmt.Println(it.ID, it.Title, err)
	for it, err := range todo.List(context.Background(), &api.Filter{Tag: "x"}) {
		fmt.Println(it.ID, it.Title, err)
	}
	// Output:
	// 42 try wsgen <nil>
	// 1 only x <nil>
}

// The generated encoder and decoder work without a connection too.
func ExampleEncodeItem() {
	b := flatbuffers.NewBuilder(64)
	b.Finish(api.EncodeItem(b, &api.Item{ID: 7, Title: "encode me", Tags: []string{"a"}}))
	var it api.Item
	if err := api.DecodeItem(b.FinishedBytes(), &it); err != nil {
		log.Fatal(err)
	}
	fmt.Println(it.ID, it.Title, it.Tags)
	// Output: 7 encode me [a]
}
