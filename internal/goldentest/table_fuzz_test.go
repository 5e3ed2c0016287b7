package goldentest

import (
	"math"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/scalars"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// FuzzTableRoundTrip writes arbitrary values through the generated
// builders and reads them back with the generated accessors: Plain (no
// defaults), Defaults (values equal to a default are not written and must
// still read back), Optionals (always present) and a Bag of strings and
// bytes. Seeds are in testdata/fuzz/FuzzTableRoundTrip.
func FuzzTableRoundTrip(f *testing.F) {
	f.Add(true, int8(-8), uint8(200), int16(-1600), uint16(60000), int32(-320000), uint32(4000000000),
		int64(math.MinInt64), uint64(math.MaxUint64), float32(3.5), -2.25e10, "text", []byte{1, 2})
	f.Add(false, int8(0), uint8(0), int16(0), uint16(0), int32(0), uint32(0), int64(0), uint64(0), float32(0), 0.0, "", []byte{})
	f.Fuzz(func(t *testing.T, b bool, i8 int8, u8 uint8, i16 int16, u16 uint16, i32 int32, u32 uint32,
		i64 int64, u64 uint64, f32 float32, f64 float64, s string, raw []byte) {
		bld := flatbuffers.NewBuilder(0)

		scalars.PlainStart(bld)
		scalars.PlainAddB(bld, b)
		scalars.PlainAddI8(bld, i8)
		scalars.PlainAddU8(bld, u8)
		scalars.PlainAddI16(bld, i16)
		scalars.PlainAddU16(bld, u16)
		scalars.PlainAddI32(bld, i32)
		scalars.PlainAddU32(bld, u32)
		scalars.PlainAddI64(bld, i64)
		scalars.PlainAddU64(bld, u64)
		scalars.PlainAddF32(bld, f32)
		scalars.PlainAddF64(bld, f64)
		bld.Finish(scalars.PlainEnd(bld))
		p := scalars.GetRootAsPlain(bld.FinishedBytes(), 0)
		if p.B() != b || p.I8() != i8 || p.U8() != u8 || p.I16() != i16 || p.U16() != u16 || p.I32() != i32 ||
			p.U32() != u32 || p.I64() != i64 || p.U64() != u64 || !sameF32(p.F32(), f32) || !sameF64(p.F64(), f64) {
			t.Fatal("Plain does not round-trip")
		}

		bld.Reset()
		scalars.DefaultsStart(bld)
		scalars.DefaultsAddB(bld, b)
		scalars.DefaultsAddI8(bld, i8)
		scalars.DefaultsAddU64(bld, u64)
		scalars.DefaultsAddPosInf(bld, f32)
		scalars.DefaultsAddNotANumber(bld, f32)
		scalars.DefaultsAddNegInf(bld, f64)
		scalars.DefaultsAddLevel(bld, scalars.Level(i8))
		bld.Finish(scalars.DefaultsEnd(bld))
		d := scalars.GetRootAsDefaults(bld.FinishedBytes(), 0)
		if d.B() != b || d.I8() != i8 || d.U64() != u64 || !sameF32(d.PosInf(), f32) || !sameF64(d.NegInf(), f64) ||
			d.Level() != scalars.Level(i8) || d.I16() != -1600 {
			t.Fatal("Defaults does not round-trip")
		}
		// A NaN default is never equal to the value, so any value is written.
		if !sameF32(d.NotANumber(), f32) {
			t.Fatalf("NotANumber() = %v, want %v", d.NotANumber(), f32)
		}

		bld.Reset()
		scalars.OptionalsStart(bld)
		scalars.OptionalsAddMaybeB(bld, b)
		scalars.OptionalsAddMaybeU64(bld, u64)
		scalars.OptionalsAddMaybeF64(bld, f64)
		bld.Finish(scalars.OptionalsEnd(bld))
		o := scalars.GetRootAsOptionals(bld.FinishedBytes(), 0)
		if o.MaybeB() == nil || *o.MaybeB() != b || o.MaybeU64() == nil || *o.MaybeU64() != u64 ||
			o.MaybeF64() == nil || !sameF64(*o.MaybeF64(), f64) || o.MaybeI32() != nil {
			t.Fatal("Optionals does not round-trip")
		}

		bld.Reset()
		str := bld.CreateString(s)
		byteVec := bld.CreateByteVector(raw)
		vectors.BagStart(bld)
		vectors.BagAddMust(bld, str)
		vectors.BagAddBytes(bld, byteVec)
		bld.Finish(vectors.BagEnd(bld))
		bag := vectors.GetRootAsBag(bld.FinishedBytes(), 0)
		if string(bag.Must()) != s || string(bag.BytesBytes()) != string(raw) || bag.BytesLength() != len(raw) {
			t.Fatal("Bag strings or bytes do not round-trip")
		}
	})
}

// sameF32 and sameF64 compare floats as the format keeps them: NaN reads
// back as NaN, and -0 equals a default of 0 (so it is not written, as in
// flatc).
func sameF32(a, b float32) bool { return a == b || math.IsNaN(float64(a)) && math.IsNaN(float64(b)) }
func sameF64(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
