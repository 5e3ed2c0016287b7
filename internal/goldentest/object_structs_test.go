package goldentest

import (
	"math"
	"testing"

	"github.com/wsgen/wsgen/testdata/golden/structs"
)

func objFullBody() *structs.BodyT {
	grid := func(k int32) *structs.GridT {
		return &structs.GridT{
			Cells:   [4]int32{k, -k, math.MaxInt32, math.MinInt32},
			Flags:   [3]bool{true, false, true},
			Axes:    [2]structs.Axis{structs.AxisZ, structs.AxisY},
			Corners: [2]*structs.Vec3T{{X: 1, Y: 2, Z: 3}, {X: -1, Y: float32(k), Z: 0.5}},
			Weights: [2]float64{math.MaxFloat64, -1e-300},
			Id:      math.MaxUint64 - uint64(k),
		}
	}
	return &structs.BodyT{
		Place: &structs.PlacementT{
			Pos:  &structs.Vec3T{X: 1.5, Y: -2.5, Z: 3},
			Axis: structs.AxisY,
			Pad:  &structs.PaddedT{A: -8, B: math.Pi, C: math.MinInt16},
			Tag:  255,
		},
		Aligned: &structs.AlignedT{V: &structs.Vec3T{X: 9}, W: -7},
		Grid:    grid(1),
		Outer:   &structs.OuterT{Grid: grid(2), N: math.MinInt8},
		Path:    []*structs.Vec3T{{X: 1}, {Y: 2}, {Z: 3}},
		Grids:   []*structs.GridT{grid(3), grid(4)},
		Stack:   &structs.StackT{Layers: [2]*structs.GridT{grid(5), grid(6)}, Depth: -2},
	}
}

func TestObjectStructs(t *testing.T) {
	tests := []struct {
		name string
		in   *structs.BodyT
		want *structs.BodyT
	}{
		{name: "full", in: objFullBody()},
		{
			name: "absent",
			in:   &structs.BodyT{},
			want: &structs.BodyT{Path: []*structs.Vec3T{}, Grids: []*structs.GridT{}},
		},
		{
			// nil nested structs (flatc would dereference them) are written
			// as zeros, and unpack as zero structs.
			name: "nil nested",
			in: &structs.BodyT{
				Place: &structs.PlacementT{Axis: structs.AxisZ},
				Outer: &structs.OuterT{N: 3},
				Grid:  &structs.GridT{Corners: [2]*structs.Vec3T{nil, {X: 4}}},
				Path:  []*structs.Vec3T{},
				Grids: []*structs.GridT{{}},
				Stack: &structs.StackT{Layers: [2]*structs.GridT{{Corners: [2]*structs.Vec3T{{Z: 1}, nil}}, nil}},
			},
			want: &structs.BodyT{
				Place: &structs.PlacementT{Pos: &structs.Vec3T{}, Axis: structs.AxisZ, Pad: &structs.PaddedT{}},
				Outer: &structs.OuterT{N: 3, Grid: &structs.GridT{Corners: [2]*structs.Vec3T{{}, {}}}},
				Grid:  &structs.GridT{Corners: [2]*structs.Vec3T{{}, {X: 4}}},
				Path:  []*structs.Vec3T{},
				Grids: []*structs.GridT{{Corners: [2]*structs.Vec3T{{}, {}}}},
				Stack: &structs.StackT{Layers: [2]*structs.GridT{
					{Corners: [2]*structs.Vec3T{{Z: 1}, {}}},
					{Corners: [2]*structs.Vec3T{{}, {}}},
				}},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if want == nil {
				want = tc.in
			}
			got := structs.GetRootAsBody(objPack(tc.in), 0).UnPack()
			objEqual(t, got, want)
		})
	}
}

func TestObjectStructLayout(t *testing.T) {
	// The packed bytes match the accessors field by field, padding and
	// force_align included.
	in := objFullBody()
	body := structs.GetRootAsBody(objPack(in), 0)
	if got := body.Place(nil).Pad(nil).B(); got != math.Pi {
		t.Errorf("Place.Pad.B = %v", got)
	}
	if got := body.Outer(nil).Grid(nil).Corners(nil, 1).Y(); got != 2 {
		t.Errorf("Outer.Grid.Corners[1].Y = %v", got)
	}
	if got := body.Stack(nil).Layers(nil, 1).Corners(nil, 0).Z(); got != 3 {
		t.Errorf("Stack.Layers[1].Corners[0].Z = %v", got)
	}
	var g structs.Grid
	if !body.Grids(&g, 1) || g.Cells(1) != -4 || g.Id() != math.MaxUint64-4 {
		t.Errorf("Grids[1] = cells[1] %d, id %d", g.Cells(1), g.Id())
	}
	tab := body.Table()
	o := tab.Offset(6) // aligned, force_align 16
	if o == 0 || (len(tab.Bytes)-int(tab.Pos)-int(o))%16 != 0 {
		t.Errorf("aligned is not 16-byte aligned from the end of the buffer")
	}
}
