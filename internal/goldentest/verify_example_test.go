package goldentest

import (
	"errors"
	"fmt"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime/verify"
	"github.com/wsgen/wsgen/testdata/golden/unions"
)

// Every generated table has VerifyXBuffer: call it on bytes from the
// network before reading them; after it returns nil no accessor or UnPack
// panics.
func Example_verifyBuffer() {
	b := flatbuffers.NewBuilder(0)
	hero := (&unions.HeroT{Name: "Ann"}).Pack(b)
	unions.FinishHeroBuffer(b, hero)
	buf := b.FinishedBytes()

	if err := unions.VerifyHeroBuffer(buf); err == nil {
		fmt.Println(string(unions.GetRootAsHero(buf, 0).Name()))
	}

	// Corrupt the length of the name.
	buf[len(buf)-8] = 200
	err := unions.VerifyHeroBuffer(buf)
	fmt.Println(err)
	var e *verify.Error
	if errors.As(err, &e) && e.Code == verify.OutOfBounds {
		fmt.Println("rejected at", e.Path[0].Field)
	}

	// Limits: a Hero holding a Sword nests two tables deep.
	b.Reset()
	hero = (&unions.HeroT{Main: &unions.WeaponT{Type: unions.WeaponSword, Value: &unions.SwordT{}}}).Pack(b)
	unions.FinishHeroBuffer(b, hero)
	fmt.Println(verify.CodeOf(unions.VerifyHeroBufferWith(b.FinishedBytes(), verify.Options{MaxDepth: 1})))
	// Output:
	// Ann
	// verify: Hero.name (field 0) at offset 0x18: string length 200 runs past end of buffer (size 32)
	// rejected at name
	// tables nested too deep
}

// Payloads from untrusted peers (what the RPC runtime verifies) go through
// VerifyXBufferUntrusted: the same checks, with the verifier's work bounded
// by the buffer's size. Whatever the object API packs passes it.
func Example_verifyUntrusted() {
	b := flatbuffers.NewBuilder(0)
	hero := &unions.HeroT{Name: "Ann", Bag: []*unions.WeaponT{
		{Type: unions.WeaponSword, Value: &unions.SwordT{Damage: 3}},
		nil, // packed as NONE
	}}
	unions.FinishHeroBuffer(b, hero.Pack(b))
	fmt.Println(unions.VerifyHeroBufferUntrusted(b.FinishedBytes()))
	// Output:
	// <nil>
}
