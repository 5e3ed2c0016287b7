package goldentest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestVerifyFlatcBuffers: buffers written by flatc's C++ builder (see
// testdata/flatc/README.md) pass the generated verifiers and read in full,
// and every truncation of them is rejected or reads without a panic.
func TestVerifyFlatcBuffers(t *testing.T) {
	tests := []struct{ file, table string }{
		{"body.bin", "structs.Body"},
		{"hero.bin", "unions.Hero"},
		{"bag.bag", "vectors.Bag"},
		{"reading.scl", "scalars.Reading"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "flatc", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			g := tableNamed(t, tt.table)
			if err := g.verify(b); err != nil {
				t.Fatalf("flatc's buffer is rejected: %v", err)
			}
			readAll(t, g, b)
			for n := 0; n < len(b); n++ {
				readAll(t, g, b[:n])
			}
		})
	}
}
