package goifacetest

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/goservices/kitchen"
)

// encodeItem builds it as a finished buffer.
func encodeItem(b *flatbuffers.Builder, it *kitchen.Item) []byte {
	b.Reset()
	b.Finish(kitchen.EncodeItem(b, it))
	return b.FinishedBytes()
}

// TestRoundTripProperty: random Items (every supported type, nested,
// optional, empty and extreme values) survive Encode and Decode exactly,
// and the buffer passes the generated verifier.
func TestRoundTripProperty(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(1, 2))}
	b := flatbuffers.NewBuilder(0)
	for i := range 2000 {
		want := g.item()
		buf := encodeItem(b, want)
		var got kitchen.Item
		if err := kitchen.DecodeItem(buf, &got); err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !reflect.DeepEqual(&got, want) {
			t.Fatalf("case %d: round trip changed the value\n got: %+v\nwant: %+v", i, &got, want)
		}
	}
}

// TestDecodeReplacesContents: decoding into a used value leaves nothing of
// the old contents behind, and nothing refers to the buffer afterwards.
func TestDecodeReplacesContents(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(3, 4))}
	b := flatbuffers.NewBuilder(0)
	var got kitchen.Item
	for i := range 200 {
		want := g.item()
		buf := encodeItem(b, want)
		if err := kitchen.DecodeItem(buf, &got); err != nil {
			t.Fatal(err)
		}
		for j := range buf {
			buf[j] = 0xAA // the runtime recycles buffers
		}
		if !reflect.DeepEqual(&got, want) {
			t.Fatalf("case %d: decoded value depends on the buffer or on old contents\n got: %+v\nwant: %+v", i, &got, want)
		}
	}
}

// TestTableCases pins named edge cases of the mapping.
func TestTableCases(t *testing.T) {
	zero := int32(0)
	cases := []struct {
		name string
		in   kitchen.Item
	}{
		{"zero value", kitchen.Item{}},
		{"present zero optional", kitchen.Item{Opt: &kitchen.Optionals{I32: &zero, S: ptr("")}}},
		{"empty optionals table", kitchen.Item{Opt: &kitchen.Optionals{}}},
		{"negative enum", kitchen.Item{Level: kitchen.LevelLow}},
		{"enum value outside the constants", kitchen.Item{Color: kitchen.Color(77)}},
		{"map with empty key", kitchen.Item{Attrs: map[string]string{"": "x", "a": ""}}},
		{"map of nil slices", kitchen.Item{ByColor: map[kitchen.Color][]string{kitchen.ColorRed: nil}}},
		{"unix epoch", kitchen.Item{Created: unixUTC(0, 0)}},
		{"before 1970", kitchen.Item{Created: unixUTC(-1, 999999999)}},
		{"self nesting", kitchen.Item{ID: "a", Parent: &kitchen.Item{ID: "b", Parent: &kitchen.Item{ID: "c"}}}},
	}
	b := flatbuffers.NewBuilder(0)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got kitchen.Item
			if err := kitchen.DecodeItem(encodeItem(b, &c.in), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.in) {
				t.Errorf("got %+v\nwant %+v", got, c.in)
			}
		})
	}
}

// TestFieldsNotOnTheWire: unexported fields and fields tagged "-" are
// neither encoded nor kept by Decode.
func TestFieldsNotOnTheWire(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	b.Finish(kitchen.EncodeRetired(b, &kitchen.Retired{Name: "n", Note: "x", Legacy: "gone"}))
	got := kitchen.Retired{Legacy: "old"}
	if err := kitchen.DecodeRetired(b.FinishedBytes(), &got); err != nil {
		t.Fatal(err)
	}
	if want := (kitchen.Retired{Name: "n", Note: "x"}); got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestNilEncodesEmpty: a nil message is sent as an empty table and
// decodes to the zero value.
func TestNilEncodesEmpty(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	got := kitchen.Query{Prefix: "x", Limit: 3}
	b.Finish(kitchen.EncodeQuery(b, nil))
	if err := kitchen.DecodeQuery(b.FinishedBytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got != (kitchen.Query{}) {
		t.Errorf("got %+v, want the zero Query", got)
	}
}

// TestDecodeRejectsGarbage: the exported decoder verifies first.
func TestDecodeRejectsGarbage(t *testing.T) {
	for _, buf := range [][]byte{nil, {1, 2, 3}, {0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0}} {
		var it kitchen.Item
		if err := kitchen.DecodeItem(buf, &it); err == nil {
			t.Errorf("DecodeItem(%x) accepted garbage", buf)
		}
	}
}

func unixUTC(sec, nsec int64) time.Time { return time.Unix(sec, nsec).UTC() }

// FuzzDecodeItem: no input makes DecodeItem panic, and whatever it accepts
// re-encodes deterministically: encoding what was decoded, decoding that
// and encoding again gives the same bytes (bytes, not values, because a
// fuzzed float may be NaN).
func FuzzDecodeItem(f *testing.F) {
	g := &gen{r: rand.New(rand.NewPCG(5, 6))}
	b := flatbuffers.NewBuilder(0)
	for range 8 {
		f.Add(append([]byte(nil), encodeItem(b, g.item())...))
	}
	f.Fuzz(func(t *testing.T, buf []byte) {
		b := flatbuffers.NewBuilder(0)
		var it kitchen.Item
		if err := kitchen.DecodeItem(buf, &it); err != nil {
			return
		}
		first := append([]byte(nil), encodeItem(b, &it)...)
		var again kitchen.Item
		if err := kitchen.DecodeItem(first, &again); err != nil {
			t.Fatalf("re-encoded value fails to decode: %v", err)
		}
		if second := encodeItem(b, &again); !bytes.Equal(first, second) {
			t.Fatalf("re-encoding changed the value")
		}
	})
}
