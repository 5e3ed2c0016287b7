// Package api defines the Todo service as plain Go: an interface and two
// structs. Everything else — the wire format, a server adapter and a client
// that satisfies Todo — is generated into todo.wsgen.go by the line below;
// todo.fbs is the same service as a FlatBuffers schema, for clients in
// other languages.
package api

import (
	"context"
	"iter"
	"time"
)

//go:generate go run github.com/wsgen/wsgen/cmd/wsgen -emit-fbs todo.fbs .

// Todo keeps a list of things to do.
//
//wsgen:service
type Todo interface {
	// Add stores an item and returns it with its ID set.
	Add(ctx context.Context, item *Item) (*Item, error)
	// List streams the items that carry the filter's tag (all items when
	// the tag is empty), oldest first.
	List(ctx context.Context, f *Filter) iter.Seq2[*Item, error]
}

// Item is one thing to do.
type Item struct {
	ID    int64
	Title string
	Done  bool
	Due   time.Time
	Tags  []string
}

// Filter selects items.
type Filter struct {
	Tag string
}
