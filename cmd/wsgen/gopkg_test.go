package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goPackage writes a Go package with the given source into a new
// directory under testdata (inside this module, so that it can import the
// runtime) and returns its "./testdata/..." path.
func goPackage(t *testing.T, src string) string {
	t.Helper()
	dir, err := os.MkdirTemp("testdata", "gopkg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.WriteFile(filepath.Join(dir, "notes.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return "./" + filepath.ToSlash(dir)
}

const notesSrc = `package notes

import (
	"context"
	"iter"
)

// Notes keeps notes.
//
//wsgen:service
type Notes interface {
	Add(ctx context.Context, n *Note) (*Note, error)
	Tail(ctx context.Context, q *Query) iter.Seq2[*Note, error]
}

type Note struct {
	ID   int64
	Text string
}

type Query struct{ After int64 }

// Code that uses generated names loads before they exist.
var _ Notes = NewNotesClient(nil)
`

// TestGoPackage generates from a Go package pattern into the package's own
// directory, writes the .fbs with -emit-fbs, and builds both the package
// and the code wsgen generates from that .fbs.
func TestGoPackage(t *testing.T) {
	pkg := goPackage(t, notesSrc)
	fbsOut := filepath.Join(pkg, "schema", "notes.fbs")
	if r := wsgen(t, nil, "-emit-fbs", fbsOut, pkg); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := listDir(t, pkg); strings.Join(got, " ") != "notes.go notes.wsgen.go schema" {
		t.Errorf("package files: %q", got)
	}
	src, err := os.ReadFile(fbsOut)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"namespace notes;", "table Note {", "rpc_service Notes {", `Tail(notes.Query):notes.Note (streaming: "server");`} {
		if !strings.Contains(string(src), want) {
			t.Errorf("the .fbs lacks %q:\n%s", want, src)
		}
	}
	viewDir := filepath.Join(pkg, "view")
	if r := wsgen(t, nil, "-pkg", "view", "-o", viewDir, fbsOut); r.code != exitOK {
		t.Fatalf("wsgen on the emitted .fbs: exit %d: %s", r.code, r.stderr)
	}
	for _, verb := range []string{"build", "vet"} {
		cmd := exec.Command("go", verb, pkg, "./"+filepath.ToSlash(viewDir))
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", verb, err, b)
		}
	}
	// Regenerating with the generated file present changes nothing.
	before, _ := os.ReadFile(filepath.Join(pkg, "notes.wsgen.go"))
	if r := wsgen(t, nil, pkg); r.code != exitOK {
		t.Fatalf("second run: exit %d: %s", r.code, r.stderr)
	}
	after, _ := os.ReadFile(filepath.Join(pkg, "notes.wsgen.go"))
	if string(before) != string(after) {
		t.Error("regeneration changed the output")
	}
}

// TestGoPackageOutputDir: -o puts the file elsewhere.
func TestGoPackageOutputDir(t *testing.T) {
	pkg := goPackage(t, notesSrc)
	out := t.TempDir()
	if r := wsgen(t, nil, "-o", out, pkg); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := listDir(t, out); strings.Join(got, " ") != "notes.wsgen.go" {
		t.Errorf("output files: %q", got)
	}
}

func TestGoPackageErrors(t *testing.T) {
	cases := []struct {
		name string
		args func(pkg string) []string
		src  string
		code int
		want string
	}{
		{"diagnostics", func(p string) []string { return []string{p} },
			"package notes\n\nimport \"context\"\n\n//wsgen:service\ntype S interface {\n\tM(ctx context.Context, c chan int) error\n}\n",
			exitInput, "notes.go:7:2: method S.M: the request must be a pointer to a named struct declared in package notes, not chan int"},
		{"generated names taken", func(p string) []string { return []string{p} },
			notesSrc + "\nfunc EncodeNote() {}\n", exitInput, "notes.go:26:6: EncodeNote is also declared by the generated notes.wsgen.go; rename it"},
		{"no services", func(p string) []string { return []string{p} },
			"package notes\n\ntype T struct{}\n", exitInput, "is marked //wsgen:service"},
		{"mixed inputs", func(p string) []string { return []string{p, "testdata/pets.fbs"} },
			notesSrc, exitUsage, "Go package patterns and .fbs files cannot be mixed"},
		{"emit-fbs with .fbs input", func(string) []string { return []string{"-emit-fbs", "x.fbs", "testdata/pets.fbs"} },
			notesSrc, exitUsage, "-emit-fbs and -service work with Go packages only"},
		{"-service that matches nothing", func(p string) []string { return []string{"-service", "Missing", p} },
			notesSrc, exitInput, "no interface Missing"},
		{"-pkg with Go input", func(p string) []string { return []string{"-pkg", "x", p} },
			notesSrc, exitUsage, "-pkg and -I apply to .fbs input only"},
		{"no such package", func(string) []string { return []string{"./testdata/no-such-dir"} },
			notesSrc, exitInput, "no-such-dir"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pkg := goPackage(t, c.src)
			r := wsgen(t, nil, c.args(pkg)...)
			if r.code != c.code || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, c.code, c.want)
			}
		})
	}
}

// TestServiceFlag maps an interface without the directive.
func TestServiceFlag(t *testing.T) {
	pkg := goPackage(t, strings.Replace(notesSrc, "//wsgen:service\n", "", 1))
	if r := wsgen(t, nil, pkg); r.code != exitInput {
		t.Fatalf("without -service: exit %d, want %d", r.code, exitInput)
	}
	if r := wsgen(t, nil, "-service", "Notes", pkg); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got := listDir(t, pkg); strings.Join(got, " ") != "notes.go notes.wsgen.go" {
		t.Errorf("package files: %q", got)
	}
}

func TestHelpMentionsGoPackages(t *testing.T) {
	r := wsgen(t, nil, "-h")
	for _, want := range []string{"wsgen [-o DIR] [-emit-fbs FILE] [-service NAME]... PACKAGE...", "//wsgen:service", "-emit-fbs FILE", "-service NAME", "docs/go-services.md"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-h lacks %q", want)
		}
	}
}
