// Package orders is the representative message of the encode/decode
// benchmarks, defined in Go; orders.wsgen.go is generated from it by
// ../gen.sh. ../orderpb holds the same message in protobuf.
package orders

import (
	"context"
	"time"
)

// Orders exists so that wsgen has a service to generate; the benchmarks
// use only the encoders and decoders of its messages.
//
//wsgen:service
type Orders interface {
	Put(ctx context.Context, o *Order) (*Order, error)
}

// Status is the state of an order.
type Status int32

// The statuses.
const (
	StatusUnknown Status = iota
	StatusOpen
	StatusPaid
	StatusShipped
)

// Order is a typical business message: scalars, strings, a time, nested
// lines, tags and labels.
type Order struct {
	ID       int64             `json:"id"`
	Customer string            `json:"customer"`
	Email    string            `json:"email"`
	Status   Status            `json:"status"`
	Created  time.Time         `json:"created"`
	Total    float64           `json:"total"`
	Lines    []Line            `json:"lines"`
	Tags     []string          `json:"tags"`
	Labels   map[string]string `json:"labels"`
}

// Line is one item of an order.
type Line struct {
	SKU      string  `json:"sku"`
	Quantity int32   `json:"quantity"`
	Price    float64 `json:"price"`
}
