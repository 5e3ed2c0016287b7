package goldentest

// Round trips through the object API of every golden package: an object is
// packed, the bytes are read back with GetRootAs, unpacked, and compared
// with what went in. The object API is emitted by templates/object*.go.

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"
	_ "github.com/wsgen/wsgen/internal/golden"

	"github.com/wsgen/wsgen/testdata/golden/enums"
	"github.com/wsgen/wsgen/testdata/golden/namespaces"
	"github.com/wsgen/wsgen/testdata/golden/scalars"
	"github.com/wsgen/wsgen/testdata/golden/service"
)

// objPacker is what every object type (XT, ST, UT) implements.
type objPacker interface {
	Pack(builder *flatbuffers.Builder) flatbuffers.UOffsetT
}

// objPack packs p as the root of a finished buffer.
func objPack(p objPacker) []byte {
	b := flatbuffers.NewBuilder(0)
	b.Finish(p.Pack(b))
	return b.FinishedBytes()
}

// objDump renders v for failure messages.
func objDump(v any) string {
	if j, err := json.MarshalIndent(v, "", "  "); err == nil {
		return string(j)
	}
	return fmt.Sprintf("%+v", v)
}

// objEqual fails t when got and want differ.
func objEqual(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs\n got: %s\nwant: %s", objDump(got), objDump(want))
	}
}

func objPtr[T any](v T) *T { return &v }

func TestObjectScalars(t *testing.T) {
	tests := []struct {
		name string
		in   *scalars.PlainT
	}{
		{"zero", &scalars.PlainT{}},
		{"max", &scalars.PlainT{
			B: true, I8: math.MaxInt8, U8: math.MaxUint8, I16: math.MaxInt16, U16: math.MaxUint16,
			I32: math.MaxInt32, U32: math.MaxUint32, I64: math.MaxInt64, U64: math.MaxUint64,
			F32: math.MaxFloat32, F64: math.MaxFloat64,
			A8: math.MaxInt8, Au8: math.MaxUint8, A16: math.MaxInt16, Au16: math.MaxUint16,
			A32: math.MaxInt32, Au32: math.MaxUint32, A64: math.MaxInt64, Au64: math.MaxUint64,
			Af32: math.SmallestNonzeroFloat32, Af64: math.SmallestNonzeroFloat64,
		}},
		{"min", &scalars.PlainT{
			I8: math.MinInt8, I16: math.MinInt16, I32: math.MinInt32, I64: math.MinInt64,
			F32: -math.MaxFloat32, F64: float64(math.Inf(-1)),
			A8: math.MinInt8, A16: math.MinInt16, A32: math.MinInt32, A64: math.MinInt64,
			Af32: float32(math.Inf(1)), Af64: -math.SmallestNonzeroFloat64,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := scalars.GetRootAsPlain(objPack(tc.in), 0).UnPack()
			objEqual(t, got, tc.in)
		})
	}
}

func TestObjectDefaults(t *testing.T) {
	// An empty table unpacks to the schema's defaults.
	b := flatbuffers.NewBuilder(0)
	scalars.DefaultsStart(b)
	b.Finish(scalars.DefaultsEnd(b))
	got := scalars.GetRootAsDefaults(b.FinishedBytes(), 0).UnPack()
	if !math.IsNaN(float64(got.NotANumber)) {
		t.Errorf("NotANumber = %v, want NaN", got.NotANumber)
	}
	got.NotANumber = 0
	want := &scalars.DefaultsT{
		B: true, I8: -8, U8: 200, I16: -1600, U16: 60000, I32: -320000, U32: 4000000000,
		I64: math.MinInt64, U64: math.MaxUint64, Hex: 0x7f, F32: 3.5, F64: -2.25e10,
		PosInf: float32(math.Inf(1)), NegInf: math.Inf(-1), PlusInf: math.Inf(1),
		Level: scalars.LevelHigh, LevelNeg: scalars.LevelLow, LevelZero: scalars.LevelMid,
	}
	objEqual(t, got, want)

	// Values equal to a default are left out of the buffer and still read
	// back; zeros differ from the defaults and are written.
	for _, in := range []*scalars.DefaultsT{want, {}} {
		in := *in
		in.NotANumber = 1.5
		out := scalars.GetRootAsDefaults(objPack(&in), 0).UnPack()
		objEqual(t, out, &in)
	}
}

func TestObjectOptionals(t *testing.T) {
	tests := []struct {
		name string
		in   *scalars.OptionalsT
	}{
		{"all nil", &scalars.OptionalsT{}},
		{"zeros are not nil", &scalars.OptionalsT{
			MaybeB: objPtr(false), MaybeI8: objPtr[int8](0), MaybeU16: objPtr[uint16](0),
			MaybeI32: objPtr[int32](0), MaybeU64: objPtr[uint64](0), MaybeF32: objPtr[float32](0),
			MaybeF64: objPtr(0.0), MaybeLevel: objPtr(scalars.LevelMid), Always: 7,
		}},
		{"set", &scalars.OptionalsT{
			MaybeB: objPtr(true), MaybeI8: objPtr[int8](-5), MaybeU16: objPtr[uint16](65535),
			MaybeI32: objPtr[int32](math.MinInt32), MaybeU64: objPtr[uint64](math.MaxUint64),
			MaybeF32: objPtr[float32](-1.25), MaybeF64: objPtr(1e300),
			MaybeLevel: objPtr(scalars.LevelLow), Always: -1,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := scalars.GetRootAsOptionals(objPack(tc.in), 0).UnPack()
			objEqual(t, got, tc.in)
		})
	}
}

