package goldentest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/scalars"
	_ "github.com/wsgen/wsgen/testdata/golden/service"
	"github.com/wsgen/wsgen/testdata/golden/structs"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// TestEveryGoldenPackageCompiles requires every package under
// testdata/golden to be imported by a test in this package, so that
// `go test ./...` (which skips testdata directories) compiles them all.
func TestEveryGoldenPackageCompiles(t *testing.T) {
	const prefix = "github.com/wsgen/wsgen/testdata/golden/"
	imported := map[string]bool{}
	tests, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range tests {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if p, err := strconv.Unquote(imp.Path.Value); err == nil && strings.HasPrefix(p, prefix) {
				imported[strings.TrimPrefix(p, prefix)] = true
			}
		}
	}
	dirs, err := os.ReadDir(filepath.Join("..", "..", "testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() && !imported[d.Name()] {
			t.Errorf("golden package %s is not imported by any test in internal/goldentest", d.Name())
		}
	}
}

// TestTableReadsDoNotAllocate checks that the generated accessors read in
// place: no allocation for scalars, strings, vectors, structs or keyed
// lookups.
func TestTableReadsDoNotAllocate(t *testing.T) {
	plain := scalars.GetRootAsPlain(buildPlain(flatbuffers.NewBuilder(0)), 0)
	bag := vectors.GetRootAsBag(buildBag(t), 0)
	body := structs.GetRootAsBody(buildBody(), 0)
	var sink int
	tests := []struct {
		name string
		read func()
	}{
		{"scalars", func() {
			if plain.B() && plain.I64() < 0 && plain.F64() < 0 {
				sink++
			}
		}},
		{"string and vectors", func() {
			sink += len(bag.Must()) + len(bag.Strings(0)) + int(bag.Ints(1)) + bag.IntsLength() + len(bag.BytesBytes())
		}},
		{"vector of tables and keyed lookup", func() {
			var e vectors.Entry
			var n vectors.Named
			if bag.Entries(&e, 1) && bag.EntriesByKey(&e, 20) && bag.NamedByKey(&n, "fig") {
				sink++
			}
		}},
		{"structs and arrays", func() {
			var g structs.Grid
			var v structs.Vec3
			if body.Grids(&g, 1) && g.Cells(0) > 0 && g.Corners(&v, 1).X() != 0 && body.Place(&structs.Placement{}).Tag() != 0 {
				sink++
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, tc.read); n != 0 {
				t.Errorf("%v allocations per read", n)
			}
		})
	}
	_ = sink
}

func BenchmarkTableReadScalars(b *testing.B) {
	p := scalars.GetRootAsPlain(buildPlain(flatbuffers.NewBuilder(0)), 0)
	b.ReportAllocs()
	var sum int64
	for b.Loop() {
		sum += int64(p.I8()) + int64(p.I16()) + int64(p.I32()) + p.I64() + int64(p.U64()) + int64(p.F64())
	}
	_ = sum
}

func BenchmarkTableBuildScalars(b *testing.B) {
	bld := flatbuffers.NewBuilder(256)
	b.ReportAllocs()
	for b.Loop() {
		bld.Reset()
		buildPlain(bld)
	}
}

func BenchmarkTableLookupByKey(b *testing.B) {
	bag := vectors.GetRootAsBag(buildBag(b), 0)
	var n vectors.Named
	var e vectors.Entry
	b.ReportAllocs()
	for b.Loop() {
		if !bag.NamedByKey(&n, "pear") || !bag.EntriesByKey(&e, 40) {
			b.Fatal("key not found")
		}
	}
}

func BenchmarkStructCreateGrid(b *testing.B) {
	bld := flatbuffers.NewBuilder(1024)
	g := testGrid
	b.ReportAllocs()
	for b.Loop() {
		bld.Reset()
		structs.CreateGrid(bld, g.cells, g.flags, g.axes, g.cornersX, g.cornersY, g.cornersZ, g.weights, g.id)
	}
}

func BenchmarkStructReadArrays(b *testing.B) {
	g := structs.GetRootAsBody(buildBody(), 0).Grid(nil)
	b.ReportAllocs()
	var sum float64
	for b.Loop() {
		for j := 0; j < g.CellsLength(); j++ {
			sum += float64(g.Cells(j))
		}
		sum += g.Weights(1)
	}
	_ = sum
}
