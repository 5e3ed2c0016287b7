package goldentest

import (
	"fmt"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/enums"
)

func TestEnumValuesAndNames(t *testing.T) {
	tests := []struct {
		name  string
		value any    // the constant
		want  string // its value printed with %d
		str   string // its String()
		names int    // len(EnumNamesX)
	}{
		{"byte min", enums.TinyNeg, "-128", "Neg", len(enums.EnumNamesTiny)},
		{"byte max", enums.TinyPos, "127", "Pos", len(enums.EnumNamesTiny)},
		{"ubyte explicit", enums.ColorRed, "1", "Red", len(enums.EnumNamesColor)},
		{"ubyte implicit next", enums.ColorGreen, "2", "Green", len(enums.EnumNamesColor)},
		{"short negative", enums.Short16A, "-300", "A", len(enums.EnumNamesShort16)},
		{"ushort max", enums.UShort16Y, "65535", "Y", len(enums.EnumNamesUShort16)},
		{"int min", enums.Int32Min, "-2147483648", "Min", len(enums.EnumNamesInt32)},
		{"uint max", enums.UInt32Hi, "4294967295", "Hi", len(enums.EnumNamesUInt32)},
		{"long min", enums.Long64Small, "-9223372036854775808", "Small", len(enums.EnumNamesLong64)},
		{"ulong max", enums.ULong64Huge, "18446744073709551615", "Huge", len(enums.EnumNamesULong64)},
		{"bit 0", enums.PermRead, "1", "Read", len(enums.EnumNamesPerm)},
		{"bit 1", enums.PermWrite, "2", "Write", len(enums.EnumNamesPerm)},
		{"bit 2", enums.PermExec, "4", "Exec", len(enums.EnumNamesPerm)},
		{"bit 63", enums.WideHigh, "9223372036854775808", "High", len(enums.EnumNamesWide)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fmt.Sprintf("%d", tc.value); got != tc.want {
				t.Errorf("value %s, want %s", got, tc.want)
			}
			if got := tc.value.(fmt.Stringer).String(); got != tc.str {
				t.Errorf("String() = %q, want %q", got, tc.str)
			}
			if tc.names < 2 {
				t.Errorf("name map has %d entries", tc.names)
			}
		})
	}

	// The Go types follow flatc: byte -> int8, ubyte -> byte, and so on.
	types := []struct{ got, want string }{
		{fmt.Sprintf("%T", int8(enums.TinyPos)), "int8"},
		{fmt.Sprintf("%T", byte(enums.ColorBlue)), "uint8"},
		{fmt.Sprintf("%T", enums.ULong64Huge), "enums.ULong64"},
	}
	for _, tc := range types {
		if tc.got != tc.want {
			t.Errorf("type %s, want %s", tc.got, tc.want)
		}
	}
}

func TestEnumMapsRoundTrip(t *testing.T) {
	for v, name := range enums.EnumNamesColor {
		if enums.EnumValuesColor[name] != v {
			t.Errorf("EnumValuesColor[%q] = %v, want %v", name, enums.EnumValuesColor[name], v)
		}
	}
	for name, v := range enums.EnumValuesPerm {
		if enums.EnumNamesPerm[v] != name {
			t.Errorf("EnumNamesPerm[%v] = %q, want %q", v, enums.EnumNamesPerm[v], name)
		}
	}
	if len(enums.EnumNamesColor) != 3 || len(enums.EnumValuesColor) != 3 {
		t.Error("Color maps do not have three entries")
	}
}

func TestEnumStringUnknown(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"unknown ubyte", enums.Color(3).String(), "Color(3)"},
		{"unknown byte", enums.Tiny(-5).String(), "Tiny(-5)"},
		// flatc prints bit_flags combinations as numbers, not flag lists.
		{"flag combination", (enums.PermRead | enums.PermWrite).String(), "Perm(3)"},
		{"no flags", enums.Perm(0).String(), "Perm(0)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestEnumFields(t *testing.T) {
	b := flatbuffers.NewBuilder(0)
	enums.PaletteStart(b)
	b.Finish(enums.PaletteEnd(b))
	p := enums.GetRootAsPalette(b.FinishedBytes(), 0)
	defaults := []struct {
		name      string
		got, want any
	}{
		{"tiny", p.Tiny(), enums.TinyPos},
		{"color", p.Color(), enums.ColorBlue},
		{"short", p.S16(), enums.Short16A},
		{"ushort", p.U16(), enums.UShort16Y},
		{"int", p.I32(), enums.Int32Min},
		{"uint", p.U32(), enums.UInt32Hi},
		{"long", p.I64(), enums.Long64Small},
		{"ulong", p.U64(), enums.ULong64Huge},
		{"flags default \"Read Write\"", p.Perm(), enums.PermRead | enums.PermWrite},
		{"flags without default", p.NoPerm(), enums.Perm(0)},
		{"wide flags", p.Wide(), enums.WideHigh},
	}
	for _, tc := range defaults {
		t.Run("default "+tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}

	b = flatbuffers.NewBuilder(0)
	colors := scalarVector(b, enums.PaletteStartColorsVector, 3, func(i int) {
		b.PrependByte(byte([]enums.Color{enums.ColorRed, enums.ColorBlue, enums.ColorGreen}[i]))
	})
	perms := scalarVector(b, enums.PaletteStartPermsVector, 2, func(i int) {
		b.PrependByte(byte([]enums.Perm{enums.PermExec, enums.PermRead | enums.PermExec}[i]))
	})
	enums.PaletteStart(b)
	enums.PaletteAddTiny(b, enums.TinyNeg)
	enums.PaletteAddColor(b, enums.ColorGreen)
	enums.PaletteAddU64(b, enums.ULong64None)
	enums.PaletteAddPerm(b, enums.PermExec)
	enums.PaletteAddColors(b, colors)
	enums.PaletteAddPerms(b, perms)
	b.Finish(enums.PaletteEnd(b))
	p = enums.GetRootAsPalette(b.FinishedBytes(), 0)
	if p.Tiny() != enums.TinyNeg || p.Color() != enums.ColorGreen || p.U64() != enums.ULong64None || p.Perm() != enums.PermExec {
		t.Errorf("set enums read back %v %v %v %v", p.Tiny(), p.Color(), p.U64(), p.Perm())
	}
	if p.ColorsLength() != 3 || p.Colors(0) != enums.ColorRed || p.Colors(1) != enums.ColorBlue || p.Colors(2) != enums.ColorGreen {
		t.Error("Colors vector does not read back")
	}
	// A vector of a ubyte enum also reads as bytes, like flatc's.
	if got := p.ColorsBytes(); len(got) != 3 || got[1] != byte(enums.ColorBlue) {
		t.Errorf("ColorsBytes() = %v", got)
	}
	if p.PermsLength() != 2 || p.Perms(1) != enums.PermRead|enums.PermExec {
		t.Error("Perms vector does not read back")
	}
	if !p.MutateColors(0, enums.ColorGreen) || p.Colors(0) != enums.ColorGreen {
		t.Error("MutateColors failed")
	}
	if !p.MutateTiny(enums.TinyZero) || p.Tiny() != enums.TinyZero {
		t.Error("MutateTiny failed")
	}
}
