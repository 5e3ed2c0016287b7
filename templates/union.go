package templates

// Union emitter. A union's discriminant is an enum over byte, exactly as
// flatc 25.x writes it for `union Any { Monster, W: Weapon }`:
//
//	type Any byte
//	const ( AnyNONE Any = 0; AnyMonster Any = 1; AnyW Any = 2 )
//	var EnumNamesAny, EnumValuesAny; func (v Any) String() string
//
// Members are named after their alias when one is written. The object-API
// side (AnyT, Pack, UnPack) is emitted by unionObject (object.go); the
// accessors that read a union value live on the table holding it (table.go).

import (
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// union emits a union's discriminant type:
//
//	// doc
//	type Any byte
//
//	const (
//		AnyNONE    Any = 0
//		AnyMonster Any = 1
//	)
//
//	var EnumNamesAny = map[Any]string{...}
//	var EnumValuesAny = map[string]Any{...}
//	func (v Any) String() string {...}
func (g *gen) union(f *jen.File, u *schema.Union) {
	members := make([]enumMember, len(u.Values))
	for i, v := range u.Values {
		// flatc names an unaliased member after its type's full name with
		// the dots replaced: MyGame.Monster -> MyGame_Monster.
		members[i] = enumMember{name: strings.ReplaceAll(v.Name, ".", "_"), value: jen.Lit(int(v.Value)), doc: v.Doc}
	}
	g.enumLike(f, g.unionName(u), u.Name, basicGoType(schema.KindUType), u.Doc, members)
}
