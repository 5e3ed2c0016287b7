package goldentest

import (
	"math"
	"reflect"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/testdata/golden/scalars"
)

// buildPlain writes a Plain with every field set.
func buildPlain(b *flatbuffers.Builder) []byte {
	scalars.PlainStart(b)
	scalars.PlainAddB(b, true)
	scalars.PlainAddI8(b, -5)
	scalars.PlainAddU8(b, 250)
	scalars.PlainAddI16(b, -30000)
	scalars.PlainAddU16(b, 65000)
	scalars.PlainAddI32(b, math.MinInt32)
	scalars.PlainAddU32(b, math.MaxUint32)
	scalars.PlainAddI64(b, math.MinInt64)
	scalars.PlainAddU64(b, math.MaxUint64)
	scalars.PlainAddF32(b, 1.5)
	scalars.PlainAddF64(b, -0.125)
	scalars.PlainAddA8(b, 8)
	scalars.PlainAddAu8(b, 9)
	scalars.PlainAddA16(b, 16)
	scalars.PlainAddAu16(b, 17)
	scalars.PlainAddA32(b, 32)
	scalars.PlainAddAu32(b, 33)
	scalars.PlainAddA64(b, 64)
	scalars.PlainAddAu64(b, 65)
	scalars.PlainAddAf32(b, 3.25)
	scalars.PlainAddAf64(b, 6.5)
	scalars.FinishPlainBuffer(b, scalars.PlainEnd(b))
	return b.FinishedBytes()
}

func TestTableEveryScalar(t *testing.T) {
	p := scalars.GetRootAsPlain(buildPlain(flatbuffers.NewBuilder(0)), 0)
	tests := []struct {
		name      string
		got, want any
	}{
		{"bool", p.B(), true},
		{"byte", p.I8(), int8(-5)},
		{"ubyte", p.U8(), byte(250)},
		{"short", p.I16(), int16(-30000)},
		{"ushort", p.U16(), uint16(65000)},
		{"int", p.I32(), int32(math.MinInt32)},
		{"uint", p.U32(), uint32(math.MaxUint32)},
		{"long", p.I64(), int64(math.MinInt64)},
		{"ulong", p.U64(), uint64(math.MaxUint64)},
		{"float", p.F32(), float32(1.5)},
		{"double", p.F64(), -0.125},
		{"int8", p.A8(), int8(8)},
		{"uint8", p.Au8(), byte(9)},
		{"int16", p.A16(), int16(16)},
		{"uint16", p.Au16(), uint16(17)},
		{"int32", p.A32(), int32(32)},
		{"uint32", p.Au32(), uint32(33)},
		{"int64", p.A64(), int64(64)},
		{"uint64", p.Au64(), uint64(65)},
		{"float32", p.Af32(), float32(3.25)},
		{"float64", p.Af64(), 6.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v (%T), want %v (%T)", tc.got, tc.got, tc.want, tc.want)
			}
		})
	}
}

func TestTableZeroWhenAbsent(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	scalars.PlainStart(b)
	b.Finish(scalars.PlainEnd(b))
	p := scalars.GetRootAsPlain(b.FinishedBytes(), 0)
	if p.B() || p.I8() != 0 || p.U8() != 0 || p.I16() != 0 || p.U16() != 0 || p.I32() != 0 ||
		p.U32() != 0 || p.I64() != 0 || p.U64() != 0 || p.F32() != 0 || p.F64() != 0 || p.Af64() != 0 {
		t.Error("absent fields of Plain do not read as zero")
	}
	// Mutating an absent field reports false and changes nothing.
	if p.MutateI32(7) || p.I32() != 0 {
		t.Error("MutateI32 on an absent field succeeded")
	}
}

func TestTableDefaults(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	scalars.DefaultsStart(b)
	b.Finish(scalars.DefaultsEnd(b))
	d := scalars.GetRootAsDefaults(b.FinishedBytes(), 0)
	tests := []struct {
		name      string
		got, want any
	}{
		{"bool true", d.B(), true},
		{"byte", d.I8(), int8(-8)},
		{"ubyte", d.U8(), byte(200)},
		{"short", d.I16(), int16(-1600)},
		{"ushort", d.U16(), uint16(60000)},
		{"int", d.I32(), int32(-320000)},
		{"uint", d.U32(), uint32(4000000000)},
		{"long min", d.I64(), int64(math.MinInt64)},
		{"ulong max", d.U64(), uint64(math.MaxUint64)},
		{"hex", d.Hex(), int32(0x7f)},
		{"float", d.F32(), float32(3.5)},
		{"double exponent", d.F64(), -2.25e10},
		{"inf", d.PosInf(), float32(math.Inf(1))},
		{"-inf", d.NegInf(), math.Inf(-1)},
		{"+infinity", d.PlusInf(), math.Inf(1)},
		{"enum name", d.Level(), scalars.LevelHigh},
		{"negative enum", d.LevelNeg(), scalars.LevelLow},
		{"enum without default", d.LevelZero(), scalars.LevelMid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v (%T), want %v (%T)", tc.got, tc.got, tc.want, tc.want)
			}
		})
	}
	if v := d.NotANumber(); !math.IsNaN(float64(v)) {
		t.Errorf("NotANumber() = %v, want NaN", v)
	}
}

