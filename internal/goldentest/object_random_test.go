package goldentest

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/testdata/golden/enums"
	"github.com/wsgen/wsgen/testdata/golden/namespaces"
	"github.com/wsgen/wsgen/testdata/golden/scalars"
	"github.com/wsgen/wsgen/testdata/golden/service"
	"github.com/wsgen/wsgen/testdata/golden/structs"
	"github.com/wsgen/wsgen/testdata/golden/unions"
	"github.com/wsgen/wsgen/testdata/golden/vectors"
)

// objFiller fills object-API values with random contents. Everything it
// makes survives Pack/UnPack exactly: slices are never nil (an absent
// vector unpacks as an empty one), elements and nested structs are never nil
// (they pack as zero values), floats are never NaN (NaN != NaN).
type objFiller struct {
	r *rand.Rand
	// unions maps a union's object type (WeaponT) to its members' object
	// types by discriminant.
	unions map[reflect.Type]map[uint8]reflect.Type
	// structs holds the object types of structs (Vec3T): their nested
	// structs are never nil.
	structs map[reflect.Type]bool
}

// objMaxDepth bounds the nesting of tables.
const objMaxDepth = 4

func (f *objFiller) fill(v reflect.Value, depth int) {
	r := f.r
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 1)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(f.bits()))
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(f.bits())
	case reflect.Float32:
		x := math.Float32frombits(uint32(f.bits()))
		for math.IsNaN(float64(x)) {
			x = math.Float32frombits(r.Uint32())
		}
		v.SetFloat(float64(x))
	case reflect.Float64:
		x := math.Float64frombits(f.bits())
		for math.IsNaN(x) {
			x = math.Float64frombits(r.Uint64())
		}
		v.SetFloat(x)
	case reflect.String:
		b := make([]byte, r.IntN(9))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		v.SetString(string(b))
	case reflect.Slice:
		n := r.IntN(5)
		if depth >= objMaxDepth {
			n = 0
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := 0; i < n; i++ {
			f.fillElem(v.Index(i), depth+1)
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			f.fillElem(v.Index(i), depth+1)
		}
	case reflect.Pointer:
		f.fillPointer(v, depth, true)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f.structs[v.Type()] {
				f.fillElem(v.Field(i), depth)
			} else {
				f.fillField(v.Field(i), depth)
			}
		}
	}
}

// bits returns random bits, biased towards the edges (0, -1, extremes).
func (f *objFiller) bits() uint64 {
	switch f.r.IntN(6) {
	case 0:
		return 0
	case 1:
		return math.MaxUint64
	case 2:
		return 1 << (f.r.IntN(64))
	}
	return f.r.Uint64()
}

// fillField fills one field of an object: pointers (optional scalars,
// tables, unions) may stay nil.
func (f *objFiller) fillField(v reflect.Value, depth int) {
	if v.Kind() == reflect.Pointer {
		f.fillPointer(v, depth, false)
		return
	}
	f.fill(v, depth)
}

// fillElem fills a slice or array element; element pointers are never nil.
func (f *objFiller) fillElem(v reflect.Value, depth int) {
	if v.Kind() == reflect.Pointer {
		f.fillPointer(v, depth, true)
		return
	}
	f.fill(v, depth)
}

func (f *objFiller) fillPointer(v reflect.Value, depth int, must bool) {
	elem := v.Type().Elem()
	if members, ok := f.unions[elem]; ok {
		f.fillUnion(v, members, depth)
		return
	}
	if depth >= objMaxDepth || (!must && f.r.IntN(4) == 0) {
		if elem.Kind() != reflect.Struct || !must {
			return // stays nil
		}
	}
	p := reflect.New(elem)
	f.fill(p.Elem(), depth+1)
	v.Set(p)
}

