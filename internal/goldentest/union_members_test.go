package goldentest

import (
	"reflect"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	um "github.com/wsgen/wsgen/testdata/golden/unionmembers"
)

// canvasObject holds every kind of union member: a table, a struct (two
// names for it), an 8-byte-aligned struct with padding, and a string.
func canvasObject() *um.CanvasT {
	return &um.CanvasT{
		Title: "sketch",
		Main:  &um.ShapeT{Type: um.ShapePoint, Value: &um.PointT{X: 1, Y: -2, Z: 3.5}},
		Spare: &um.ShapeT{Type: um.ShapeNote, Value: "remember"},
		Shapes: []*um.ShapeT{
			{Type: um.ShapeWide, Value: &um.WideT{Tag: -3, Big: 1 << 40}},
			{Type: um.ShapeMarker, Value: &um.MarkerT{Label: "here", Weight: 9}},
			{Type: um.ShapeNote, Value: ""},
			{Type: um.ShapeOrigin, Value: &um.PointT{}},
			{Type: um.ShapeNote, Value: "last"},
		},
	}
}

// buildCanvas writes the same Canvas as canvasObject with the builder API:
// struct and string members are created before the table, like sub-tables.
func buildCanvas() []byte {
	b := flatbuffers.NewBuilder(0)
	title := b.CreateString("sketch")
	note := b.CreateString("remember")
	mlabel := b.CreateString("here")
	um.MarkerStart(b)
	um.MarkerAddLabel(b, mlabel)
	um.MarkerAddWeight(b, 9)
	marker := um.MarkerEnd(b)
	empty := b.CreateString("")
	last := b.CreateString("last")
	items := []flatbuffers.UOffsetT{um.CreateWide(b, -3, 1<<40), marker, empty, um.CreatePoint(b, 0, 0, 0), last}
	types := []um.Shape{um.ShapeWide, um.ShapeMarker, um.ShapeNote, um.ShapeOrigin, um.ShapeNote}
	um.CanvasStartShapesTypeVector(b, len(types))
	for i := len(types) - 1; i >= 0; i-- {
		b.PrependByte(byte(types[i]))
	}
	shapesType := b.EndVector(len(types))
	um.CanvasStartShapesVector(b, len(items))
	for i := len(items) - 1; i >= 0; i-- {
		b.PrependUOffsetT(items[i])
	}
	shapes := b.EndVector(len(items))
	point := um.CreatePoint(b, 1, -2, 3.5)
	um.CanvasStart(b)
	um.CanvasAddTitle(b, title)
	um.CanvasAddMainType(b, um.ShapePoint)
	um.CanvasAddMain(b, point)
	um.CanvasAddSpareType(b, um.ShapeNote)
	um.CanvasAddSpare(b, note)
	um.CanvasAddShapesType(b, shapesType)
	um.CanvasAddShapes(b, shapes)
	um.FinishCanvasBuffer(b, um.CanvasEnd(b))
	return b.FinishedBytes()
}

func packCanvas(o *um.CanvasT) []byte {
	b := flatbuffers.NewBuilder(0)
	um.FinishCanvasBuffer(b, o.Pack(b))
	return b.FinishedBytes()
}

func TestUnionMembersRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		buf  []byte
	}{
		{name: "object API", buf: packCanvas(canvasObject())},
		{name: "builder API", buf: buildCanvas()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := um.VerifyCanvasBuffer(tc.buf); err != nil {
				t.Fatalf("verifier rejects the buffer: %v", err)
			}
			c := um.GetRootAsCanvas(tc.buf, 0)
			if p := c.MainAsPoint(nil); p == nil || p.X() != 1 || p.Y() != -2 || p.Z() != 3.5 {
				t.Errorf("MainAsPoint = %v", p)
			}
			// The discriminant decides: the other accessors give nil.
			if c.MainAsOrigin(nil) != nil || c.MainAsWide(nil) != nil || c.MainAsNote() != nil {
				t.Error("Main read as a member other than Point")
			}
			if got := string(c.SpareAsNote()); got != "remember" {
				t.Errorf("SpareAsNote = %q", got)
			}
			if c.SpareAsPoint(nil) != nil {
				t.Error("Spare read as a Point")
			}
			// flatc's API works for every member: F fills a Table at the
			// member's bytes.
			var tab flatbuffers.Table
			if !c.Main(&tab) {
				t.Fatal("Main absent")
			}
			var p um.Point
			p.Init(tab.Bytes, tab.Pos)
			if p.Z() != 3.5 {
				t.Errorf("Point through Main(&t): z = %v", p.Z())
			}
			if n := c.ShapesLength(); n != 5 {
				t.Fatalf("ShapesLength = %d", n)
			}
			var w um.Wide
			if c.ShapesAsWide(&w, 0) != &w || w.Tag() != -3 || w.Big() != 1<<40 {
				t.Errorf("ShapesAsWide(0) = %d, %d", w.Tag(), w.Big())
			}
			var m um.Marker
			if !c.Shapes(&tab, 1) {
				t.Fatal("Shapes(1) absent")
			}
			m.Init(tab.Bytes, tab.Pos)
			if string(m.Label()) != "here" || m.Weight() != 9 {
				t.Errorf("Shapes(1) marker = %q, %d", m.Label(), m.Weight())
			}
			if s := c.ShapesAsNote(2); s == nil || len(s) != 0 {
				t.Errorf("ShapesAsNote(2) = %q (nil: %v), want empty and not nil", s, s == nil)
			}
			if o := c.ShapesAsOrigin(nil, 3); o == nil || o.X() != 0 {
				t.Errorf("ShapesAsOrigin(3) = %v", o)
			}
			if c.ShapesAsPoint(nil, 3) != nil {
				t.Error("Origin read as Point")
			}
			if got := string(c.ShapesAsNote(4)); got != "last" {
				t.Errorf("ShapesAsNote(4) = %q", got)
			}
			if got, want := c.UnPack(), canvasObject(); !reflect.DeepEqual(got, want) {
				t.Errorf("UnPack:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestUnionMembersVerifier: every truncation and every single-byte change
// of a buffer with struct and string members is either rejected by the
// verifier or read in full (accessors and UnPack) without a panic.
func TestUnionMembersVerifier(t *testing.T) {
	buf := packCanvas(canvasObject())
	readAll := func(b []byte) {
		c := um.GetRootAsCanvas(b, 0)
		c.MainAsPoint(nil)
		c.MainAsWide(nil)
		c.MainAsNote()
		c.SpareAsNote()
		for j := 0; j < c.ShapesLength(); j++ {
			c.ShapesAsWide(nil, j)
			c.ShapesAsNote(j)
			c.ShapesAsOrigin(nil, j)
		}
		c.UnPack()
	}
	check := func(name string, b []byte) {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%s: verified, then panicked: %v", name, r)
			}
		}()
		if um.VerifyCanvasBuffer(b) == nil {
			readAll(b)
		}
	}
	for n := 0; n < len(buf); n++ {
		check("truncated", buf[:n])
	}
	for i := range buf {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			b := append([]byte(nil), buf...)
			b[i] ^= x
			check("flipped", b)
		}
	}
	// A string member whose length runs past the end is rejected.
	b := flatbuffers.NewBuilder(0)
	s := b.CreateString("abcdef")
	um.CanvasStart(b)
	um.CanvasAddMainType(b, um.ShapeNote)
	um.CanvasAddMain(b, s)
	um.FinishCanvasBuffer(b, um.CanvasEnd(b))
	bad := b.FinishedBytes()
	good := append([]byte(nil), bad...)
	if err := um.VerifyCanvasBuffer(good); err != nil {
		t.Fatalf("valid string member rejected: %v", err)
	}
	// Retyping the 6-byte string as a 16-byte Wide runs past the end.
	c := um.GetRootAsCanvas(bad, 0)
	if !c.MutateMainType(um.ShapeWide) {
		t.Fatal("MutateMainType failed")
	}
	if err := um.VerifyCanvasBuffer(bad); err == nil {
		t.Error("verifier accepts a string retyped as a Wide struct running past the end")
	}
}
