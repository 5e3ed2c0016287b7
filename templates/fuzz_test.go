package templates

import (
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/fbs"
)

// FuzzGenerate feeds schemas that load to Generate: it must not panic,
// and must return either files that parse as Go or diagnostics with
// positions (the name clashes renaming cannot fix). Seeds: every corpus
// schema, testdata/clashes.fbs and testdata/fuzz/FuzzGenerate.
func FuzzGenerate(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("..", "testdata", "schemas", "*", "*.fbs"))
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seed schemas under ../testdata/schemas (%v)", err)
	}
	seeds = append(seeds, filepath.Join("testdata", "clashes.fbs"))
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := fbs.Load([]string{"a.fbs"}, fbs.Options{ReadFile: func(name string) ([]byte, error) {
			if filepath.Base(name) != "a.fbs" {
				return nil, os.ErrNotExist
			}
			return []byte(src), nil
		}})
		if err != nil {
			return
		}
		files, err := Generate(s, Options{Package: "fuzz"})
		if err != nil {
			var ds schema.Diagnostics
			if !errors.As(err, &ds) || len(ds) == 0 || !ds[0].Pos.IsValid() {
				t.Fatalf("Generate: %v (want positioned diagnostics)", err)
			}
			return
		}
		for _, file := range files {
			if _, err := parser.ParseFile(token.NewFileSet(), file.Name, file.Content, 0); err != nil {
				t.Fatalf("%s does not parse: %v", file.Name, err)
			}
		}
	})
}
