// Package wsgenecho is the wsgen-generated Echo service of the benchmark
// suite (echo.fbs), the peer of the protobuf service in ../proto.
package wsgenecho

//go:generate go run github.com/wsgen/wsgen/cmd/wsgen -pkg wsgenecho echo.fbs
