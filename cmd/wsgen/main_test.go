package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/wsgen/wsgen/internal/golden"
)

// result is what one run of the command did.
type result struct {
	code           int
	stdout, stderr string
}

// wsgen runs the command in-process with the given environment.
func wsgen(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, func(k string) string { return env[k] }, &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// listDir returns the names of the files in dir, sorted; nil if dir does
// not exist.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestHelp(t *testing.T) {
	r := wsgen(t, nil, "-h")
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("-h: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{
		"usage: wsgen [-o DIR] [-pkg NAME] [-I DIR]... FILE.fbs...",
		"\n  -o DIR ", "\n  -pkg NAME ", "\n  -I DIR ", "\n  -version ", "\n  -h ",
		"$GOPACKAGE",
		"//go:generate go run github.com/wsgen/wsgen/cmd/wsgen -pkg monster monster.fbs",
		"A.B.Monster -> A_B_Monster",
		"<schema base name>.wsgen.go",
		"file:line:col: message",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("usage text lacks %q", want)
		}
	}
	if r2 := wsgen(t, nil, "-help"); r2 != r {
		t.Errorf("-help differs from -h")
	}
}

func TestVersion(t *testing.T) {
	r := wsgen(t, nil, "-version")
	if r.code != exitOK || r.stderr != "" || !strings.HasPrefix(r.stdout, "wsgen ") || !strings.HasSuffix(r.stdout, "\n") {
		t.Fatalf("-version: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	const tail = "usage: wsgen [-o DIR] [-pkg NAME] [-I DIR]... FILE.fbs...\nRun 'wsgen -h' for details.\n"
	out := t.TempDir()
	pets := filepath.Join("testdata", "pets.fbs")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string // first line of stderr
	}{
		{"no files", nil, []string{"-o", out}, "wsgen: no schema files given"},
		{"unknown flag", nil, []string{"-x", pets}, "wsgen: flag provided but not defined: -x"},
		{"flag after files", nil, []string{pets, "-o"}, "wsgen: flag -o after the schema files: flags go first"},
		{"o without value", nil, []string{"-o"}, "wsgen: flag needs an argument: -o"},
		{"empty out dir", nil, []string{"-o", "", pets}, "wsgen: -o: empty output directory"},
		{"empty include dir", nil, []string{"-I", "", pets}, `wsgen: invalid value "" for flag -I: empty include directory`},
		{"bad version value", nil, []string{"-version=maybe"}, `wsgen: invalid boolean value "maybe" for -version: parse error`},
		{"pkg not identifier", nil, []string{"-o", out, "-pkg", "my-pkg", pets}, `wsgen: -pkg: "my-pkg" is not a valid Go package name`},
		{"pkg keyword", nil, []string{"-o", out, "-pkg", "func", pets}, `wsgen: -pkg: "func" is not a valid Go package name`},
		{"pkg blank", nil, []string{"-o", out, "-pkg", "_", pets}, `wsgen: -pkg: "_" cannot be a Go package name`},
		{"pkg digit", nil, []string{"-o", out, "-pkg", "9lives", pets}, `wsgen: -pkg: "9lives" is not a valid Go package name`},
		{"GOPACKAGE bad", map[string]string{"GOPACKAGE": "a.b"}, []string{"-o", out, pets}, `wsgen: $GOPACKAGE: "a.b" is not a valid Go package name`},
		{"no namespace", nil, []string{"-o", out, filepath.Join("testdata", "nonamespace.fbs")},
			"wsgen: no package name: pass -pkg NAME (no input file declares a namespace and $GOPACKAGE is not set)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := wsgen(t, tt.env, tt.args...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d", r.code, exitUsage)
			}
			if want := tt.want + "\n" + tail; r.stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			if got := listDir(t, out); len(got) != 0 {
				t.Errorf("wrote %v on a usage error", got)
			}
		})
	}
}

func TestPackageName(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"flag", map[string]string{"GOPACKAGE": "fromenv"}, []string{"-pkg", "fromflag"}, "fromflag"},
		{"GOPACKAGE", map[string]string{"GOPACKAGE": "fromenv"}, nil, "fromenv"},
		// pets.fbs declares namespace Zoo.Pets; its include common.fbs
		// (Zoo.Common) is not an input, so it does not count.
		{"namespace", nil, nil, "pets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"-o", out}, tt.args...)
			r := wsgen(t, tt.env, append(args, filepath.Join("testdata", "pets.fbs"))...)
			if r.code != exitOK || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			for _, name := range listDir(t, out) {
				src, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(src, []byte("\npackage "+tt.want+"\n")) {
					t.Errorf("%s: not in package %s:\n%.300s", name, tt.want, src)
				}
			}
		})
	}
}

