package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestGoldenCorpus runs the command the way the golden harness calls the
// generator (inputs: the .fbs files directly in testdata/schemas/<dir>,
// include dir: <dir>, package: <dir>) and checks that it writes exactly the
// golden package testdata/golden/<dir>.
func TestGoldenCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	dirs, err := os.ReadDir(filepath.Join(root, "schemas"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		n++
		t.Run(d.Name(), func(t *testing.T) {
			src := filepath.Join(root, "schemas", d.Name())
			inputs, _ := filepath.Glob(filepath.Join(src, "*.fbs"))
			out := t.TempDir()
			args := append([]string{"-o", out, "-pkg", d.Name(), "-I", src}, inputs...)
			if r := wsgen(t, nil, args...); r.code != exitOK {
				t.Fatalf("exit %d:\n%s", r.code, r.stderr)
			}
			golden := filepath.Join(root, "golden", d.Name())
			var want []string
			for _, n := range listDir(t, golden) {
				if strings.HasSuffix(n, ".wsgen.go") {
					want = append(want, n)
				}
			}
			got := listDir(t, out)
			if !slices.Equal(got, want) {
				t.Fatalf("files %v, golden has %v", got, want)
			}
			for _, n := range got {
				g, _ := os.ReadFile(filepath.Join(out, n))
				w, _ := os.ReadFile(filepath.Join(golden, n))
				if !bytes.Equal(g, w) {
					t.Errorf("%s differs from %s (is the golden stale? go test ./templates -update)", n, filepath.Join(golden, n))
				}
			}
		})
	}
	if n == 0 {
		t.Fatal("no schema directories in testdata/schemas")
	}
}
