package goifacetest

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/wsgen/wsgen/testdata/goservices/kitchen"
)

// gen makes random values of the kitchen types. Values are in the form a
// decoder returns: empty slices and maps are nil (the wire does not tell
// them from nil), times are UTC without a monotonic reading.
type gen struct {
	r     *rand.Rand
	depth int
}

func (g *gen) n(max int) int { return g.r.IntN(max + 1) }

// chance is true one time in n.
func (g *gen) chance(n int) bool { return g.r.IntN(n) == 0 }

func (g *gen) str() string {
	if g.chance(4) {
		return ""
	}
	b := make([]byte, g.n(12))
	for i := range b {
		b[i] = byte(g.r.IntN(256)) // any bytes, not only UTF-8
	}
	return string(b)
}

func (g *gen) bytes() []byte {
	if g.chance(3) {
		return nil
	}
	b := make([]byte, 1+g.n(20))
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return b
}

func (g *gen) f64() float64 {
	switch g.r.IntN(6) {
	case 0:
		return 0
	case 1:
		return math.Inf(1 - 2*g.r.IntN(2))
	case 2:
		return math.MaxFloat64
	case 3:
		return math.SmallestNonzeroFloat64
	}
	return g.r.NormFloat64() * 1e6
}

func (g *gen) f32() float32 {
	if g.chance(4) {
		return float32(math.Inf(-1))
	}
	return float32(g.r.NormFloat64() * 1e3)
}

func (g *gen) time() time.Time {
	if g.chance(3) {
		return time.Time{}
	}
	// Seconds across the whole range the wire holds, and the Unix epoch.
	secs := g.r.Int64N(1<<40) - 1<<39
	if g.chance(5) {
		secs = 0
	}
	return time.Unix(secs, g.r.Int64N(1e9)).UTC()
}

func (g *gen) scalars() kitchen.Scalars {
	return kitchen.Scalars{
		B: g.chance(2), I8: int8(g.r.Uint32()), U8: uint8(g.r.Uint32()),
		I16: int16(g.r.Uint32()), U16: uint16(g.r.Uint32()),
		I32: int32(g.r.Uint32()), U32: g.r.Uint32(),
		I64: int64(g.r.Uint64()), U64: g.r.Uint64(),
		I: int(g.r.Uint64()), U: uint(g.r.Uint64()),
		F32: g.f32(), F64: g.f64(), R: rune(g.r.Int32()),
	}
}

func ptr[T any](v T) *T { return &v }

func (g *gen) optionals() *kitchen.Optionals {
	if g.chance(3) {
		return nil
	}
	o := &kitchen.Optionals{}
	if g.chance(2) {
		o.B = ptr(g.chance(2))
	}
	if g.chance(2) {
		o.I32 = ptr(int32(g.r.Uint32()))
	}
	if g.chance(2) {
		o.U64 = ptr(uint64(0)) // present and zero differs from absent
	}
	if g.chance(2) {
		o.F64 = ptr(g.f64())
	}
	if g.chance(2) {
		o.S = ptr(g.str())
	}
	if g.chance(2) {
		o.Color = ptr(kitchen.ColorBlue)
	}
	if g.chance(2) {
		// A present zero time stays present.
		t := g.time()
		o.When = &t
	}
	if g.chance(2) {
		s := g.scalars()
		o.Child = &s
	}
	return o
}

func slice[T any](g *gen, f func() T) []T {
	if g.chance(3) {
		return nil
	}
	s := make([]T, 1+g.n(5))
	for i := range s {
		s[i] = f()
	}
	return s
}

func mapOf[K comparable, V any](g *gen, k func() K, v func() V) map[K]V {
	if g.chance(3) {
		return nil
	}
	m := map[K]V{}
	for range 1 + g.n(5) {
		m[k()] = v()
	}
	return m
}

var colors = []kitchen.Color{kitchen.ColorNone, kitchen.ColorRed, kitchen.ColorGreen, kitchen.ColorBlue}
var levels = []kitchen.Level{kitchen.LevelLow, kitchen.LevelNormal, kitchen.LevelHigh}

func (g *gen) color() kitchen.Color { return colors[g.r.IntN(len(colors))] }

// item makes a random Item; parents nest a few levels deep.
func (g *gen) item() *kitchen.Item {
	it := &kitchen.Item{
		ID: g.str(), Data: g.bytes(), Count: g.r.Uint32(), Color: g.color(),
		Level: levels[g.r.IntN(len(levels))], Temp: kitchen.Celsius(g.f64()),
		Label: kitchen.Label(g.str()), Created: g.time(), TTL: time.Duration(g.r.Int64()),
		Scalars: g.scalars(), Opt: g.optionals(),
		Tags:     slice(g, g.str),
		Numbers:  slice(g, func() int64 { return int64(g.r.Uint64()) }),
		Floats:   slice(g, g.f32),
		Colors:   slice(g, g.color),
		Labels:   slice(g, func() kitchen.Label { return kitchen.Label(g.str()) }),
		Times:    slice(g, g.time),
		Waits:    slice(g, func() time.Duration { return time.Duration(g.r.Int64()) }),
		Children: slice(g, g.scalars),
		Ptrs:     slice(g, func() *kitchen.Scalars { s := g.scalars(); return &s }),
		Attrs:    mapOf(g, g.str, g.str),
		Counts:   mapOf(g, func() int32 { return int32(g.r.Uint32()) }, g.r.Uint64),
		ByColor:  mapOf(g, g.color, func() []string { return slice(g, g.str) }),
		Nested:   mapOf(g, g.str, func() *kitchen.Scalars { s := g.scalars(); return &s }),
		Flags:    slice(g, func() bool { return g.chance(2) }),
		Names:    slice(g, g.str),
		Blob:     g.bytes(),
		Index:    mapOf(g, g.str, func() int32 { return int32(g.r.Uint32()) }),
	}
	if g.depth < 3 && g.chance(2) {
		g.depth++
		it.Parent = g.item()
		g.depth--
	}
	return it
}
