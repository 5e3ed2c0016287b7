package flatc

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/wsgen/wsgen/e2e/internal/registry"
)

// TestCLIOutputBuilds builds the wsgen command, runs it on every schema
// directory of the corpus (as the golden harness does: the .fbs files in the
// directory, which is also the include directory) and builds and vets the
// output as packages of this module.
func TestCLIOutputBuilds(t *testing.T) {
	root := repoRoot(t)
	dirs, err := registry.Dirs(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no schema directories")
	}
	bin := filepath.Join(t.TempDir(), "wsgen")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/wsgen/wsgen/cmd/wsgen").CombinedOutput(); err != nil {
		t.Fatalf("building wsgen: %v\n%s", err, out)
	}
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
