package goldentest

import (
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/structs"
)

// gridArgs are the arguments of one CreateGrid call.
type gridArgs struct {
	cells                        [4]int32
	flags                        [3]bool
	axes                         [2]structs.Axis
	cornersX, cornersY, cornersZ [2]float32
	weights                      [2]float64
	id                           uint64
}

var testGrid = gridArgs{
	cells:    [4]int32{1, -2, 3, -4},
	flags:    [3]bool{true, false, true},
	axes:     [2]structs.Axis{structs.AxisZ, structs.AxisY},
	cornersX: [2]float32{1, 4},
	cornersY: [2]float32{2, 5},
	cornersZ: [2]float32{3, 6},
	weights:  [2]float64{0.25, -0.5},
	id:       1<<64 - 1,
}

// buildBody writes a Body with every struct field and both struct vectors.
func buildBody() []byte {
	b := flatbuffers.NewBuilder(0)
	g := testGrid
	structs.BodyStartGridsVector(b, 2)
	for i := 1; i >= 0; i-- {
		cells := g.cells
		cells[0] = int32(100 + i)
		structs.CreateGrid(b, cells, g.flags, g.axes, g.cornersX, g.cornersY, g.cornersZ, g.weights, uint64(i))
	}
	grids := b.EndVector(2)
	structs.BodyStartPathVector(b, 3)
	for i := 2; i >= 0; i-- {
		structs.CreateVec3(b, float32(i), float32(i*10), float32(i*100))
	}
	path := b.EndVector(3)

	structs.BodyStart(b)
	structs.BodyAddPlace(b, structs.CreatePlacement(b, 1, 2, 3, structs.AxisY, -7, 2.5, -300, 200))
	structs.BodyAddAligned(b, structs.CreateAligned(b, 4, 5, 6, 77))
	structs.BodyAddGrid(b, structs.CreateGrid(b, g.cells, g.flags, g.axes, g.cornersX, g.cornersY, g.cornersZ, g.weights, g.id))
	structs.BodyAddOuter(b, structs.CreateOuter(b, g.cells, g.flags, g.axes, g.cornersX, g.cornersY, g.cornersZ, g.weights, 5, -9))
	structs.BodyAddPath(b, path)
	structs.BodyAddGrids(b, grids)
	structs.BodyAddStack(b, createStack(b))
	b.Finish(structs.BodyEnd(b))
	return b.FinishedBytes()
}

// createStack writes a Stack: layer i is testGrid with cells[0] = 10*i and
// id = i, flattened into CreateStack's per-leaf arrays of arrays.
func createStack(b *flatbuffers.Builder) flatbuffers.UOffsetT {
	var (
		cells      [2][4]int32
		flags      [2][3]bool
		axes       [2][2]structs.Axis
		cx, cy, cz [2][2]float32
		weights    [2][2]float64
		ids        [2]uint64
	)
	for i := 0; i < 2; i++ {
		g := testGrid
		cells[i], flags[i], axes[i] = g.cells, g.flags, g.axes
		cells[i][0] = int32(10 * i)
		cx[i], cy[i], cz[i], weights[i] = g.cornersX, g.cornersY, g.cornersZ, g.weights
		cz[i][1] = float32(i)
		ids[i] = uint64(i)
	}
	return structs.CreateStack(b, cells, flags, axes, cx, cy, cz, weights, ids, -3)
}

