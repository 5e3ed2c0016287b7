package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/templates"
)

func TestIncludeDir(t *testing.T) {
	app := filepath.Join("testdata", "inc", "app", "app.fbs")
	t.Run("without -I", func(t *testing.T) {
		out := t.TempDir()
		r := wsgen(t, nil, "-o", out, app)
		if r.code != exitInput || !strings.HasPrefix(r.stderr, app+":2:") || !strings.Contains(r.stderr, "common.fbs") {
			t.Errorf("exit %d, stderr %q; want exit 1 and a diagnostic at the include", r.code, r.stderr)
		}
		if got := listDir(t, out); len(got) != 0 {
			t.Errorf("wrote %v", got)
		}
	})
	t.Run("with -I", func(t *testing.T) {
		out := t.TempDir()
		r := wsgen(t, nil, "-o", out, "-I", filepath.Join("testdata", "nosuchdir"), "-I", filepath.Join("testdata", "inc", "lib"), app)
		if r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if got, want := listDir(t, out), []string{"app.wsgen.go", "common.wsgen.go"}; !slices.Equal(got, want) {
			t.Errorf("files %v, want %v", got, want)
		}
	})
}

func TestSameBaseName(t *testing.T) {
	out := t.TempDir()
	r := wsgen(t, nil, "-o", out, "-pkg", "inc",
		filepath.Join("testdata", "inc", "lib", "common.fbs"),
		filepath.Join("testdata", "inc", "other", "common.fbs"))
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got, want := listDir(t, out), []string{"common.wsgen.go", "common_2.wsgen.go"}; !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
}

func TestNothingToGenerate(t *testing.T) {
	out := t.TempDir()
	r := wsgen(t, nil, "-o", out, filepath.Join("testdata", "empty.fbs"))
	if r.code != exitInput || r.stderr != "wsgen: the schemas declare nothing to generate\n" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestUnwritableOutput(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := wsgen(t, nil, "-o", file, filepath.Join("testdata", "pets.fbs"))
	if r.code != exitInput || !strings.HasPrefix(r.stderr, "wsgen: mkdir "+file+": not a directory") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestWriteFilesLeavesNoTemporaries(t *testing.T) {
	dir := t.TempDir()
	// A directory where a file should go makes the rename fail.
	if err := os.Mkdir(filepath.Join(dir, "b.go"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.go", "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	written, err := writeFiles(dir, fileContents{{"a.go", "package a\n"}, {"b.go", "package b\n"}}.files())
	if err == nil {
		t.Fatal("writeFiles succeeded over a directory")
	}
	if !slices.Equal(written, []string{"a.go"}) {
		t.Errorf("written %v, want [a.go]", written)
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"a.go", "b.go"}) {
		t.Errorf("directory holds %v, want [a.go b.go] (no temporary files)", got)
	}
}

type fileContent struct{ name, content string }

type fileContents []fileContent

func (fs fileContents) files() []templates.File {
	var out []templates.File
	for _, f := range fs {
		out = append(out, templates.File{Name: f.name, Content: []byte(f.content)})
	}
	return out
}
