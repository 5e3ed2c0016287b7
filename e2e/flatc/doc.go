// Package flatc checks wsgen against flatc, the FlatBuffers reference
// compiler (Debian's flatc 2.0.8, which must be on PATH): buffers built by
// wsgen's generated code are read correctly by flatc and buffers flatc builds
// are read correctly (and pass the verifier) in wsgen's generated code, for
// random values of every table of every golden package; the generated Go API
// matches flatc's Go output; and schemas flatc rejects are rejected by wsgen
// too.
//
// The package holds only tests. The generated code under test is the golden
// packages github.com/wsgen/wsgen/testdata/golden/<dir>, reached through the
// module's replace directive; registry_test.go, written by
// `go generate` (see internal/registry), lists their types.
package flatc

//go:generate go run ../internal/registry/gen -root ../.. -o registry_test.go
