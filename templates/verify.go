package templates

// Verifier emitter: for every table Monster, the buffer verifiers
//
//	func VerifyMonsterBuffer(buf []byte) error
//	func VerifyMonsterBufferWith(buf []byte, opts verify.Options) error
//	func VerifyMonsterBufferUntrusted(buf []byte) error
//	func VerifySizePrefixedMonsterBuffer(buf []byte) error
//	func VerifySizePrefixedMonsterBufferWith(buf []byte, opts verify.Options) error
//
// built on the unexported per-table and per-union functions
//
//	func verifyMonster(v *verify.Verifier, pos uint32) error
//	func verifyAny(v *verify.Verifier, typ Any, at uint32) error
//
// which check, with the runtime/verify library, everything an accessor or
// UnPack of the table can reach. Structs need no function of their own:
// they are fixed-size, so their size and alignment are checked where they
// are stored.

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// verifyPkg is the import path of the verifier library the generated code
// calls.
const verifyPkg = "github.com/wsgen/wsgen/runtime/verify"

// vq names an identifier of the verifier library: verify.<name>.
func vq(name string) *jen.Statement { return jen.Qual(verifyPkg, name) }

// verifyFunc is the name of the unexported verifier of a table or union.
func verifyFunc(goName string) string { return "verify" + goName }

// structVerifier emits nothing: a struct is checked as a fixed-size,
// aligned run of bytes by whatever holds it (Verifier.Inline in a table,
// Verifier.Vector in a vector, Verifier.Struct in a union).
func (g *gen) structVerifier(f *jen.File, s *schema.Struct) {}