func TestStructNestedAndPadded(t *testing.T) {
	body := structs.GetRootAsBody(buildBody(), 0)
	p := body.Place(nil)
	if p == nil {
		t.Fatal("Place(nil) = nil")
	}
	pos := p.Pos(nil)
	pad := p.Pad(nil)
	tests := []struct {
		name      string
		got, want any
	}{
		{"pos.x", pos.X(), float32(1)},
		{"pos.y", pos.Y(), float32(2)},
		{"pos.z", pos.Z(), float32(3)},
		{"axis", p.Axis(), structs.AxisY},
		{"pad.a", pad.A(), int8(-7)},
		{"pad.b", pad.B(), 2.5},
		{"pad.c", pad.C(), int16(-300)},
		{"tag", p.Tag(), byte(200)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}

	// The layout is the schema's: Padded.b sits at byte 8 of Padded, which
	// starts at byte 16 of Placement; tag is at byte 40.
	tab := p.Table()
	if got := tab.GetFloat64(tab.Pos + 16 + 8); got != 2.5 {
		t.Errorf("byte 24 of Placement holds %v, want pad.b", got)
	}
	if got := tab.GetByte(tab.Pos + 40); got != 200 {
		t.Errorf("byte 40 of Placement holds %v, want tag", got)
	}

	// A reused accessor object is filled in place.
	var v structs.Vec3
	if got := p.Pos(&v); got != &v || v.Z() != 3 {
		t.Error("Pos(&v) does not fill v")
	}

	// Mutation through nested accessors.
	if !pad.MutateC(12) || p.Pad(nil).C() != 12 {
		t.Error("MutateC on a nested struct failed")
	}
	if !p.MutateAxis(structs.AxisX) || p.Axis() != structs.AxisX {
		t.Error("MutateAxis failed")
	}
	if !pos.MutateY(-1.5) || body.Place(nil).Pos(nil).Y() != -1.5 {
		t.Error("MutateY failed")
	}
}

func TestStructForceAlign(t *testing.T) {
	buf := buildBody()
	a := structs.GetRootAsBody(buf, 0).Aligned(nil)
	if a.W() != 77 || a.V(nil).X() != 4 || a.V(nil).Z() != 6 {
		t.Errorf("Aligned = (%v, %v)", a.V(nil).X(), a.W())
	}
	// force_align: 16 aligns the struct to 16 bytes counted from the end
	// of the buffer, which the builder keeps aligned to the largest
	// alignment used.
	if pos := a.Table().Pos; (len(buf)-int(pos))%16 != 0 {
		t.Errorf("Aligned at %d: %d bytes before the end, not a multiple of 16", pos, len(buf)-int(pos))
	}
}

func TestStructArrays(t *testing.T) {
	body := structs.GetRootAsBody(buildBody(), 0)
	g := body.Grid(nil)
	want := testGrid
	if g.CellsLength() != 4 || g.FlagsLength() != 3 || g.AxesLength() != 2 || g.CornersLength() != 2 || g.WeightsLength() != 2 {
		t.Fatal("array lengths differ from the schema")
	}
	for j := 0; j < 4; j++ {
		if g.Cells(j) != want.cells[j] {
			t.Errorf("Cells(%d) = %d, want %d", j, g.Cells(j), want.cells[j])
		}
	}
	for j := 0; j < 3; j++ {
		if g.Flags(j) != want.flags[j] {
			t.Errorf("Flags(%d) = %v", j, g.Flags(j))
		}
	}
	for j := 0; j < 2; j++ {
		if g.Axes(j) != want.axes[j] {
			t.Errorf("Axes(%d) = %v", j, g.Axes(j))
		}
		c := g.Corners(nil, j)
		if c.X() != want.cornersX[j] || c.Y() != want.cornersY[j] || c.Z() != want.cornersZ[j] {
			t.Errorf("Corners(%d) = (%v, %v, %v)", j, c.X(), c.Y(), c.Z())
		}
		if g.Weights(j) != want.weights[j] {
			t.Errorf("Weights(%d) = %v", j, g.Weights(j))
		}
	}
	if g.Id() != want.id {
		t.Errorf("Id() = %d", g.Id())
	}

	t.Run("out of range", func(t *testing.T) {
		for _, j := range []int{-1, 4, 1 << 30} {
			if g.Cells(j) != 0 || g.MutateCells(j, 1) {
				t.Errorf("Cells(%d) is readable or writable", j)
			}
		}
		if g.Flags(3) || g.Axes(2) != 0 || g.Weights(-1) != 0 || g.Corners(nil, 2) != nil || g.Corners(nil, -1) != nil {
			t.Error("an out-of-range element is readable")
		}
	})

	t.Run("mutate", func(t *testing.T) {
		if !g.MutateCells(3, 44) || g.Cells(3) != 44 || g.Cells(2) != want.cells[2] {
			t.Error("MutateCells(3) failed or touched a neighbour")
		}
		if !g.MutateFlags(1, true) || !g.Flags(1) {
			t.Error("MutateFlags failed")
		}
		if !g.MutateAxes(0, structs.AxisX) || g.Axes(0) != structs.AxisX || g.Axes(1) != want.axes[1] {
			t.Error("MutateAxes failed")
		}
		var c structs.Vec3
		if g.Corners(&c, 1) != &c || !c.MutateX(-8) || g.Corners(nil, 1).X() != -8 {
			t.Error("mutating a struct array element failed")
		}
		if !g.MutateWeights(1, 9) || g.Weights(1) != 9 || g.Id() != want.id {
			t.Error("MutateWeights failed or touched id")
		}
	})
}

func TestStructArraysNested(t *testing.T) {
	body := structs.GetRootAsBody(buildBody(), 0)
	o := body.Outer(nil)
	if o.N() != -9 {
		t.Errorf("N() = %d", o.N())
	}
	g := o.Grid(nil)
	if g.Id() != 5 || g.Cells(1) != testGrid.cells[1] || g.Corners(nil, 1).Z() != testGrid.cornersZ[1] || g.Weights(0) != testGrid.weights[0] {
		t.Error("Outer.Grid does not read back")
	}
}

func TestStructArrayOfStructsWithArrays(t *testing.T) {
	st := structs.GetRootAsBody(buildBody(), 0).Stack(nil)
	if st == nil || st.LayersLength() != 2 || st.Depth() != -3 {
		t.Fatal("Stack does not read back")
	}
	var g structs.Grid
	for i := 0; i < 2; i++ {
		if st.Layers(&g, i) != &g {
			t.Fatalf("Layers(%d) did not fill g", i)
		}
		if g.Cells(0) != int32(10*i) || g.Cells(3) != testGrid.cells[3] || g.Id() != uint64(i) {
			t.Errorf("layer %d: cells %d..%d, id %d", i, g.Cells(0), g.Cells(3), g.Id())
		}
		if g.Flags(2) != testGrid.flags[2] || g.Axes(1) != testGrid.axes[1] || g.Weights(1) != testGrid.weights[1] {
			t.Errorf("layer %d: flags, axes or weights differ", i)
		}
		if c := g.Corners(nil, 1); c.X() != testGrid.cornersX[1] || c.Z() != float32(i) {
			t.Errorf("layer %d: corner 1 = (%v, %v)", i, c.X(), c.Z())
		}
	}
	if st.Layers(&g, 2) != nil {
		t.Error("Layers(2) is readable")
	}
}

func TestStructVectors(t *testing.T) {
	body := structs.GetRootAsBody(buildBody(), 0)
	if body.PathLength() != 3 {
		t.Fatalf("PathLength() = %d", body.PathLength())
	}
	var v structs.Vec3
	for j := 0; j < 3; j++ {
		if !body.Path(&v, j) || v.X() != float32(j) || v.Y() != float32(j*10) || v.Z() != float32(j*100) {
			t.Errorf("Path(%d) = (%v, %v, %v)", j, v.X(), v.Y(), v.Z())
		}
	}
	if body.GridsLength() != 2 {
		t.Fatalf("GridsLength() = %d", body.GridsLength())
	}
	var g structs.Grid
	for j := 0; j < 2; j++ {
		if !body.Grids(&g, j) || g.Cells(0) != int32(100+j) || g.Id() != uint64(j) || g.Axes(0) != testGrid.axes[0] {
			t.Errorf("Grids(%d) = cells[0] %d, id %d", j, g.Cells(0), g.Id())
		}
	}

	// Absent struct fields read as nil.
	b := flatbuffers.NewBuilder(0)
	structs.BodyStart(b)
	b.Finish(structs.BodyEnd(b))
	empty := structs.GetRootAsBody(b.FinishedBytes(), 0)
	if empty.Place(nil) != nil || empty.Grid(nil) != nil || empty.PathLength() != 0 || empty.Path(&v, 0) {
		t.Error("absent struct fields do not read as absent")
	}
}

func TestStructCreateMatchesLayout(t *testing.T) {
	// CreateX writes exactly the struct's size, so a vector of structs has
	// elements Size bytes apart.
	tests := []struct {
		name   string
		size   int
		create func(b *flatbuffers.Builder)
	}{
		{"Vec3", 12, func(b *flatbuffers.Builder) { structs.CreateVec3(b, 1, 2, 3) }},
		{"Padded", 24, func(b *flatbuffers.Builder) { structs.CreatePadded(b, 1, 2, 3) }},
		{"Placement", 48, func(b *flatbuffers.Builder) { structs.CreatePlacement(b, 1, 2, 3, 1, 1, 2, 3, 4) }},
		{"Aligned", 16, func(b *flatbuffers.Builder) { structs.CreateAligned(b, 1, 2, 3, 4) }},
		{"Grid", 72, func(b *flatbuffers.Builder) {
			g := testGrid
			structs.CreateGrid(b, g.cells, g.flags, g.axes, g.cornersX, g.cornersY, g.cornersZ, g.weights, g.id)
		}},
		{"Stack", 152, func(b *flatbuffers.Builder) { createStack(b) }},
		{"Outer", 80, func(b *flatbuffers.Builder) {
			g := testGrid
			structs.CreateOuter(b, g.cells, g.flags, g.axes, g.cornersX, g.cornersY, g.cornersZ, g.weights, g.id, 1)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := flatbuffers.NewBuilder(0)
			b.Prep(16, 0) // start aligned, as inside a vector
			before := b.Offset()
			tc.create(b)
			if got := int(b.Offset() - before); got != tc.size {
				t.Errorf("Create%s wrote %d bytes, want %d", tc.name, got, tc.size)
			}
		})
	}
}