func TestGoIdent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"sample", "sample"},
		{"type", "type_"},
		{"go", "go_"},
		{"3d", "_3d"},
		{"a-b", "a_b"},
		{"", "_"},
		{"x9", "x9"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := goIdent(tt.in); got != tt.want {
				t.Errorf("goIdent(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFirstNamespaceOrder(t *testing.T) {
	// With common.fbs named first, its namespace decides.
	out := t.TempDir()
	r := wsgen(t, nil, "-o", out, filepath.Join("testdata", "common.fbs"), filepath.Join("testdata", "pets.fbs"))
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	src, err := os.ReadFile(filepath.Join(out, "pets.wsgen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte("\npackage common\n")) {
		t.Errorf("want package common:\n%.300s", src)
	}
}

func TestOutputFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "new", "dir")
	r := wsgen(t, nil, "-o", out, "-pkg", "pets", filepath.Join("testdata", "pets.fbs"))
	if r.code != exitOK || r.stdout != "" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	// The include gets its own file; nothing else (no temp files) is left.
	if got, want := listDir(t, out), []string{"common.wsgen.go", "pets.wsgen.go"}; !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	src, err := os.ReadFile(filepath.Join(out, "pets.wsgen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(src, []byte("// Code generated by wsgen. DO NOT EDIT.\n")) {
		t.Errorf("missing header:\n%.200s", src)
	}
	fi, err := os.Stat(filepath.Join(out, "pets.wsgen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm()&0o644 != 0o644 {
		t.Errorf("mode %v, want readable by all", fi.Mode())
	}
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if r := wsgen(t, nil, "-o", out, filepath.Join("testdata", "pets.fbs")); r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	}
	names := listDir(t, a)
	if !slices.Equal(names, listDir(t, b)) {
		t.Fatalf("different files: %v vs %v", names, listDir(t, b))
	}
	for _, n := range names {
		x, _ := os.ReadFile(filepath.Join(a, n))
		y, _ := os.ReadFile(filepath.Join(b, n))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", n)
		}
	}
}

func TestNoRewriteWhenUnchanged(t *testing.T) {
	out := t.TempDir()
	args := []string{"-o", out, filepath.Join("testdata", "pets.fbs")}
	if r := wsgen(t, nil, args...); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	pets, common := filepath.Join(out, "pets.wsgen.go"), filepath.Join(out, "common.wsgen.go")
	want, err := os.ReadFile(pets)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	for _, p := range []string{pets, common} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	// Damage one file: only it is rewritten.
	if err := os.WriteFile(pets, []byte("package pets\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(pets, old, old); err != nil {
		t.Fatal(err)
	}
	if r := wsgen(t, nil, args...); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got, _ := os.ReadFile(pets); !bytes.Equal(got, want) {
		t.Errorf("changed file not restored")
	}
	if fi, _ := os.Stat(pets); fi.ModTime().Equal(old) {
		t.Errorf("changed file not rewritten")
	}
	if fi, _ := os.Stat(common); !fi.ModTime().Equal(old) {
		t.Errorf("unchanged file rewritten: mtime %v", fi.ModTime())
	}
}

func TestMissingFile(t *testing.T) {
	out := t.TempDir()
	missing := filepath.Join("testdata", "nosuch.fbs")
	r := wsgen(t, nil, "-o", out, "-pkg", "x", missing)
	if r.code != exitInput {
		t.Errorf("exit %d, want %d", r.code, exitInput)
	}
	if !strings.HasPrefix(r.stderr, missing+": ") || !strings.Contains(r.stderr, "no such file") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr %q, want one line %q", r.stderr, missing+": ...no such file...")
	}
	if got := listDir(t, out); len(got) != 0 {
		t.Errorf("wrote %v", got)
	}
}

func TestSchemaErrors(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	bad := filepath.Join("testdata", "bad.fbs")
	r := wsgen(t, nil, "-o", out, bad, filepath.Join("testdata", "pets.fbs"))
	want := strings.Join([]string{
		bad + ":4:6: unknown type Missing",
		bad + ":6:3: field y already declared at " + bad + ":5:3",
		bad + ":9:11: unknown root type Nowhere",
	}, "\n") + "\n"
	if r.code != exitInput || r.stderr != want || r.stdout != "" {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", r.code, r.stderr, exitInput, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output directory created on error: %v", err)
	}
}

// TestOutputBuilds generates into a directory inside this module and runs
// go build and go vet on it.
func TestOutputBuilds(t *testing.T) {
	out, err := os.MkdirTemp("testdata", "out-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(out) })
	if r := wsgen(t, nil, "-o", out, filepath.Join("testdata", "pets.fbs")); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, verb := range []string{"build", "vet"} {
		cmd := exec.Command("go", verb, "./"+filepath.ToSlash(out))
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", verb, err, b)
		}
	}
}