func TestTableDefaultsAreNotWritten(t *testing.T) {
	// Adding a field with its default value writes nothing (flatc's
	// PrependXSlot rule), so the buffer equals the empty table's.
	empty := flatbuffers.NewBuilder(0)
	scalars.DefaultsStart(empty)
	empty.Finish(scalars.DefaultsEnd(empty))

	b := flatbuffers.NewBuilder(0)
	scalars.DefaultsStart(b)
	scalars.DefaultsAddI8(b, -8)
	scalars.DefaultsAddU64(b, math.MaxUint64)
	scalars.DefaultsAddLevel(b, scalars.LevelHigh)
	scalars.DefaultsAddF32(b, 3.5)
	b.Finish(scalars.DefaultsEnd(b))
	if !reflect.DeepEqual(b.FinishedBytes(), empty.FinishedBytes()) {
		t.Error("adding default values wrote fields")
	}

	// A non-default value is written and reads back; mutation works on it.
	b = flatbuffers.NewBuilder(0)
	scalars.DefaultsStart(b)
	scalars.DefaultsAddI8(b, 1)
	scalars.DefaultsAddLevel(b, scalars.LevelLow)
	b.Finish(scalars.DefaultsEnd(b))
	d := scalars.GetRootAsDefaults(b.FinishedBytes(), 0)
	if d.I8() != 1 || d.Level() != scalars.LevelLow {
		t.Errorf("I8, Level = %d, %v; want 1, Low", d.I8(), d.Level())
	}
	if !d.MutateI8(-2) || d.I8() != -2 {
		t.Errorf("MutateI8: I8() = %d, want -2", d.I8())
	}
	if !d.MutateLevel(scalars.LevelMid) || d.Level() != scalars.LevelMid {
		t.Errorf("MutateLevel: Level() = %v, want Mid", d.Level())
	}
}

