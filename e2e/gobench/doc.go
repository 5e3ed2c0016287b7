// Package gobench benchmarks the encoders and decoders wsgen generates for
// a Go-defined message (orders.Order) against encoding/json on the same
// struct and against protobuf's generated code for the same message
// (orderpb.Order). Run:
//
//	cd e2e && go test -run XXX -bench . -benchmem ./gobench
//
// Regenerate the code under test with ./gen.sh.
package gobench
