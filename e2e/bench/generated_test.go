package bench

import (
	"testing"

	"github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema/fbs"
	"github.com/wsgen/wsgen/templates"
)

// TestGeneratedEchoIsCurrent regenerates wsgenecho from echo.fbs with the
// generator in this tree and compares it with the checked-in code (-update
// rewrites it), so the benchmark always measures what wsgen emits today.
func TestGeneratedEchoIsCurrent(t *testing.T) {
	s, err := fbs.Load([]string{"wsgenecho/echo.fbs"}, fbs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := templates.Generate(s, templates.Options{Package: "wsgenecho"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "echo.wsgen.go" {
		t.Fatalf("generated %d files, want echo.wsgen.go alone", len(files))
	}
	golden.Check(t, "wsgenecho/echo.wsgen.go", files[0].Content)
}
