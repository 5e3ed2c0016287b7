// Package wsgenecho is the wsgen-generated Echo service of the benchmark
// suite (echo.fbs), the peer of the protobuf service in ../proto.
//
// The generator runs in the core module (-C), whose go.sum covers all of
// cmd/wsgen's dependencies. TestGeneratedEchoIsCurrent in ../ fails when
// this code is stale; `go test ./bench -update` (in e2e) rewrites it too.
package wsgenecho

//go:generate go run -C ../../.. ./cmd/wsgen -o e2e/bench/wsgenecho -pkg wsgenecho e2e/bench/wsgenecho/echo.fbs
