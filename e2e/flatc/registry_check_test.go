package flatc

import (
	"bytes"
	"os"
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
	if golden.Update() {
		golden.Check(t, "registry_test.go", src)
		return
	}
	old, err := os.ReadFile("registry_test.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(old, src) {
		t.Errorf("e2e/flatc/registry_test.go does not match the golden packages (a golden package was added or changed): regenerate it with\n\tcd e2e && go generate ./flatc\n(or go test ./flatc -update) and review the diff")
	}
}
