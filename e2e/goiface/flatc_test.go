package goiface

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/testdata/goservices/kitchen"
)

const kitchenDir = "../../testdata/goservices/kitchen"

// flatc runs flatc with args and fails t on error.
func flatc(t *testing.T, args ...string) {
	t.Helper()
	out, err := exec.Command("flatc", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("flatc %v: %v\n%s", args, err, out)
	}
}

// TestFlatcReadsAndWritesGoDefined: flatc builds item.bin from item.json
// with the emitted kitchen.fbs; the Go-defined code decodes it and encodes
// it again; flatc prints that buffer as the same JSON.
func TestFlatcReadsAndWritesGoDefined(t *testing.T) {
	schema := filepath.Join(kitchenDir, "kitchen.fbs")
	dir := filepath.Join(kitchenDir, "flatc")
	tmp := t.TempDir()

	flatc(t, "-b", "--root-type", "kitchen.Item", "-o", tmp, schema, filepath.Join(dir, "item.json"))
	built, err := os.ReadFile(filepath.Join(tmp, "item.bin"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join(dir, "item.bin"), built)

	var it kitchen.Item
	if err := kitchen.DecodeItem(built, &it); err != nil {
		t.Fatalf("the Go side rejects flatc's buffer: %v", err)
	}
	b := flatbuffers.NewBuilder(0)
	b.Finish(kitchen.EncodeItem(b, &it))
	goBin := filepath.Join(tmp, "go.bin")
	if err := os.WriteFile(goBin, b.FinishedBytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	flatc(t, "--json", "--strict-json", "--raw-binary", "--root-type", "kitchen.Item", "-o", tmp, schema, "--", goBin)
	js, err := os.ReadFile(filepath.Join(tmp, "go.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join(dir, "item.json"), js)
}