func TestTableOptionalScalars(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	scalars.OptionalsStart(b)
	b.Finish(scalars.OptionalsEnd(b))
	absent := scalars.GetRootAsOptionals(b.FinishedBytes(), 0)
	if absent.MaybeB() != nil || absent.MaybeI8() != nil || absent.MaybeU16() != nil ||
		absent.MaybeI32() != nil || absent.MaybeU64() != nil || absent.MaybeF32() != nil ||
		absent.MaybeF64() != nil || absent.MaybeLevel() != nil {
		t.Error("absent optional scalars are not nil")
	}
	if absent.Always() != 7 {
		t.Errorf("Always() = %d, want the default 7", absent.Always())
	}

	// Optional scalars are written even when they hold the type's zero.
	b = flatbuffers.NewBuilder(0)
	scalars.OptionalsStart(b)
	scalars.OptionalsAddMaybeB(b, false)
	scalars.OptionalsAddMaybeI8(b, 0)
	scalars.OptionalsAddMaybeU16(b, 65535)
	scalars.OptionalsAddMaybeI32(b, -1)
	scalars.OptionalsAddMaybeU64(b, 1<<40)
	scalars.OptionalsAddMaybeF32(b, 0)
	scalars.OptionalsAddMaybeF64(b, 2.5)
	scalars.OptionalsAddMaybeLevel(b, scalars.LevelLow)
	b.Finish(scalars.OptionalsEnd(b))
	o := scalars.GetRootAsOptionals(b.FinishedBytes(), 0)
	check := func(name string, p, want any) {
		t.Helper()
		v := reflect.ValueOf(p)
		if v.IsNil() {
			t.Errorf("%s is nil, want %v", name, want)
			return
		}
		if got := v.Elem().Interface(); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("MaybeB", o.MaybeB(), false)
	check("MaybeI8", o.MaybeI8(), int8(0))
	check("MaybeU16", o.MaybeU16(), uint16(65535))
	check("MaybeI32", o.MaybeI32(), int32(-1))
	check("MaybeU64", o.MaybeU64(), uint64(1<<40))
	check("MaybeF32", o.MaybeF32(), float32(0))
	check("MaybeF64", o.MaybeF64(), 2.5)
	check("MaybeLevel", o.MaybeLevel(), scalars.LevelLow)

	if !o.MutateMaybeI32(42) {
		t.Error("MutateMaybeI32 on a present field failed")
	}
	check("MaybeI32 after mutate", o.MaybeI32(), int32(42))
	if absent.MutateMaybeI32(1) {
		t.Error("MutateMaybeI32 on an absent field succeeded")
	}
}

func TestTableExplicitIDsKeywordsDeprecated(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	scalars.ReadingStart(b)
	scalars.ReadingAddValue(b, 9.5)
	scalars.ReadingAddType(b, 3)
	scalars.ReadingAddFunc(b, true)
	scalars.ReadingAddRange(b, 4)
	scalars.ReadingAddMap(b, -5)
	scalars.ReadingAddSelectCase(b, 6)
	scalars.FinishReadingBuffer(b, scalars.ReadingEnd(b))
	buf := b.FinishedBytes()
	r := scalars.GetRootAsReading(buf, 0)
	if r.Value() != 9.5 || r.Type() != 3 || !r.Func() || r.Range() != 4 || r.Map() != -5 || r.SelectCase() != 6 {
		t.Errorf("Reading reads back %v %v %v %v %v %v", r.Value(), r.Type(), r.Func(), r.Range(), r.Map(), r.SelectCase())
	}

	// value has id 1: it lives in the second vtable slot (vtable offset 6),
	// and slot 0 (the deprecated old_value) stays empty.
	tab := r.Table()
	if tab.Offset(4) != 0 {
		t.Error("the deprecated field's slot is set")
	}
	if o := tab.Offset(6); o == 0 || tab.GetFloat64(flatbuffers.UOffsetT(o)+tab.Pos) != 9.5 {
		t.Error("value is not in vtable slot 1")
	}
	// Like flatc, deprecated fields get no accessors.
	typ := reflect.TypeOf(r)
	for _, m := range []string{"OldValue", "MutateOldValue"} {
		if _, ok := typ.MethodByName(m); ok {
			t.Errorf("Reading has method %s for a deprecated field", m)
		}
	}
}

func TestTableFileIdentifier(t *testing.T) {
	if scalars.ReadingIdentifier != "SCLR" {
		t.Fatalf("ReadingIdentifier = %q", scalars.ReadingIdentifier)
	}
	b := flatbuffers.NewBuilder(0)
	scalars.ReadingStart(b)
	scalars.ReadingAddType(b, 11)
	scalars.FinishReadingBuffer(b, scalars.ReadingEnd(b))
	buf := b.FinishedBytes()
	if !scalars.ReadingBufferHasIdentifier(buf) {
		t.Error("ReadingBufferHasIdentifier = false on a finished buffer")
	}
	if got := flatbuffers.GetBufferIdentifier(buf); got != "SCLR" {
		t.Errorf("identifier in buffer = %q", got)
	}
	// Tables other than the root finish without an identifier.
	if scalars.ReadingBufferHasIdentifier(buildPlain(flatbuffers.NewBuilder(0))) {
		t.Error("a Plain buffer carries the Reading identifier")
	}

	// Size-prefixed.
	b = flatbuffers.NewBuilder(0)
	scalars.ReadingStart(b)
	scalars.ReadingAddType(b, 12)
	scalars.FinishSizePrefixedReadingBuffer(b, scalars.ReadingEnd(b))
	buf = b.FinishedBytes()
	if !scalars.SizePrefixedReadingBufferHasIdentifier(buf) {
		t.Error("SizePrefixedReadingBufferHasIdentifier = false")
	}
	if got := flatbuffers.GetSizePrefix(buf, 0); int(got) != len(buf)-4 {
		t.Errorf("size prefix = %d, want %d", got, len(buf)-4)
	}
	if r := scalars.GetSizePrefixedRootAsReading(buf, 0); r.Type() != 12 {
		t.Errorf("size-prefixed Type() = %d, want 12", r.Type())
	}
}

func TestTableSizePrefixedWithoutIdentifier(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	scalars.PlainStart(b)
	scalars.PlainAddI32(b, 77)
	scalars.FinishSizePrefixedPlainBuffer(b, scalars.PlainEnd(b))
	buf := b.FinishedBytes()
	if p := scalars.GetSizePrefixedRootAsPlain(buf, 0); p.I32() != 77 {
		t.Errorf("I32() = %d, want 77", p.I32())
	}
	// Init and Table give access to the same table.
	var p scalars.Plain
	tab := scalars.GetSizePrefixedRootAsPlain(buf, 0).Table()
	p.Init(tab.Bytes, tab.Pos)
	if p.I32() != 77 {
		t.Errorf("re-initialized I32() = %d, want 77", p.I32())
	}
}
