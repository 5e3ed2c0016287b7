package goldentest

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/internal/mutate"
	"github.com/wsgen/wsgen/runtime/verify"
	"github.com/wsgen/wsgen/testdata/golden/unions"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// readAll runs, when g's verifier accepts b (plain, then size-prefixed),
// every accessor and UnPack of the root, recursively; a panic fails the
// test with the buffer that caused it. It returns how many of the two
// verifiers accepted b.
func readAll(t testing.TB, g goldenTable, b []byte) (accepted int) {
	t.Helper()
	if g.verifyUntrusted(b) == nil && g.verify(b) != nil {
		t.Fatalf("%s: the bounded verifier accepts a buffer the plain one rejects: %q", g.name, b)
	}
	for _, sized := range []bool{false, true} {
		verifyFn, root := g.verify, g.root
		if sized {
			verifyFn, root = g.verifySized, g.sizedRoot
		}
		if verifyFn(b) != nil {
			continue
		}
		accepted++
		w := newWalker()
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s (size prefixed: %v): verifier accepted a buffer whose reading panics: %v\nbuffer: %q",
						g.name, sized, r, b)
				}
			}()
			w.walk(root(b))
		}()
		if w.err != nil {
			t.Fatal(w.err)
		}
	}
	return accepted
}

// TestVerifyAcceptsPackedBuffers: whatever the object API packs, the
// verifier accepts, plain and size-prefixed, and the walker reads it all.
func TestVerifyAcceptsPackedBuffers(t *testing.T) {
	for _, g := range goldenTables() {
		t.Run(g.name, func(t *testing.T) {
			f := newFiller(7)
			for i := 0; i < 30; i++ {
				for _, sized := range []bool{false, true} {
					b := g.build(f, sized)
					verifyFn := g.verify
					if sized {
						verifyFn = g.verifySized
					}
					if err := verifyFn(b); err != nil {
						t.Fatalf("packed buffer (size prefixed: %v) rejected: %v\nbuffer: %q", sized, err, b)
					}
					if !sized {
						if err := g.verifyUntrusted(b); err != nil {
							t.Fatalf("packed buffer rejected by the bounded verifier: %v\nbuffer: %q", err, b)
						}
					}
					readAll(t, g, b)
				}
			}
		})
	}
}

// TestVerifyMutatedBuffers is the deterministic twin of the fuzz targets:
// thousands of mutations of valid buffers of every golden table; whatever
// the verifier accepts must read without a panic.
func TestVerifyMutatedBuffers(t *testing.T) {
	iterations := 3000
	if testing.Short() {
		iterations = 200
	}
	for _, g := range goldenTables() {
		t.Run(g.name, func(t *testing.T) {
			f := newFiller(11)
			r := rand.New(rand.NewPCG(3, 4))
			seeds := [][]byte{g.build(f, false), g.build(f, false), g.build(f, true)}
			accepted := 0
			for i := 0; i < iterations; i++ {
				b := seeds[i%len(seeds)]
				for k := r.IntN(3); k >= 0; k-- {
					b = mutate.Buffer(r, b)
				}
				accepted += readAll(t, g, b)
			}
			if accepted == 0 {
				t.Errorf("no mutated buffer was accepted: nothing was read")
			}
			t.Logf("%d of %d mutated buffers accepted (plain or size-prefixed) and read", accepted, iterations)
		})
	}
}