// tableVerifier emits the exported buffer verifiers of a table and its
// unexported verifier function:
//
//	// VerifyMonsterBuffer checks that buf holds a valid Monster at its root ...
//	func VerifyMonsterBuffer(buf []byte) error {
//		return VerifyMonsterBufferWith(buf, verify.Options{})
//	}
//
//	// VerifyMonsterBufferWith is VerifyMonsterBuffer with the limits in opts.
//	func VerifyMonsterBufferWith(buf []byte, opts verify.Options) error {
//		v := verify.New(buf, opts)
//		root, err := v.Root(MonsterIdentifier) // v.SizePrefixedRoot for the size-prefixed pair; "" without an identifier
//		if err != nil {
//			return err
//		}
//		return verifyMonster(v, root)
//	}
//
//	// VerifyMonsterBufferUntrusted is VerifyMonsterBuffer with its work bounded ...
//	func VerifyMonsterBufferUntrusted(buf []byte) error {
//		return VerifyMonsterBufferWith(buf, verify.Options{}.ForUntrusted(len(buf)))
//	}
//
//	// verifyMonster verifies the Monster table at pos and all it refers to.
//	func verifyMonster(v *verify.Verifier, pos uint32) error {
//		t, err := v.Table(pos)
//		if err != nil {
//			return err
//		}
//		... one check per field (verifyField)
//		v.EndTable()
//		return nil
//	}
func (g *gen) tableVerifier(f *jen.File, t *schema.Table) {
	name := g.tableName(t)
	ident := jen.Lit("")
	identDoc := ""
	if g.s.RootTable == t && g.s.FileIdentifier != "" {
		ident = jen.Id(name + "Identifier")
		identDoc = fmt.Sprintf("\nThe buffer must carry the file identifier %q.", g.s.FileIdentifier)
	}
	for _, prefix := range []string{"", "SizePrefixed"} {
		fn := "Verify" + prefix + name + "Buffer"
		if prefix == "" {
			f.Add(objDoc("%s checks that buf holds a valid %s at its root within the\n"+
				"default verify.Options limits. After it returns nil, no accessor or UnPack\n"+
				"of %s panics on buf; otherwise the *verify.Error says what is wrong and where.%s",
				fn, name, name, identDoc))
		} else {
			f.Add(objDoc("%s is Verify%sBuffer for a buffer that starts with a\n32-bit size prefix.", fn, name))
		}
		f.Func().Id(fn).Params(jen.Id("buf").Index().Byte()).Error().Block(
			jen.Return(jen.Id(fn+"With").Call(jen.Id("buf"), vq("Options").Values())),
		)
		f.Add(objDoc("%sWith is %s with the limits set by opts.", fn, fn))
		f.Func().Id(fn+"With").Params(jen.Id("buf").Index().Byte(), jen.Id("opts").Add(vq("Options"))).Error().Block(
			jen.Id("v").Op(":=").Add(vq("New")).Call(jen.Id("buf"), jen.Id("opts")),
			jen.List(jen.Id("root"), jen.Err()).Op(":=").Id("v").Dot(prefix+"Root").Call(ident),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(jen.Id(verifyFunc(name)).Call(jen.Id("v"), jen.Id("root"))),
		)
		if prefix == "" {
			g.untrustedVerifier(f, name)
		}
	}

	var body []jen.Code
	for _, fld := range tableFieldsByID(t) {
		if fld.Deprecated {
			continue
		}
		body = append(body, g.verifyField(name, fld)...)
	}
	tv := jen.Id("t")
	if len(body) == 0 {
		tv = jen.Id("_")
	}
	stmts := []jen.Code{
		jen.List(tv, jen.Err()).Op(":=").Id("v").Dot("Table").Call(jen.Id("pos")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	stmts = append(stmts, body...)
	stmts = append(stmts, jen.Id("v").Dot("EndTable").Call(), jen.Return(jen.Nil()))
	f.Add(objDoc("%s verifies the %s table at pos and everything it refers to.", verifyFunc(name), name))
	f.Func().Id(verifyFunc(name)).Params(
		jen.Id("v").Op("*").Add(vq("Verifier")), jen.Id("pos").Uint32(),
	).Error().Block(stmts...)
}

// untrustedVerifier emits the verifier for payloads from untrusted peers
// (what the RPC code verifies requests and responses with):
//
//	// VerifyMonsterBufferUntrusted is VerifyMonsterBuffer with its work bounded ...
//	func VerifyMonsterBufferUntrusted(buf []byte) error {
//		return VerifyMonsterBufferWith(buf, verify.Options{}.ForUntrusted(len(buf)))
//	}
func (g *gen) untrustedVerifier(f *jen.File, name string) {
	fn := "Verify" + name + "BufferUntrusted"
	f.Add(objDoc("%s is Verify%sBuffer with its work bounded linearly in\n"+
		"len(buf) (verify.Options.ForUntrusted), for payloads from untrusted peers: a\n"+
		"small buffer whose sub-tables are shared cannot make it visit a table a\n"+
		"million times. Every buffer the object API packs passes it.", fn, name))
	f.Func().Id(fn).Params(jen.Id("buf").Index().Byte()).Error().Block(
		jen.Return(jen.Id("Verify"+name+"BufferWith").Call(jen.Id("buf"),
			vq("Options").Values().Dot("ForUntrusted").Call(jen.Len(jen.Id("buf"))))),
	)
}

// fieldCheck is what verifyField needs to know about the field it emits
// checks for: how to wrap an error with the field's path step.
type fieldCheck struct {
	table string
	fld   *schema.Field
}

// at wraps err in the field's path step: verify.AtField(err, "Monster", "name", 3).
func (c fieldCheck) at(err jen.Code) jen.Code {
	return jen.Return(vq("AtField").Call(err, jen.Lit(c.table), jen.Lit(c.fld.Name), jen.Lit(c.fld.ID)))
}

// atElem wraps err in the step of element i: verify.AtElem(err, "Monster", "kids", 5, int(i)).
func (c fieldCheck) atElem(err jen.Code) jen.Code {
	return jen.Return(vq("AtElem").Call(err, jen.Lit(c.table), jen.Lit(c.fld.Name), jen.Lit(c.fld.ID),
		jen.Int().Call(jen.Id("i"))))
}

// check emits `if err := call; err != nil { return verify.AtField(err, ...) }`.
func (c fieldCheck) check(call jen.Code) jen.Code {
	return jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(c.at(jen.Err()))
}

// vcall is a call of a Verifier method: v.Name(args...).
func vcall(method string, args ...jen.Code) *jen.Statement {
	return jen.Id("v").Dot(method).Call(args...)
}

// verifyField emits the checks of one table field, chosen by its type:
//
//	if err := v.Required(t, 6); err != nil { ... }         // required fields, first
//	if err := v.Inline(t, 4, 2, 2); err != nil {           // scalars and structs: size, alignment
//		return verify.AtField(err, "Monster", "hp", 0)
//	}
//	if err := v.StringField(t, 6); err != nil { ... }      // strings
//	if _, _, err := v.VectorField(t, 8, 4); err != nil { ... } // vectors of scalars and structs
//
// and for tables, unions and vectors of strings, tables and unions the
// forms shown at verifyOffsetField, verifyElems and verifyUnionVector.
func (g *gen) verifyField(table string, fld *schema.Field) []jen.Code {
	c := fieldCheck{table: table, fld: fld}
	t := &fld.Type
	vo := jen.Lit(fld.VOffset())
	var out []jen.Code
	if fld.Required {
		out = append(out, c.check(vcall("Required", jen.Id("t"), vo)))
	}
	switch {
	case t.Kind.IsScalar() || t.Kind == schema.KindStruct:
		out = append(out, c.check(vcall("Inline", jen.Id("t"), vo, jen.Lit(t.InlineSize()), jen.Lit(t.InlineAlign()))))
	case t.Kind == schema.KindString:
		out = append(out, c.check(vcall("StringField", jen.Id("t"), vo)))
	case t.Kind == schema.KindTable:
		out = append(out, g.verifyOffsetField(c, jen.Id(verifyFunc(g.tableName(t.Table))).Call(jen.Id("v"), jen.Id("p"))))
	case t.Kind == schema.KindUnion:
		typ := jen.Id(g.unionName(t.Union)).Call(vcall("Uint8", jen.Id("t"), jen.Lit(fld.UnionType.VOffset())))
		at := vcall("FieldPos", jen.Id("t"), vo)
		out = append(out, g.verifyOffsetField(c, jen.Id(verifyFunc(g.unionName(t.Union))).Call(jen.Id("v"), typ, at)))
	case t.Kind == schema.KindVector && fld.Hidden:
		// The types of a vector of unions: checked with the values, or
		// alone if the values are deprecated.
		if fld.UnionValue == nil || fld.UnionValue.Deprecated {
			out = append(out, g.verifyVector(c))
		}
	case t.Kind == schema.KindVector && t.Elem.Kind == schema.KindUnion:
		out = append(out, g.verifyUnionVector(c)...)
	case t.Kind == schema.KindVector && fld.NestedFlatbuffer != nil:
		out = append(out, g.verifyNested(c))
	case t.Kind == schema.KindVector:
		out = append(out, g.verifyVector(c))
	}
	return out
}

// verifyOffsetField emits the check of a table or union field: its offset,
// then what it points to, with p the position pointed to:
//
//	if p, err := v.OffsetField(t, 12); err != nil {
//		return verify.AtField(err, "Monster", "enemy", 4)
//	} else if p != 0 {
//		if err := verifyMonster(v, p); err != nil {            // verifyAny(v, Any(v.Uint8(t, 18)), v.FieldPos(t, 20)) for unions
//			return verify.AtField(err, "Monster", "enemy", 4)
//		}
//	}
//
// A union's offset is checked even when its type is NONE or unknown, as C++
// does; its value is then not followed.
func (g *gen) verifyOffsetField(c fieldCheck, then jen.Code) jen.Code {
	return jen.If(
		jen.List(jen.Id("p"), jen.Err()).Op(":=").Add(vcall("OffsetField", jen.Id("t"), jen.Lit(c.fld.VOffset()))),
		jen.Err().Op("!=").Nil(),
	).Block(c.at(jen.Err())).Else().If(jen.Id("p").Op("!=").Lit(0)).Block(c.check(then))
}

// verifyVector emits the check of a vector of scalars, structs, strings or
// tables; the last two also check each element:
//
//	if _, _, err := v.VectorField(t, 8, 12); err != nil {   // scalars and structs
//		return verify.AtField(err, "Monster", "path", 2)
//	}
//
//	if s, n, err := v.OffsetVectorField(t, 10); err != nil {
//		return verify.AtField(err, "Monster", "kids", 3)
//	} else {
//		for i := uint32(0); i < n; i++ {
//			if p, err := v.Indirect(s + 4*i); err != nil {
//				return verify.AtElem(err, "Monster", "kids", 3, int(i))
//			} else if err := verifyMonster(v, p); err != nil {  // v.String(p) for strings
//				return verify.AtElem(err, "Monster", "kids", 3, int(i))
//			}
//		}
//	}
func (g *gen) verifyVector(c fieldCheck) jen.Code {
	elem := c.fld.Type.Elem
	vo := jen.Lit(c.fld.VOffset())
	var each jen.Code
	switch elem.Kind {
	case schema.KindString:
		each = vcall("String", jen.Id("p"))
	case schema.KindTable:
		each = jen.Id(verifyFunc(g.tableName(elem.Table))).Call(jen.Id("v"), jen.Id("p"))
	default:
		return jen.If(
			jen.List(jen.Id("_"), jen.Id("_"), jen.Err()).Op(":=").Add(vcall("VectorField", jen.Id("t"), vo, jen.Lit(elem.InlineSize()))),
			jen.Err().Op("!=").Nil(),
		).Block(c.at(jen.Err()))
	}
	return jen.If(
		jen.List(jen.Id("s"), jen.Id("n"), jen.Err()).Op(":=").Add(vcall("OffsetVectorField", jen.Id("t"), vo)),
		jen.Err().Op("!=").Nil(),
	).Block(c.at(jen.Err())).Else().Block(
		jen.For(jen.Id("i").Op(":=").Uint32().Call(jen.Lit(0)), jen.Id("i").Op("<").Id("n"), jen.Id("i").Op("++")).Block(
			jen.If(
				jen.List(jen.Id("p"), jen.Err()).Op(":=").Add(vcall("Indirect", jen.Id("s").Op("+").Lit(4).Op("*").Id("i"))),
				jen.Err().Op("!=").Nil(),
			).Block(c.atElem(jen.Err())).Else().If(
				jen.Err().Op(":=").Add(each), jen.Err().Op("!=").Nil(),
			).Block(c.atElem(jen.Err())),
		),
	)
}

// verifyUnionVector emits the check of a vector of unions and its vector of
// types (the hidden field): both absent or both present and of the same
// length, and each value verified as its type says:
//
//	if ts, tn, err := v.VectorField(t, 14, 1); err != nil {
//		return verify.AtField(err, "Hero", "bag_type", 8)
//	} else if vs, vn, err := v.OffsetVectorField(t, 16); err != nil {
//		return verify.AtField(err, "Hero", "bag", 9)
//	} else if err := v.UnionVectors(ts, tn, vs, vn); err != nil {
//		return verify.AtField(err, "Hero", "bag", 9)
//	} else {
//		for i := uint32(0); i < vn; i++ {
//			if err := verifyWeapon(v, Weapon(v.Byte(ts+i)), vs+4*i); err != nil {
//				return verify.AtElem(err, "Hero", "bag", 9, int(i))
//			}
//		}
//	}
func (g *gen) verifyUnionVector(c fieldCheck) []jen.Code {
	types := fieldCheck{table: c.table, fld: c.fld.UnionType}
	u := c.fld.Type.Elem.Union
	typ := jen.Id(g.unionName(u)).Call(vcall("Byte", jen.Id("ts").Op("+").Id("i")))
	return []jen.Code{jen.If(
		jen.List(jen.Id("ts"), jen.Id("tn"), jen.Err()).Op(":=").Add(vcall("VectorField", jen.Id("t"), jen.Lit(c.fld.UnionType.VOffset()), jen.Lit(1))),
		jen.Err().Op("!=").Nil(),
	).Block(types.at(jen.Err())).Else().If(
		jen.List(jen.Id("vs"), jen.Id("vn"), jen.Err()).Op(":=").Add(vcall("OffsetVectorField", jen.Id("t"), jen.Lit(c.fld.VOffset()))),
		jen.Err().Op("!=").Nil(),
	).Block(c.at(jen.Err())).Else().If(
		jen.Err().Op(":=").Add(vcall("UnionVectors", jen.Id("ts"), jen.Id("tn"), jen.Id("vs"), jen.Id("vn"))),
		jen.Err().Op("!=").Nil(),
	).Block(c.at(jen.Err())).Else().Block(
		jen.For(jen.Id("i").Op(":=").Uint32().Call(jen.Lit(0)), jen.Id("i").Op("<").Id("vn"), jen.Id("i").Op("++")).Block(
			jen.If(
				jen.Err().Op(":=").Id(verifyFunc(g.unionName(u))).Call(jen.Id("v"), typ, jen.Id("vs").Op("+").Lit(4).Op("*").Id("i")),
				jen.Err().Op("!=").Nil(),
			).Block(c.atElem(jen.Err())),
		),
	)}
}

// verifyNested emits the check of a nested flatbuffer: the byte vector,
// then the buffer it holds, verified as its root table (without a file
// identifier, as C++ does):
//
//	if s, n, err := v.VectorField(t, 40, 1); err != nil {
//		return verify.AtField(err, "Bag", "nested", 17)
//	} else if root, outer, err := v.EnterNested(s, n); err != nil {
//		return verify.AtField(err, "Bag", "nested", 17)
//	} else if root != 0 {
//		err := verifyPayload(v, root)
//		v.LeaveNested(outer)
//		if err != nil {
//			return verify.AtField(err, "Bag", "nested", 17)
//		}
//	}
func (g *gen) verifyNested(c fieldCheck) jen.Code {
	return jen.If(
		jen.List(jen.Id("s"), jen.Id("n"), jen.Err()).Op(":=").Add(vcall("VectorField", jen.Id("t"), jen.Lit(c.fld.VOffset()), jen.Lit(1))),
		jen.Err().Op("!=").Nil(),
	).Block(c.at(jen.Err())).Else().If(
		jen.List(jen.Id("root"), jen.Id("outer"), jen.Err()).Op(":=").Add(vcall("EnterNested", jen.Id("s"), jen.Id("n"))),
		jen.Err().Op("!=").Nil(),
	).Block(c.at(jen.Err())).Else().If(jen.Id("root").Op("!=").Lit(0)).Block(
		jen.Err().Op(":=").Id(verifyFunc(g.tableName(c.fld.NestedFlatbuffer))).Call(jen.Id("v"), jen.Id("root")),
		vcall("LeaveNested", jen.Id("outer")),
		jen.If(jen.Err().Op("!=").Nil()).Block(c.at(jen.Err())),
	)
}

// unionVerifier emits the verifier of a union's value, given its type and
// the position of the offset that points to it:
//
//	// verifyAny verifies the Any value of type typ whose offset is stored at at.
//	func verifyAny(v *verify.Verifier, typ Any, at uint32) error {
//		switch typ {
//		case AnyMonster:
//			p, err := v.Indirect(at)
//			if err != nil {
//				return err
//			}
//			return verifyMonster(v, p)    // v.String(p) for strings, v.Struct(p, 12, 4) for structs
//		}
//		return nil
//	}
//
// NONE and types the schema does not know are accepted without following
// the offset, as C++ does: no accessor can reach a value of unknown type.
func (g *gen) unionVerifier(f *jen.File, u *schema.Union) {
	name := g.unionName(u)
	var cases []jen.Code
	for _, m := range u.Values {
		var check jen.Code
		switch m.Type.Kind {
		case schema.KindTable:
			check = jen.Id(verifyFunc(g.tableName(m.Type.Table))).Call(jen.Id("v"), jen.Id("p"))
		case schema.KindStruct:
			check = vcall("Struct", jen.Id("p"), jen.Lit(m.Type.Struct.Size), jen.Lit(m.Type.Struct.Align))
		case schema.KindString:
			check = vcall("String", jen.Id("p"))
		default:
			continue
		}
		cases = append(cases, jen.Case(jen.Id(g.unionVariant(u, m))).Block(
			jen.List(jen.Id("p"), jen.Err()).Op(":=").Add(vcall("Indirect", jen.Id("at"))),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(check),
		))
	}
	var body []jen.Code
	if len(cases) > 0 {
		body = append(body, jen.Switch(jen.Id("typ")).Block(cases...))
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Add(objDoc("%s verifies the %s value of type typ whose offset is stored at at.", verifyFunc(name), name))
	f.Func().Id(verifyFunc(name)).Params(
		jen.Id("v").Op("*").Add(vq("Verifier")), jen.Id("typ").Id(name), jen.Id("at").Uint32(),
	).Error().Block(body...)
}
