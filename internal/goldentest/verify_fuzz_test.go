package goldentest

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/internal/goldentest/verifyextra"
	"github.com/wsgen/wsgen/testdata/golden/misc"
	"github.com/wsgen/wsgen/testdata/golden/rpc"
	"github.com/wsgen/wsgen/testdata/golden/structs"
	"github.com/wsgen/wsgen/testdata/golden/unionmembers"
	"github.com/wsgen/wsgen/testdata/golden/unions"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
	kitchen "github.com/wsgen/wsgen/testdata/goservices/kitchen/fbsview"
)

// The fuzz targets, one per root table of the golden schemas: whatever
// the generated verifier accepts (plain or size-prefixed), every accessor
// and UnPack of the root reads without a panic. Their seed corpora are
// valid buffers under testdata/fuzz/<target>/valid-* (rewritten with
// -update), plus any crasher found so far.

func FuzzVerifyPalette(f *testing.F)  { fuzzTable(f, "enums.Palette") }
func FuzzVerifyMap(f *testing.F)      { fuzzTable(f, "namespaces.Map") }
func FuzzVerifyReading(f *testing.F)  { fuzzTable(f, "scalars.Reading") }
func FuzzVerifyPing(f *testing.F)     { fuzzTable(f, "service.Ping") }
func FuzzVerifyBody(f *testing.F)     { fuzzTable(f, "structs.Body") }
func FuzzVerifyHero(f *testing.F)     { fuzzTable(f, "unions.Hero") }
func FuzzVerifyBag(f *testing.F)      { fuzzTable(f, "vectors.Bag") }
func FuzzVerifyQuery(f *testing.F)    { fuzzTable(f, "rpc.Query") }
func FuzzVerifyItem(f *testing.F)     { fuzzTable(f, "rpc.Item") }
func FuzzVerifyRegistry(f *testing.F) { fuzzTable(f, "misc.Registry") }
func FuzzVerifyCanvas(f *testing.F)   { fuzzTable(f, "unionmembers.Canvas") }
func FuzzVerifyKitchen(f *testing.F)  { fuzzTable(f, "kitchen.Item") }

// fuzzRoots maps each fuzz target to its table.
var fuzzRoots = map[string]string{
	"FuzzVerifyPalette":  "enums.Palette",
	"FuzzVerifyMap":      "namespaces.Map",
	"FuzzVerifyReading":  "scalars.Reading",
	"FuzzVerifyPing":     "service.Ping",
	"FuzzVerifyBody":     "structs.Body",
	"FuzzVerifyHero":     "unions.Hero",
	"FuzzVerifyBag":      "vectors.Bag",
	"FuzzVerifyTree":     "verifyextra.Tree",
	"FuzzVerifyQuery":    "rpc.Query",
	"FuzzVerifyItem":     "rpc.Item",
	"FuzzVerifyRegistry": "misc.Registry",
	"FuzzVerifyCanvas":   "unionmembers.Canvas",
	"FuzzVerifyKitchen":  "kitchen.Item",
}

func tableNamed(tb testing.TB, name string) goldenTable {
	for _, g := range goldenTables() {
		if g.name == name {
			return g
		}
	}
	tb.Fatalf("no golden table %s", name)
	return goldenTable{}
}

// validSeeds are the buffers the seed corpora hold: packed random objects,
// plain and size-prefixed.
func validSeeds(g goldenTable) [][]byte {
	var out [][]byte
	for i := uint64(1); i <= 3; i++ {
		f := newFiller(i)
		out = append(out, g.build(f, false), g.build(f, true))
	}
	return out
}

func fuzzTable(f *testing.F, name string) {
	g := tableNamed(f, name)
	f.Fuzz(func(t *testing.T, b []byte) {
		readAll(t, g, b)
	})
}

