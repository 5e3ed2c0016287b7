package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/e2e/internal/registry"
	_ "github.com/wsgen/wsgen/internal/golden"
)

// TestCorpusOutputBuilds builds the wsgen command, runs it on every schema
// directory of the corpus (as the golden harness does: the .fbs files in the
// directory, which is also the include directory) and builds and vets the
// output as packages of this module.
func TestCorpusOutputBuilds(t *testing.T) {
	dirs, err := registry.Dirs(repoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no schema directories")
	}
	bin := buildWsgen(t)
	// Inside this module, so the generated code resolves its imports
	// through go.mod; under testdata, so ./... never sees it.
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := os.MkdirTemp("testdata", "cli-out-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(out) })
	var pkgs []string
	for _, d := range dirs {
		dst := filepath.Join(out, d.Name)
		args := append([]string{"-o", dst, "-pkg", d.Name, "-I", d.IncludeDir}, d.Inputs...)
		if msg, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Errorf("wsgen %s: %v\n%s", d.Name, err, msg)
			continue
		}
		pkgs = append(pkgs, "./"+filepath.ToSlash(dst))
	}
	if len(pkgs) == 0 {
		t.Fatal("nothing generated")
	}
	for _, verb := range []string{"build", "vet"} {
		if msg, err := exec.Command("go", append([]string{verb}, pkgs...)...).CombinedOutput(); err != nil {
			t.Errorf("go %s of the generated packages: %v\n%s", verb, err, msg)
		}
	}
}

// TestGoGenerate runs the go:generate line the docs show, in a package of
// this module, with -pkg and without (the name then comes from $GOPACKAGE),
// and builds the result.
func TestGoGenerate(t *testing.T) {
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("testdata", "gogen-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	files := map[string]string{
		"pets/pets.fbs": "namespace Zoo.Pets;\n\ntable Pet {\n  name: string;\n  age: ushort = 1;\n}\n\nroot_type Pet;\n",
		"pets/gen.go": "// Package pets is generated from pets.fbs.\npackage pets\n\n" +
			"//go:generate go run github.com/wsgen/wsgen/cmd/wsgen -pkg pets pets.fbs\n",
		// No -pkg: go generate sets $GOPACKAGE to "animals", which wins
		// over the namespace's "pets".
		"animals/pets.fbs": "namespace Zoo.Pets;\n\ntable Pet {\n  name: string;\n}\n",
		"animals/gen.go": "// Package animals is generated from pets.fbs.\npackage animals\n\n" +
			"//go:generate go run github.com/wsgen/wsgen/cmd/wsgen pets.fbs\n",
		"main/main.go": `package main

import (
	"fmt"

	flatbuffers "github.com/google/flatbuffers/go"
	"github.com/wsgen/wsgen/e2e/cli/` + filepath.ToSlash(dir) + `/animals"
	"github.com/wsgen/wsgen/e2e/cli/` + filepath.ToSlash(dir) + `/pets"
)

func main() {
	b := flatbuffers.NewBuilder(0)
	b.Finish((&pets.PetT{Name: "Rex", Age: 3}).Pack(b))
	p := pets.GetRootAsPet(b.FinishedBytes(), 0)
	fmt.Println(string(p.Name()), p.Age(), pets.VerifyPetBuffer(b.FinishedBytes()))
	var a animals.Pet
	_ = a
}
`,
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkgs := []string{"./" + filepath.ToSlash(dir) + "/pets", "./" + filepath.ToSlash(dir) + "/animals"}
	if out, err := exec.Command("go", append([]string{"generate"}, pkgs...)...).CombinedOutput(); err != nil {
		t.Fatalf("go generate: %v\n%s", err, out)
	}
	for _, p := range []string{"pets/pets.wsgen.go", "animals/pets.wsgen.go"} {
		src, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatalf("go generate wrote no %s: %v", p, err)
		}
		if want := "\npackage " + filepath.Dir(p) + "\n"; !strings.Contains(string(src), want) {
			t.Errorf("%s is not in package %s", p, filepath.Dir(p))
		}
	}
	out, err := exec.Command("go", "run", "./"+filepath.ToSlash(dir)+"/main").CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	if got, want := string(out), "Rex 3 <nil>\n"; got != want {
		t.Errorf("program printed %q, want %q", got, want)
	}
}

// buildWsgen builds the wsgen command into a temporary directory.
func buildWsgen(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "wsgen")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/wsgen/wsgen/cmd/wsgen").CombinedOutput(); err != nil {
		t.Fatalf("building wsgen: %v\n%s", err, out)
	}
	return bin
}

// repoRoot is the wsgen repository, the parent of the e2e module.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot find the source directory")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}
