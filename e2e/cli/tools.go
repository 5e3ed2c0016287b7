//go:build tools

package cli

// The tests build and run the wsgen command (go build, go run, go
// generate) inside this module; importing it here, under a build tag no
// build uses, keeps its dependencies in go.mod and go.sum through go mod
// tidy.
import _ "github.com/wsgen/wsgen/cmd/wsgen"
