// Command gen writes the golden-package registry of the e2e/flatc tests:
//
//	go run ./internal/registry/gen -root .. -o flatc/registry_test.go
//
// (run from e2e/, or through go generate in e2e/flatc).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/wsgen/wsgen/e2e/internal/registry"
)

func main() {
	root := flag.String("root", "..", "repository root")
	out := flag.String("o", "registry_test.go", "output file")
	pkg := flag.String("pkg", "flatc", "package name of the output")
	flag.Parse()
	src, err := registry.Render(*root, *pkg)
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "registry:", err)
		os.Exit(1)
	}
}
