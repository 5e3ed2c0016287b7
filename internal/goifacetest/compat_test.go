package goifacetest

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/goservices/kitchen"
	"github.com/wsgen/wsgen/testdata/goservices/kitchen/fbsview"
)

// viaObjectAPI sends a Go-encoded Item through the code wsgen generated
// from kitchen.fbs (the schema -emit-fbs wrote): verify, UnPack, Pack, and
// decodes the result with the Go-defined side. Both sides agreeing on every
// field is what makes the round trip exact.
func viaObjectAPI(t *testing.T, it *kitchen.Item) *kitchen.Item {
	t.Helper()
	buf := encodeItem(flatbuffers.NewBuilder(0), it)
	if err := fbsview.VerifyItemBuffer(buf); err != nil {
		t.Fatalf("the .fbs side rejects a Go-encoded Item: %v", err)
	}
	obj := fbsview.GetRootAsItem(buf, 0).UnPack()
	b := flatbuffers.NewBuilder(0)
	b.Finish(obj.Pack(b))
	var got kitchen.Item
	if err := kitchen.DecodeItem(b.FinishedBytes(), &got); err != nil {
		t.Fatalf("the Go side rejects an Item packed by the .fbs side: %v", err)
	}
	return &got
}

// objectAPINormal is it as it comes back through the object API, whose
// Pack writes no empty strings: a present empty optional string is lost.
func objectAPINormal(it *kitchen.Item) *kitchen.Item {
	c := *it
	if c.Opt != nil && c.Opt.S != nil && *c.Opt.S == "" {
		o := *c.Opt
		o.S = nil
		c.Opt = &o
	}
	if c.Parent != nil {
		c.Parent = objectAPINormal(c.Parent)
	}
	return &c
}

// TestEmittedSchemaWithFBSFrontEnd: random Items cross between the
// Go-defined code and the code generated from the emitted .fbs.
func TestEmittedSchemaWithFBSFrontEnd(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(13, 14))}
	for i := range 300 {
		want := g.item()
		if got := viaObjectAPI(t, want); !reflect.DeepEqual(got, objectAPINormal(want)) {
			t.Fatalf("case %d: differs after the .fbs side: %s", i, firstDiff(got, objectAPINormal(want)))
		}
	}
	// The accessors of the .fbs side read what the Go side wrote.
	it := &kitchen.Item{ID: "x", Level: kitchen.LevelLow, TTL: 3 * time.Second,
		Created: time.Unix(1700000000, 5).UTC(), Attrs: map[string]string{"b": "2", "a": "1"}}
	v := fbsview.GetRootAsItem(encodeItem(flatbuffers.NewBuilder(0), it), 0)
	var e fbsview.ItemAttrsEntry
	if string(v.Id()) != "x" || v.Level() != fbsview.LevelLevelLow || v.Ttl() != int64(3*time.Second) ||
		v.Created(nil).Seconds() != 1700000000 || v.Created(nil).Nanos() != 5 ||
		!v.AttrsByKey(&e, "b") || string(e.Value()) != "2" {
		t.Errorf("the .fbs accessors read a different Item: %+v", v.UnPack())
	}
}

// flatcItem uses every field with values flatc's JSON keeps exactly
// (its printer rounds doubles to 17 significant digits at most and
// expects UTF-8 strings).
func flatcItem() *kitchen.Item {
	one := int32(1)
	s := "opt"
	when := time.Unix(-5, 250).UTC()
	return &kitchen.Item{
		ID: "item", Data: []byte{0, 1, 254, 255}, Count: 7, Color: kitchen.ColorBlue,
		Level: kitchen.LevelLow, Temp: -12.5, Label: "label", Created: time.Unix(1700000000, 123456789).UTC(),
		TTL:     90 * time.Second,
		Scalars: kitchen.Scalars{B: true, I8: -8, U8: 200, I16: -300, U16: 60000, I32: -70000, U32: 4000000000, I64: math.MinInt64, U64: math.MaxUint64, I: -1, U: 1, F32: 0.25, F64: 1e300, R: 'é'},
		Opt:     &kitchen.Optionals{I32: &one, S: &s, When: &when, Color: ptr(kitchen.ColorRed)},
		Parent:  &kitchen.Item{ID: "parent", Waits: []time.Duration{time.Millisecond}},
		Tags:    []string{"a", "", "c"}, Numbers: []int64{1, -2, 3}, Floats: []float32{1.5, -0.5},
		Colors: []kitchen.Color{kitchen.ColorGreen, kitchen.ColorNone}, Labels: []kitchen.Label{"l"},
		Times:    []time.Time{time.Unix(0, 0).UTC(), time.Unix(1, 1).UTC()},
		Children: []kitchen.Scalars{{I32: 1}, {}}, Ptrs: []*kitchen.Scalars{{U64: 9}},
		Attrs: map[string]string{"z": "26", "a": "1"}, Counts: map[int32]uint64{-1: 1, 5: 50},
		ByColor: map[kitchen.Color][]string{kitchen.ColorRed: {"r"}, kitchen.ColorBlue: {"b", "bb"}},
		Nested:  map[string]*kitchen.Scalars{"n": {I8: 1}},
		Flags:   []bool{true, false},
	}
}

// TestFlatcBuffer: testdata/goservices/kitchen/flatc holds item.json,
// which flatc 2.0.8 printed from the Go-encoded flatcItem with the emitted
// kitchen.fbs, and item.bin, which flatc built from that JSON (e2e/goiface
// re-creates both with a live flatc and fails when they differ). The Go
// side decodes flatc's buffer to exactly the Item it started from.
func TestFlatcBuffer(t *testing.T) {
	dir := filepath.Join(root, "testdata/goservices/kitchen/flatc")
	built, err := os.ReadFile(filepath.Join(dir, "item.bin"))
	if err != nil {
		t.Fatal(err)
	}
	var got kitchen.Item
	if err := kitchen.DecodeItem(built, &got); err != nil {
		t.Fatalf("the Go side rejects flatc's buffer: %v", err)
	}
	if d := firstDiff(&got, flatcItem()); d != "" {
		t.Errorf("flatc's buffer decodes to another Item: %s", d)
	}
	js, err := os.ReadFile(filepath.Join(dir, "item.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"id": "item"`, `"level": "LevelLow"`, `"ttl": 90000000000`, `"seconds": 1700000000`, `"key": "a"`} {
		if !bytes.Contains(js, []byte(s)) {
			t.Errorf("flatc's JSON lacks %s", s)
		}
	}
}
