// Command sweep runs wsgen over every schema in a copy of flatc's own test
// suite and checks that each one flatc accepts generates Go code that
// compiles, vets clean and, for a schema with a root_type, packs a
// zero-valued root object into a buffer that the generated verifier
// accepts and UnPack reads; and that each one flatc rejects is rejected by
// wsgen with positioned diagnostics (or, where wsgen deliberately goes
// beyond flatc 2.0.8, passes the same checks as an accepted one).
//
// flatc's test schemas are not part of this repository; extract them first:
//
//	git -C /path/to/flatbuffers archive HEAD tests | tar x -C /tmp/fbtests
//	cd e2e && go run ./flatc/sweep -tests /tmp/fbtests/tests
//
// Each schema is loaded with the include path flatc's tests use: the tests
// directory, its parent, the schema's own directory and include_test (and
// its sub). The generated packages are written to a temporary directory
// inside the e2e module (so that their imports resolve) and removed at the
// end. The exit status is 1 when any check fails.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/fbs"
	"github.com/wsgen/wsgen/templates"
)

func main() {
	tests := flag.String("tests", "", "flatc's tests directory (required)")
	module := flag.String("module", ".", "the e2e module's directory (where the generated packages are built)")
	flag.Parse()
	if *tests == "" {
		fmt.Fprintln(os.Stderr, "sweep: -tests is required")
		os.Exit(2)
	}
	failed, err := run(*tests, *module)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sweep:", err)
		os.Exit(2)
	}
	if failed > 0 {
		fmt.Printf("%d schemas failed\n", failed)
		os.Exit(1)
	}
}

// run checks every .fbs file under tests and returns how many failed.
func run(tests, module string) (int, error) {
	tests, err := filepath.Abs(tests)
	if err != nil {
		return 0, err
	}
	var files []string
	err = filepath.WalkDir(tests, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".fbs") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	work, err := os.MkdirTemp(module, "sweep-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(work)
	failed := 0
	for i, f := range files {
		rel, _ := filepath.Rel(tests, f)
		verdict, ok := check(f, tests, filepath.Join(work, fmt.Sprintf("p%03d", i)), module)
		mark := "ok  "
		if !ok {
			mark = "FAIL"
			failed++
		}
		fmt.Printf("%s %s: %s\n", mark, rel, verdict)
	}
	return failed, nil
}

// check runs one schema through flatc and wsgen; see the package doc.
func check(path, tests, dir, module string) (string, bool) {
	incs := []string{tests, filepath.Dir(tests), filepath.Dir(path),
		filepath.Join(tests, "include_test"), filepath.Join(tests, "include_test", "sub")}
	flatcVerdict, flatcOK := runFlatc(path, incs)
	s, err := fbs.Load([]string{path}, fbs.Options{IncludeDirs: incs})
	if err != nil {
		var ds schema.Diagnostics
		if !errors.As(err, &ds) || len(ds) == 0 || !ds[0].Pos.IsValid() {
			return fmt.Sprintf("wsgen fails without a positioned diagnostic: %v", err), false
		}
		if flatcOK {
			return fmt.Sprintf("flatc accepts it (%s), wsgen rejects it: %s", flatcVerdict, ds[0]), false
		}
		return fmt.Sprintf("both reject it; wsgen: %s", ds[0]), true
	}
	what, ok := build(s, dir, module)
	if !flatcOK {
		what += " (wsgen goes beyond flatc 2.0.8, which rejects it: " + flatcVerdict + ")"
	}
	return what, ok
}

// runFlatc reports whether flatc 2.0.8 accepts the schema: for Go, or, when
// its Go generator refuses what wsgen supports (arrays, vectors of unions,
// unions of structs and strings) or crashes, for C++.
func runFlatc(path string, incs []string) (string, bool) {
	out, err := os.MkdirTemp("", "sweep-flatc-")
	if err != nil {
		return err.Error(), false
	}
	defer os.RemoveAll(out)
	args := []string{"-o", out}
	for _, d := range incs {
		args = append(args, "-I", d)
	}
	args = append(args, path)
	msg, err := exec.Command("flatc", append([]string{"--go"}, args...)...).CombinedOutput()
	if err == nil {
		return "flatc --go accepts it", true
	}
	if _, err := exec.Command("flatc", append([]string{"--cpp"}, args...)...).CombinedOutput(); err == nil {
		return "flatc --go refuses it (" + firstLine(msg) + ") and flatc --cpp accepts it", true
	}
	return firstLine(msg), false
}

// build generates s into dir, vets it, and for a root_type packs, verifies
// and unpacks a zero-valued root object.
func build(s *schema.Schema, dir, module string) (string, bool) {
	files, err := templates.Generate(s, templates.Options{Package: "sweep"})
	if err != nil {
		return "generate: " + err.Error(), false
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err.Error(), false
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Content, 0o644); err != nil {
			return err.Error(), false
		}
	}
	what := "generated code vets clean"
	if s.RootTable != nil {
		root := templates.NewNames(s).Of(&s.RootTable.Decl)
		test := fmt.Sprintf(packTest, root)
		if err := os.WriteFile(filepath.Join(dir, "sweep_test.go"), []byte(test), 0o644); err != nil {
			return err.Error(), false
		}
		what += "; a zero " + root + "T packs, verifies and unpacks"
	}
	rel, err := filepath.Rel(module, dir)
	if err != nil {
		return err.Error(), false
	}
	pkg := "./" + filepath.ToSlash(rel)
	for _, args := range [][]string{{"vet", pkg}, {"test", "-count=1", pkg}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = module
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Sprintf("go %s: %v\n%s", args[0], err, out), false
		}
	}
	return what, true
}

// packTest is the test written next to a generated package with a root
// type (%[1]s).
const packTest = `package sweep

import (
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"
)

func TestPackVerify(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	Finish%[1]sBuffer(b, (&%[1]sT{}).Pack(b))
	buf := b.FinishedBytes()
	if err := Verify%[1]sBuffer(buf); err != nil {
		t.Fatal(err)
	}
	if GetRootAs%[1]s(buf, 0).UnPack() == nil {
		t.Fatal("UnPack returned nil")
	}
}
`

func firstLine(b []byte) string {
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && l != "error:" {
			return l
		}
	}
	return "no message"
}
