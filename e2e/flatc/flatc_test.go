package flatc

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	_ "github.com/wsgen/wsgen/internal/golden"
)

// wantFlatc is the flatc these tests are written against (Debian's
// flatbuffers-compiler package; scripts/deps.sh installs it).
const wantFlatc = "flatc version 2.0.8"

// flatcPath is the flatc binary, found by TestMain.
var flatcPath string

// TestMain fails the whole package, loudly, when flatc is missing: the
// interop tests are the point of this package and never skip.
func TestMain(m *testing.M) {
	p, err := exec.LookPath("flatc")
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: flatc not found on PATH (%v): run scripts/deps.sh (apt-get install flatbuffers-compiler)\n", err)
		os.Exit(1)
	}
	out, err := exec.Command(p, "--version").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: %s --version: %v\n%s", p, err, out)
		os.Exit(1)
	}
	if v := strings.TrimSpace(string(out)); v != wantFlatc {
		fmt.Fprintf(os.Stderr, "note: testing against %q (written for %q)\n", v, wantFlatc)
	}
	flatcPath = p
	os.Exit(m.Run())
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

// flatcTimeout bounds one run of flatc.
const flatcTimeout = time.Minute

// flatc runs flatc with args in dir and returns its combined output.
func flatc(dir string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), flatcTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, flatcPath, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("flatc did not finish within %v: %w", flatcTimeout, err)
	}
	return out.Bytes(), err
}
