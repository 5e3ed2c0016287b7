package flatc

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/fbs"
)

// TestFlatcRejects: every schema in testdata/flatc_rejects is rejected both
// by flatc and by wsgen's front end, which reports diagnostics with
// positions in that file.
func TestFlatcRejects(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "testdata", "flatc_rejects")
	files, err := filepath.Glob(filepath.Join(dir, "*.fbs"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no schemas in %s", dir)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			out := t.TempDir()
			if msg, err := flatc(dir, "--go", "-o", out, filepath.Base(path)); err == nil {
				t.Errorf("flatc accepts it (%s)", msg)
			} else if _, ok := err.(interface{ ExitCode() int }); !ok {
				t.Fatalf("running flatc: %v", err)
			}
			_, err := fbs.Load([]string{path}, fbs.Options{})
			var ds schema.Diagnostics
			if !errors.As(err, &ds) || len(ds) == 0 {
				t.Fatalf("fbs.Load: %v, want diagnostics", err)
			}
			for _, d := range ds {
				if d.Pos.File == "" {
					t.Errorf("diagnostic without a file: %s", d)
				}
			}
			t.Logf("flatc and wsgen reject it; wsgen says:\n%s", ds)
			if ents, _ := os.ReadDir(out); len(ents) != 0 {
				t.Errorf("flatc wrote %d files for a schema it rejects", len(ents))
			}
		})
	}
}