// corpusEntry renders b in the format of go test's fuzz corpus files.
func corpusEntry(b []byte) []byte { return fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", b) }

// parseCorpusEntry reads a corpus file holding one []byte.
func parseCorpusEntry(data []byte) ([]byte, error) {
	s, ok := strings.CutPrefix(string(data), "go test fuzz v1\n[]byte(")
	if !ok {
		return nil, fmt.Errorf("not a one-[]byte corpus file")
	}
	s, ok = strings.CutSuffix(strings.TrimSpace(s), ")")
	if !ok {
		return nil, fmt.Errorf("not a one-[]byte corpus file")
	}
	u, err := strconv.Unquote(s)
	return []byte(u), err
}

// TestVerifySeedCorpus writes the valid seeds with -update; otherwise it
// checks that every corpus file parses, that the valid seeds are still
// accepted, and that reading every entry the verifier accepts does not
// panic (the crashers found so far stay fixed).
func TestVerifySeedCorpus(t *testing.T) {
	for target, name := range fuzzRoots {
		g := tableNamed(t, name)
		dir := filepath.Join("testdata", "fuzz", target)
		if golden.Update() {
			for i, b := range validSeeds(g) {
				golden.Check(t, filepath.Join(dir, fmt.Sprintf("valid-%d", i)), corpusEntry(b))
			}
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatalf("%v (run go test -update to write the seed corpus)", err)
		}
		valid := 0
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			b, err := parseCorpusEntry(data)
			if err != nil {
				t.Fatalf("%s/%s: %v", dir, e.Name(), err)
			}
			accepted := readAll(t, g, b)
			if strings.HasPrefix(e.Name(), "valid-") {
				valid++
				if accepted != 1 {
					t.Errorf("%s/%s: a valid seed is not accepted", dir, e.Name())
				}
			}
		}
		if valid == 0 {
			t.Errorf("%s: no valid seeds", dir)
		}
	}
}

// TestWalkerReachesEverything guards the proof itself: on full buffers the
// walker reaches union members, structs in vectors and arrays, and nested
// flatbuffers.
func TestWalkerReachesEverything(t *testing.T) {
	want := map[string][]reflect.Type{
		"unions.Hero": {reflect.TypeFor[*unions.Sword](), reflect.TypeFor[*unions.Axe](), reflect.TypeFor[*unions.Bow]()},
		"vectors.Bag": {reflect.TypeFor[*vectors.Payload](), reflect.TypeFor[*vectors.Pair](), reflect.TypeFor[*vectors.Entry](),
			reflect.TypeFor[*vectors.Named](), reflect.TypeFor[*vectors.Timed]()},
		"structs.Body": {reflect.TypeFor[*structs.Vec3](), reflect.TypeFor[*structs.Grid](), reflect.TypeFor[*structs.Padded]()},
		"rpc.Item":     {reflect.TypeFor[*rpc.Book](), reflect.TypeFor[*rpc.Tool](), reflect.TypeFor[*rpc.Amount]()},
		"misc.Registry": {reflect.TypeFor[*misc.Node](), reflect.TypeFor[*misc.Grant](), reflect.TypeFor[*misc.Rank](),
			reflect.TypeFor[*misc.Sample](), reflect.TypeFor[*misc.Nothing]()},
		"verifyextra.Tree": {reflect.TypeFor[*verifyextra.Leaf](), reflect.TypeFor[*verifyextra.Big](),
			reflect.TypeFor[*verifyextra.Vec3]()},
		"unionmembers.Canvas": {reflect.TypeFor[*unionmembers.Marker](), reflect.TypeFor[*unionmembers.Point](),
			reflect.TypeFor[*unionmembers.Wide]()},
		"kitchen.Item": {reflect.TypeFor[*kitchen.Scalars](), reflect.TypeFor[*kitchen.Optionals](),
			reflect.TypeFor[*kitchen.Timestamp](), reflect.TypeFor[*kitchen.ItemAttrsEntry](),
			reflect.TypeFor[*kitchen.ItemCountsEntry](), reflect.TypeFor[*kitchen.ItemByColorEntry](),
			reflect.TypeFor[*kitchen.ItemNestedEntry]()},
	}
	for name, types := range want {
		g := tableNamed(t, name)
		w := newWalker()
		w.seen = map[reflect.Type]bool{}
		for i := uint64(0); i < 10; i++ {
			b := g.build(newFiller(100+i), false)
			if err := g.verify(b); err != nil {
				t.Fatal(err)
			}
			w.budget, w.started = walkBudget, false
			w.walk(g.root(b))
		}
		for _, typ := range types {
			if !w.seen[typ] {
				t.Errorf("%s: the walker never reached %v", name, typ)
			}
		}
	}
}