func TestVerifyRejects(t *testing.T) {
	hero := func(build func(b *flatbuffers.Builder)) []byte {
		b := flatbuffers.NewBuilder(0)
		build(b)
		return b.FinishedBytes()
	}
	sword := func(b *flatbuffers.Builder) flatbuffers.UOffsetT {
		unions.SwordStart(b)
		unions.SwordAddDamage(b, 9)
		return unions.SwordEnd(b)
	}
	bag := func(edit func(*vectors.BagT)) []byte {
		t := &vectors.BagT{Must: "m", MustTable: &vectors.PayloadT{}, MustStruct: &vectors.PairT{}}
		edit(t)
		b := flatbuffers.NewBuilder(0)
		vectors.FinishBagBuffer(b, t.Pack(b))
		return b.FinishedBytes()
	}
	tests := []struct {
		name   string
		buf    []byte
		verify func([]byte) error
		code   verify.Code
		path   string
	}{
		{name: "bag ok", buf: bag(func(*vectors.BagT) {}), verify: vectors.VerifyBagBuffer},
		{name: "required string", buf: dropField(bag(func(*vectors.BagT) {}), 42), verify: vectors.VerifyBagBuffer,
			code: verify.MissingRequired, path: "Bag.must"},
		{name: "required table", buf: bag(func(t *vectors.BagT) { t.MustTable = nil }), verify: vectors.VerifyBagBuffer,
			code: verify.MissingRequired, path: "Bag.must_table"},
		{name: "required struct", buf: bag(func(t *vectors.BagT) { t.MustStruct = nil }), verify: vectors.VerifyBagBuffer,
			code: verify.MissingRequired, path: "Bag.must_struct"},
		{name: "required in another table", verify: vectors.VerifyNamedBuffer,
			buf: hero(func(b *flatbuffers.Builder) {
				vectors.NamedStart(b)
				vectors.NamedAddScore(b, 3)
				vectors.FinishNamedBuffer(b, vectors.NamedEnd(b))
			}),
			code: verify.MissingRequired, path: "Named.name"},
		{name: "vector element", verify: vectors.VerifyBagBuffer,
			buf: dropField(bag(func(t *vectors.BagT) {
				t.Named = []*vectors.NamedT{{Name: "a"}, {Name: "b"}}
			}), 34, 0, 4), // the name of the first Named
			code: verify.MissingRequired, path: "Bag.named[0] > Named.name"},
		{name: "nested garbage", verify: vectors.VerifyBagBuffer,
			buf:  bag(func(t *vectors.BagT) { t.Nested = []byte("not a flatbuffer at all") }),
			code: verify.OutOfBounds, path: "Bag.nested"},
		{name: "nested too small", verify: vectors.VerifyBagBuffer,
			buf:  bag(func(t *vectors.BagT) { t.Nested = []byte{1, 2, 3} }),
			code: verify.TooSmall, path: "Bag.nested"},
		{name: "nested bad inside", verify: vectors.VerifyBagBuffer,
			buf: bag(func(t *vectors.BagT) {
				b := flatbuffers.NewBuilder(0)
				b.Finish((&vectors.PayloadT{Text: "hi"}).Pack(b))
				t.Nested = b.FinishedBytes()
				t.Nested[len(t.Nested)-2] = 'x' // the terminator of "hi" is the last byte but padding
				t.Nested[len(t.Nested)-1] = 'x'
			}),
			code: verify.NoTerminator, path: "Bag.nested > Payload.text"},
		{name: "identifier", verify: unions.VerifyHeroBuffer,
			buf:  hero(func(b *flatbuffers.Builder) { unions.HeroStart(b); b.Finish(unions.HeroEnd(b)) }),
			code: verify.BadIdentifier},
		{name: "union", verify: unions.VerifyHeroBuffer,
			buf: hero(func(b *flatbuffers.Builder) {
				s := sword(b)
				unions.HeroStart(b)
				unions.HeroAddMainType(b, unions.WeaponSword)
				unions.HeroAddMain(b, s)
				unions.FinishHeroBuffer(b, unions.HeroEnd(b))
			})},
		{name: "union as wrong member", verify: unions.VerifyHeroBuffer,
			buf: hero(func(b *flatbuffers.Builder) {
				s := b.CreateString("not a table")
				unions.HeroStart(b)
				unions.HeroAddMainType(b, unions.WeaponBow)
				unions.HeroAddMain(b, s)
				unions.FinishHeroBuffer(b, unions.HeroEnd(b))
			}),
			code: verify.Misaligned, path: "Hero.main"},
		{name: "union vectors differ", verify: unions.VerifyHeroBuffer,
			buf: hero(func(b *flatbuffers.Builder) {
				s := sword(b)
				unions.HeroStartBagVector(b, 1)
				b.PrependUOffsetT(s)
				values := b.EndVector(1)
				types := b.CreateByteVector([]byte{byte(unions.WeaponSword), byte(unions.WeaponSword)})
				unions.HeroStart(b)
				unions.HeroAddBagType(b, types)
				unions.HeroAddBag(b, values)
				unions.FinishHeroBuffer(b, unions.HeroEnd(b))
			}),
			code: verify.UnionMismatch, path: "Hero.bag"},
		{name: "union vector without types", verify: unions.VerifyHeroBuffer,
			buf: hero(func(b *flatbuffers.Builder) {
				s := sword(b)
				unions.HeroStartBagVector(b, 1)
				b.PrependUOffsetT(s)
				values := b.EndVector(1)
				unions.HeroStart(b)
				unions.HeroAddBag(b, values)
				unions.FinishHeroBuffer(b, unions.HeroEnd(b))
			}),
			code: verify.UnionMismatch, path: "Hero.bag"},
		{name: "union vector element", verify: unions.VerifyHeroBuffer,
			buf: hero(func(b *flatbuffers.Builder) {
				s := sword(b)
				name := b.CreateString("x")
				unions.HeroStartBagVector(b, 2)
				b.PrependUOffsetT(name)
				b.PrependUOffsetT(s)
				values := b.EndVector(2)
				types := b.CreateByteVector([]byte{byte(unions.WeaponSword), byte(unions.WeaponAxe)})
				unions.HeroStart(b)
				unions.HeroAddBagType(b, types)
				unions.HeroAddBag(b, values)
				unions.FinishHeroBuffer(b, unions.HeroEnd(b))
			}),
			code: verify.Misaligned, path: "Hero.bag[1]"},
		{name: "union vector unknown type", verify: unions.VerifyHeroBuffer,
			buf: hero(func(b *flatbuffers.Builder) {
				name := b.CreateString("x")
				unions.HeroStartBagVector(b, 1)
				b.PrependUOffsetT(name)
				values := b.EndVector(1)
				types := b.CreateByteVector([]byte{200})
				unions.HeroStart(b)
				unions.HeroAddBagType(b, types)
				unions.HeroAddBag(b, values)
				unions.FinishHeroBuffer(b, unions.HeroEnd(b))
			})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.verify(tt.buf)
			if got := verify.CodeOf(err); got != tt.code {
				t.Fatalf("code %v, want %v (err: %v)", got, tt.code, err)
			}
			if err == nil {
				return
			}
			var e *verify.Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not a *verify.Error", err)
			}
			var steps []string
			for _, s := range e.Path {
				steps = append(steps, s.String())
			}
			if got := strings.Join(steps, " > "); got != tt.path {
				t.Errorf("path %q, want %q (err: %v)", got, tt.path, err)
			}
		})
	}
}