func TestObjectDeprecatedAndKeywords(t *testing.T) {
	typ := reflect.TypeOf(scalars.ReadingT{})
	if _, ok := typ.FieldByName("OldValue"); ok {
		t.Errorf("ReadingT has the deprecated field OldValue")
	}
	if typ.NumField() != 6 {
		t.Errorf("ReadingT has %d fields, want 6 (the non-deprecated ones)", typ.NumField())
	}
	in := &scalars.ReadingT{Value: 2.5, Type: -3, Func: true, Range: 250, Map: -300, SelectCase: 1 << 31}
	buf := objPack(in)
	objEqual(t, scalars.GetRootAsReading(buf, 0).UnPack(), in)
	// The ids are explicit and out of declaration order; the deprecated
	// slot 0 stays empty.
	r := scalars.GetRootAsReading(buf, 0)
	if tab := r.Table(); tab.Offset(4) != 0 {
		t.Errorf("deprecated field old_value (slot 0) is present")
	}
}

func TestObjectEnums(t *testing.T) {
	tests := []struct {
		name string
		in   *enums.PaletteT
	}{
		{"zero", &enums.PaletteT{}},
		{"extremes", &enums.PaletteT{
			Tiny: enums.TinyNeg, Color: enums.ColorGreen, S16: enums.Short16C, U16: enums.UShort16X,
			I32: enums.Int32Max, U32: enums.UInt32Lo, I64: enums.Long64Big, U64: enums.ULong64None,
			Perm: enums.PermRead | enums.PermExec, NoPerm: enums.PermWrite, Wide: enums.WideLow | enums.WideHigh,
			Colors: []enums.Color{enums.ColorRed, enums.ColorBlue, 77},
			Perms:  []enums.Perm{enums.PermRead | enums.PermWrite | enums.PermExec, 0},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := enums.GetRootAsPalette(objPack(tc.in), 0).UnPack()
			want := *tc.in
			// flatc's UnPack makes an empty slice for an absent vector.
			if want.Colors == nil {
				want.Colors = []enums.Color{}
			}
			if want.Perms == nil {
				want.Perms = []enums.Perm{}
			}
			objEqual(t, got, &want)
		})
	}
}

func TestObjectService(t *testing.T) {
	in := &service.PingT{Seq: math.MaxUint64, Body: "héllo\x00world"}
	objEqual(t, service.GetRootAsPing(objPack(in), 0).UnPack(), in)
	out := &service.PongT{Seq: 1}
	objEqual(t, service.GetRootAsPong(objPack(out), 0).UnPack(), out)
}

func TestObjectNamespaces(t *testing.T) {
	geo := &namespaces.Corpus_Geo_ItemT{
		Shape:  namespaces.Corpus_Geo_ShapeTriangle,
		At:     &namespaces.PointT{X: -1, Y: 2},
		Common: &namespaces.Corpus_Common_ItemT{Shape: namespaces.Corpus_Common_ShapeCircle, Name: "c"},
	}
	region := &namespaces.RegionT{
		GeoItems:    []*namespaces.Corpus_Geo_ItemT{geo, {Shape: namespaces.Corpus_Geo_ShapeHexagon}},
		CommonItems: []*namespaces.Corpus_Common_ItemT{{Name: "x", Shape: namespaces.Corpus_Common_ShapeSquare}},
		Shape:       namespaces.Corpus_Geo_ShapeHexagon,
		OtherShape:  namespaces.Corpus_Common_ShapeSquare,
		Origin:      &namespaces.PointT{X: 3, Y: 4},
	}
	in := &namespaces.MapT{Zones: []*namespaces.ZoneT{
		{Region: region, Item: geo},
		{},
	}}
	got := namespaces.GetRootAsMap(objPack(in), 0).UnPack()
	// Absent vectors unpack as empty slices, absent tables and structs as nil.
	want := &namespaces.MapT{Zones: []*namespaces.ZoneT{
		{Region: region, Item: geo},
		{},
	}}
	want.Zones[0].Region.GeoItems[1].Common = nil
	objEqual(t, got, want)
}

func objDeepEqual(a, b any) bool { return reflect.DeepEqual(a, b) }

// objCount counts the occurrences of s in buf.
func objCount(buf []byte, s string) int {
	n := 0
	for i := 0; i+len(s) <= len(buf); i++ {
		if string(buf[i:i+len(s)]) == s {
			n++
		}
	}
	return n
}