// fillUnion sets v (a *UT) to a random member, or leaves it nil (absent,
// or NONE in a vector: both unpack as nil).
func (f *objFiller) fillUnion(v reflect.Value, members map[uint8]reflect.Type, depth int) {
	keys := make([]uint8, 0, len(members))
	for k := range members {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if f.r.IntN(5) == 0 {
		return
	}
	k := keys[f.r.IntN(len(keys))]
	u := reflect.New(v.Type().Elem())
	u.Elem().Field(0).SetUint(uint64(k))
	val := reflect.New(members[k])
	f.fill(val.Elem(), depth+1)
	u.Elem().Field(1).Set(val)
	v.Set(u)
}

// objRandomCase is one root type of the property test.
type objRandomCase struct {
	name   string
	new    func() objPacker
	unpack func(buf []byte) any
	// verify and verifyUntrusted are the generated buffer verifiers of the
	// root table (VerifyXBuffer, VerifyXBufferUntrusted): every packed
	// buffer must pass both.
	verify, verifyUntrusted func(buf []byte) error
	// ident is the root's file identifier, or "".
	ident string
	// want turns a generated object into what UnPack must return (keyed
	// vectors sorted); nil means unchanged.
	want func(in any)
	// fix makes a generated object valid input (unique keys); nil means
	// nothing to fix.
	fix func(in any)
}

func objRandomCases() []objRandomCase {
	return []objRandomCase{
		{name: "scalars.Plain", new: func() objPacker { return &scalars.PlainT{} },
			unpack: func(b []byte) any { return scalars.GetRootAsPlain(b, 0).UnPack() },
			verify: scalars.VerifyPlainBuffer, verifyUntrusted: scalars.VerifyPlainBufferUntrusted},
		{name: "scalars.Defaults", new: func() objPacker { return &scalars.DefaultsT{} },
			unpack: func(b []byte) any { return scalars.GetRootAsDefaults(b, 0).UnPack() },
			verify: scalars.VerifyDefaultsBuffer, verifyUntrusted: scalars.VerifyDefaultsBufferUntrusted},
		{name: "scalars.Optionals", new: func() objPacker { return &scalars.OptionalsT{} },
			unpack: func(b []byte) any { return scalars.GetRootAsOptionals(b, 0).UnPack() },
			verify: scalars.VerifyOptionalsBuffer, verifyUntrusted: scalars.VerifyOptionalsBufferUntrusted},
		{name: "scalars.Reading", ident: scalars.ReadingIdentifier, new: func() objPacker { return &scalars.ReadingT{} },
			unpack: func(b []byte) any { return scalars.GetRootAsReading(b, 0).UnPack() },
			verify: scalars.VerifyReadingBuffer, verifyUntrusted: scalars.VerifyReadingBufferUntrusted},
		{name: "enums.Palette", new: func() objPacker { return &enums.PaletteT{} },
			unpack: func(b []byte) any { return enums.GetRootAsPalette(b, 0).UnPack() },
			verify: enums.VerifyPaletteBuffer, verifyUntrusted: enums.VerifyPaletteBufferUntrusted},
		{name: "structs.Body", new: func() objPacker { return &structs.BodyT{} },
			unpack: func(b []byte) any { return structs.GetRootAsBody(b, 0).UnPack() },
			verify: structs.VerifyBodyBuffer, verifyUntrusted: structs.VerifyBodyBufferUntrusted},
		{name: "unions.Hero", ident: unions.HeroIdentifier, new: func() objPacker { return &unions.HeroT{} },
			unpack: func(b []byte) any { return unions.GetRootAsHero(b, 0).UnPack() },
			verify: unions.VerifyHeroBuffer, verifyUntrusted: unions.VerifyHeroBufferUntrusted},
		{name: "namespaces.Map", new: func() objPacker { return &namespaces.MapT{} },
			unpack: func(b []byte) any { return namespaces.GetRootAsMap(b, 0).UnPack() },
			verify: namespaces.VerifyMapBuffer, verifyUntrusted: namespaces.VerifyMapBufferUntrusted},
		{name: "service.Ping", new: func() objPacker { return &service.PingT{} },
			unpack: func(b []byte) any { return service.GetRootAsPing(b, 0).UnPack() },
			verify: service.VerifyPingBuffer, verifyUntrusted: service.VerifyPingBufferUntrusted},
		{name: "vectors.Bag", ident: vectors.BagIdentifier, new: func() objPacker { return &vectors.BagT{} },
			unpack: func(b []byte) any { return vectors.GetRootAsBag(b, 0).UnPack() },
			verify: vectors.VerifyBagBuffer, verifyUntrusted: vectors.VerifyBagBufferUntrusted,
			fix: func(in any) {
				bag := in.(*vectors.BagT)
				// Keys must be unique for the order after sorting to be
				// defined.
				for i, n := range bag.Named {
					n.Name += "#" + strconv.Itoa(i)
				}
				for i, e := range bag.Entries {
					e.Id = e.Id&^7 | uint32(i)
				}
				for i, tm := range bag.Timed {
					tm.At = tm.At&^7 | int64(i)
				}
				// A nested flatbuffer must hold a valid Payload.
				if bag.Nested != nil {
					bag.Nested = objPack(&vectors.PayloadT{Count: int32(len(bag.Nested))})
				}
				// Required fields must be present for the verifier.
				if bag.MustTable == nil {
					bag.MustTable = &vectors.PayloadT{}
				}
				if bag.MustStruct == nil {
					bag.MustStruct = &vectors.PairT{}
				}
			},
			want: func(in any) {
				bag := in.(*vectors.BagT)
				sorted := objSortedBag(bag)
				*bag = *sorted
			}},
	}
}

func TestObjectRandomRoundTrip(t *testing.T) {
	unionMembers := map[reflect.Type]map[uint8]reflect.Type{
		reflect.TypeFor[unions.WeaponT](): {
			uint8(unions.WeaponSword): reflect.TypeFor[unions.SwordT](),
			uint8(unions.WeaponAxe):   reflect.TypeFor[unions.AxeT](),
			uint8(unions.WeaponBow):   reflect.TypeFor[unions.BowT](),
		},
		reflect.TypeFor[unions.LootT](): {
			uint8(unions.LootPrimary):   reflect.TypeFor[unions.SwordT](),
			uint8(unions.LootSecondary): reflect.TypeFor[unions.SwordT](),
			uint8(unions.LootRanged):    reflect.TypeFor[unions.BowT](),
		},
	}
	structTypes := map[reflect.Type]bool{}
	for _, v := range []any{
		structs.Vec3T{}, structs.PaddedT{}, structs.PlacementT{}, structs.AlignedT{},
		structs.GridT{}, structs.OuterT{}, structs.StackT{}, vectors.PairT{}, namespaces.PointT{},
	} {
		structTypes[reflect.TypeOf(v)] = true
	}
	const iterations = 200
	for ci, tc := range objRandomCases() {
		t.Run(tc.name, func(t *testing.T) {
			for i := 0; i < iterations; i++ {
				seed := uint64(ci)<<32 | uint64(i)
				gen := func() objPacker {
					f := &objFiller{r: rand.New(rand.NewPCG(seed, 0x5eed)), unions: unionMembers, structs: structTypes}
					obj := tc.new()
					f.fill(reflect.ValueOf(obj).Elem(), 0)
					if tc.fix != nil {
						tc.fix(obj)
					}
					return obj
				}
				in, want := gen(), gen()
				b := flatbuffers.NewBuilder(0)
				if tc.ident != "" {
					b.FinishWithFileIdentifier(in.Pack(b), []byte(tc.ident))
				} else {
					b.Finish(in.Pack(b))
				}
				buf := b.FinishedBytes()
				if !reflect.DeepEqual(in, want) {
					t.Fatalf("seed %d: Pack modified its input", seed)
				}
				if err := tc.verify(buf); err != nil {
					t.Fatalf("seed %d: packed buffer fails verification: %v\n%s", seed, err, objDump(in))
				}
				if err := tc.verifyUntrusted(buf); err != nil {
					t.Fatalf("seed %d: packed buffer fails the bounded verification: %v\n%s", seed, err, objDump(in))
				}
				if tc.want != nil {
					tc.want(want)
				}
				if got := tc.unpack(buf); !reflect.DeepEqual(got, want) {
					t.Fatalf("seed %d: round trip differs\n got: %s\nwant: %s", seed, objDump(got), objDump(want))
				}
			}
		})
	}
}
