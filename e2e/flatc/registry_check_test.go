package flatc

import (
	"testing"

	"github.com/wsgen/wsgen/e2e/internal/registry"
	"github.com/wsgen/wsgen/internal/golden"
)

//go:generate go run ../internal/registry/gen -root ../.. -o registry_test.go

// TestRegistryUpToDate fails when registry_test.go no longer matches the
// golden packages (go test -update, or go generate, rewrites it).
func TestRegistryUpToDate(t *testing.T) {
	src, err := registry.Render(repoRoot(t), "flatc")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "registry_test.go", src)
}
