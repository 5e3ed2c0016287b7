package templates_test

import (
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema/fbs"
	"github.com/wsgen/wsgen/templates"
)

// The golden corpus: every directory testdata/schemas/<dir> is generated into
// the package testdata/golden/<dir> (see testdata/schemas/README.md).
const (
	schemasDir = "../testdata/schemas"
	goldenDir  = "../testdata/golden"
)

// corpusDirs lists the schema directories of the golden corpus.
func corpusDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(schemasDir)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatal("no schema directories in " + schemasDir)
	}
	return dirs
}

// generateDir loads the .fbs files directly inside testdata/schemas/<dir>
// (with the directory as include path) and generates package <dir>.
func generateDir(t *testing.T, dir string) []templates.File {
	t.Helper()
	root := filepath.Join(schemasDir, dir)
	inputs, err := filepath.Glob(filepath.Join(root, "*.fbs"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(inputs)
	if len(inputs) == 0 {
		t.Fatalf("%s: no .fbs inputs", root)
	}
	s, err := fbs.Load(inputs, fbs.Options{IncludeDirs: []string{root}})
	if err != nil {
		t.Fatalf("loading %s: %v", root, err)
	}
	files, err := templates.Generate(s, templates.Options{Package: dir})
	if err != nil {
		t.Fatalf("generating %s: %v", root, err)
	}
	if len(files) == 0 {
		t.Fatalf("%s: nothing generated", root)
	}
	return files
}

// TestGolden regenerates every golden package and compares it with the
// checked-in files; `go test ./templates -update` rewrites them. A golden
// directory holding a generated file that is no longer produced fails the
// test (and is removed with -update).
func TestGolden(t *testing.T) {
	for _, dir := range corpusDirs(t) {
		t.Run(dir, func(t *testing.T) {
			out := filepath.Join(goldenDir, dir)
			want := map[string]bool{}
			for _, f := range generateDir(t, dir) {
				want[f.Name] = true
				if formatted, err := format.Source(f.Content); err != nil || !bytes.Equal(formatted, f.Content) {
					t.Errorf("%s: output is not gofmt-clean (%v)", f.Name, err)
				}
				if !bytes.HasPrefix(f.Content, []byte("// "+templates.Header+"\n")) {
					t.Errorf("%s: output does not start with the generated-code header", f.Name)
				}
				golden.Check(t, filepath.Join(out, f.Name), f.Content)
			}
			existing, err := filepath.Glob(filepath.Join(out, "*.wsgen.go"))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range existing {
				if want[filepath.Base(p)] {
					continue
				}
				if golden.Update() {
					if err := os.Remove(p); err != nil {
						t.Fatal(err)
					}
					continue
				}
				t.Errorf("%s is stale: no schema generates it any more (run go test ./templates -update)", p)
			}
		})
	}
}

// TestGoldenDirsHaveSchemas fails when a golden package has no schema
// directory left to generate it.
func TestGoldenDirsHaveSchemas(t *testing.T) {
	entries, err := os.ReadDir(goldenDir)
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, d := range corpusDirs(t) {
		have[d] = true
	}
	for _, e := range entries {
		if e.IsDir() && !have[e.Name()] && !strings.HasPrefix(e.Name(), ".") {
			t.Errorf("%s has no schema directory %s", filepath.Join(goldenDir, e.Name()), filepath.Join(schemasDir, e.Name()))
		}
	}
}

// TestGenerateDeterministic generates every corpus package twice and
// requires identical output.
func TestGenerateDeterministic(t *testing.T) {
	for _, dir := range corpusDirs(t) {
		a, b := generateDir(t, dir), generateDir(t, dir)
		if len(a) != len(b) {
			t.Fatalf("%s: %d files, then %d", dir, len(a), len(b))
		}
		for i := range a {
			if a[i].Name != b[i].Name || string(a[i].Content) != string(b[i].Content) {
				t.Errorf("%s: %s differs between two runs", dir, a[i].Name)
			}
		}
	}
}