// dropField clears the vtable entry of a field, making it absent: the
// field at vtable offset vo of the root table or, with elem = {i, evo}, the
// field at vtable offset evo of element i of the vector of tables at vo.
func dropField(buf []byte, vo uint16, elem ...int) []byte {
	get32 := func(at uint32) uint32 { return flatbuffers.GetUint32(buf[at:]) }
	vtable := func(table uint32) uint32 { return uint32(int64(table) - int64(int32(get32(table)))) }
	field := func(table uint32, vo uint16) uint32 {
		return table + uint32(flatbuffers.GetUint16(buf[vtable(table)+uint32(vo):]))
	}
	table := get32(0)
	if len(elem) == 2 {
		vec := field(table, vo)
		vec += get32(vec)
		at := vec + 4 + 4*uint32(elem[0])
		table = at + get32(at)
		vo = uint16(elem[1])
	}
	flatbuffers.WriteUint16(buf[vtable(table)+uint32(vo):], 0)
	return buf
}

func TestVerifyNoAllocations(t *testing.T) {
	for _, g := range goldenTables() {
		b := g.build(newFiller(5), false)
		if n := testing.AllocsPerRun(50, func() {
			if err := g.verify(b); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: verifying a good buffer allocates %v times, want 0", g.name, n)
		}
		if n := testing.AllocsPerRun(50, func() {
			if err := g.verifyUntrusted(b); err != nil {
				t.Fatal(err)
			}
		}); n != 0 {
			t.Errorf("%s: the bounded verification of a good buffer allocates %v times, want 0", g.name, n)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	for _, g := range goldenTables() {
		buf := g.build(newFiller(5), false)
		b.Run(g.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(buf)))
			for b.Loop() {
				if err := g.verify(buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
