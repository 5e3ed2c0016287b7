package templates

// Decoders of the author's structs (see gogen.go). They read a verified
// buffer with the flatbuffers table primitives and copy everything they
// keep (strings, byte slices), so the result never aliases the buffer.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// goDecode emits the exported decoder, which verifies, and the unexported
// one that the generated code shares:
//
//	// DecodeItem verifies that buf holds an Item table at its root (with the
//	// bounds for untrusted input) and reads it into v, replacing what v held.
//	func DecodeItem(buf []byte, v *Item) error {
//		if err := VerifyItemBufferUntrusted(buf); err != nil {
//			return err
//		}
//		decodeItem(buf, flatbuffers.GetUOffsetT(buf), v)
//		return nil
//	}
//
//	// decodeItem reads the Item table at pos in the verified buf into v.
//	func decodeItem(buf []byte, pos flatbuffers.UOffsetT, v *Item) {
//		t := flatbuffers.Table{Bytes: buf, Pos: pos}
//		*v = Item{}
//		v.Count = t.GetUint32Slot(8, 0)
//		if o := flatbuffers.UOffsetT(t.Offset(4)); o != 0 {
//			v.ID = string(t.ByteVector(o + t.Pos))
//		}
//		... (goDecodeField for every field)
//	}
func (g *gen) goDecode(f *jen.File, t *schema.Table) {
	name := g.names.Of(&t.Decl)
	typ := jen.Qual(t.Go.Pkg, t.Go.Name)
	f.Add(objDoc("Decode%s verifies that buf holds %s %s table at its root (with the\n"+
		"bounds for untrusted input, Verify%sBufferUntrusted) and reads it into v,\n"+
		"replacing what v held. Nothing in v refers to buf afterwards.", name, article(name), name, name))
	f.Func().Id("Decode"+name).Params(jen.Id("buf").Index().Byte(), jen.Id("v").Op("*").Add(typ.Clone())).Error().Block(
		jen.If(jen.Err().Op(":=").Id("Verify"+name+"BufferUntrusted").Call(jen.Id("buf")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Err())),
		jen.Id("decode"+name).Call(jen.Id("buf"), fbQual("GetUOffsetT").Call(jen.Id("buf")), jen.Id("v")),
		jen.Return(jen.Nil()),
	)
	body := []jen.Code{
		jen.Id("t").Op(":=").Add(fbQual("Table")).Values(jen.Dict{jen.Id("Bytes"): jen.Id("buf"), jen.Id("Pos"): jen.Id("pos")}),
		jen.Op("*").Id("v").Op("=").Add(typ.Clone()).Values(),
	}
	for _, fl := range t.Fields {
		if fl.Deprecated {
			continue
		}
		goName := fl.Go.Name
		body = append(body, g.goDecodeField(fl, func() *jen.Statement { return jen.Id("v").Dot(goName) }))
	}
	f.Add(objDoc("decode%s reads the %s table at pos in the verified buf into v.", name, name))
	f.Func().Id("decode"+name).Params(
		jen.Id("buf").Index().Byte(), jen.Id("pos").Add(fbQual("UOffsetT")), jen.Id("v").Op("*").Add(typ.Clone()),
	).Block(body...)
}

// goEntryDecode emits the decoder of a map entry:
//
//	// decodeItemAttrsEntry reads one ItemAttrsEntry table.
//	func decodeItemAttrsEntry(buf []byte, pos flatbuffers.UOffsetT) (key string, value string) {
//		t := flatbuffers.Table{Bytes: buf, Pos: pos}
//		... (goDecodeField for key and value)
//		return key, value
//	}
func (g *gen) goEntryDecode(f *jen.File, t *schema.Table) {
	name := g.names.Of(&t.Decl)
	k, v := t.Fields[0], t.Fields[1]
	body := []jen.Code{
		jen.Id("t").Op(":=").Add(fbQual("Table")).Values(jen.Dict{jen.Id("Bytes"): jen.Id("buf"), jen.Id("Pos"): jen.Id("pos")}),
		g.goDecodeField(k, func() *jen.Statement { return jen.Id("key") }),
		g.goDecodeField(v, func() *jen.Statement { return jen.Id("value") }),
		jen.Return(jen.Id("key"), jen.Id("value")),
	}
	f.Add(objDoc("decode%s reads one %s table.", name, name))
	f.Func().Id("decode"+name).Params(jen.Id("buf").Index().Byte(), jen.Id("pos").Add(fbQual("UOffsetT"))).Params(
		jen.Id("key").Add(goTypeCode(k.Go.Type)), jen.Id("value").Add(goTypeCode(v.Go.Type)),
	).Block(body...)
}

// present is `if o := flatbuffers.UOffsetT(t.Offset(vo)); o != 0 { body }`.
func present(fl *schema.Field, body ...jen.Code) jen.Code {
	return jen.If(jen.Id("o").Op(":=").Add(fbQual("UOffsetT")).Call(jen.Id("t").Dot("Offset").Call(jen.Lit(fl.VOffset()))),
		jen.Id("o").Op("!=").Lit(0)).Block(body...)
}

// at is `o + t.Pos`, the absolute position of a present field.
func at() *jen.Statement { return jen.Id("o").Op("+").Id("t").Dot("Pos") }

// goDecodeField emits the statement that reads one field into x:
//
//	v.Count = t.GetUint32Slot(8, 0)                           // scalars
//	if o := ...; o != 0 { p := t.GetInt32(o + t.Pos); v.I32 = &p }  // optional scalars
//	if o := ...; o != 0 { v.ID = string(t.ByteVector(o + t.Pos)) } // strings (copied)
//	if o := ...; o != 0 { v.Created = decodeTimestamp(buf, o + t.Pos) }
//	if o := ...; o != 0 { decodeScalars(buf, t.Indirect(o+t.Pos), &v.Scalars) }
//	if o := ...; o != 0 { v.Opt = new(Optionals); decodeOptionals(buf, t.Indirect(o+t.Pos), v.Opt) }
//	if o := ...; o != 0 { v.Data = append([]byte(nil), t.ByteVector(o+t.Pos)...) }
//	vectors and maps: goDecodeVector, goDecodeMap
func (g *gen) goDecodeField(fl *schema.Field, x func() *jen.Statement) jen.Code {
	gt, k := fl.Go.Type, fl.Type.Kind
	switch {
	case k.IsScalar() && fl.Optional:
		return present(fl,
			jen.Id("p").Op(":=").Add(fromWire(gt.Elem, k, jen.Id("t").Dot("Get"+accessSuffix(k)).Call(at()))),
			x().Op("=").Op("&").Id("p"))
	case k.IsScalar():
		zero := jen.Lit(0)
		if k == schema.KindBool {
			zero = jen.False()
		}
		return x().Op("=").Add(fromWire(gt, k, jen.Id("t").Dot("Get"+accessSuffix(k)+"Slot").Call(jen.Lit(fl.VOffset()), zero)))
	case k == schema.KindString && gt.Kind == schema.GoPointer:
		return present(fl,
			jen.Id("s").Op(":=").Add(fromWire(gt.Elem, k, jen.Id("t").Dot("ByteVector").Call(at()))),
			x().Op("=").Op("&").Id("s"))
	case k == schema.KindString:
		return present(fl, x().Op("=").Add(fromWire(gt, k, jen.Id("t").Dot("ByteVector").Call(at()))))
	case k == schema.KindStruct:
		dec := jen.Id("decode"+g.names.Of(&fl.Type.Struct.Decl)).Call(jen.Id("buf"), at())
		if gt.Kind == schema.GoPointer {
			return present(fl, jen.Id("tm").Op(":=").Add(dec), x().Op("=").Op("&").Id("tm"))
		}
		return present(fl, x().Op("=").Add(dec))
	case k == schema.KindTable:
		dec := jen.Id("decode" + g.names.Of(&fl.Type.Table.Decl))
		pos := jen.Id("t").Dot("Indirect").Call(at())
		if gt.Kind == schema.GoPointer {
			return present(fl,
				x().Op("=").New(goTypeCode(gt.Elem)),
				dec.Call(jen.Id("buf"), pos, x()))
		}
		return present(fl, dec.Call(jen.Id("buf"), pos, jen.Op("&").Add(x())))
	case gt.Kind == schema.GoBytes:
		return present(fl, x().Op("=").Append(jen.Index().Byte().Call(jen.Nil()), jen.Id("t").Dot("ByteVector").Call(at()).Op("...")))
	case gt.Kind == schema.GoSlice:
		return present(fl, g.goDecodeVector(fl.Type.Elem, gt, x)...)
	case gt.Kind == schema.GoMap:
		return present(fl, g.goDecodeMap(fl, gt, x)...)
	}
	return jen.Null()
}

// goDecodeVector reads a vector field into a new slice:
//
//	if n, a := t.VectorLen(o), t.Vector(o); n > 0 {
//		s := make([]int64, n)
//		for i := range s {
//			s[i] = t.GetInt64(a + flatbuffers.UOffsetT(i)*8)
//		}
//		v.Numbers = s
//	}
func (g *gen) goDecodeVector(et *schema.Type, gt *schema.GoType, x func() *jen.Statement) []jen.Code {
	p := jen.Id("a").Op("+").Add(fbQual("UOffsetT")).Call(jen.Id("i")).Op("*").Lit(et.InlineSize())
	si := jen.Id("s").Index(jen.Id("i"))
	var set []jen.Code
	switch {
	case et.Kind.IsScalar():
		set = []jen.Code{si.Clone().Op("=").Add(fromWire(gt.Elem, et.Kind, jen.Id("t").Dot("Get"+accessSuffix(et.Kind)).Call(p)))}
	case et.Kind == schema.KindString:
		set = []jen.Code{si.Clone().Op("=").Add(fromWire(gt.Elem, et.Kind, jen.Id("t").Dot("ByteVector").Call(p)))}
	case et.Kind == schema.KindStruct:
		set = []jen.Code{si.Clone().Op("=").Id("decode"+g.names.Of(&et.Struct.Decl)).Call(jen.Id("buf"), p)}
	case gt.Elem.Kind == schema.GoPointer:
		set = []jen.Code{
			si.Clone().Op("=").New(goTypeCode(gt.Elem.Elem)),
			jen.Id("decode"+g.names.Of(&et.Table.Decl)).Call(jen.Id("buf"), jen.Id("t").Dot("Indirect").Call(p), si.Clone()),
		}
	default:
		set = []jen.Code{jen.Id("decode"+g.names.Of(&et.Table.Decl)).Call(jen.Id("buf"), jen.Id("t").Dot("Indirect").Call(p), jen.Op("&").Add(si.Clone()))}
	}
	return []jen.Code{jen.If(vectorLen(), jen.Id("n").Op(">").Lit(0)).Block(
		jen.Id("s").Op(":=").Make(goTypeCode(gt), jen.Id("n")),
		jen.For(jen.Id("i").Op(":=").Range().Id("s")).Block(set...),
		x().Op("=").Id("s"),
	)}
}

// goDecodeMap reads a vector of entries into a new map:
//
//	if n, a := t.VectorLen(o), t.Vector(o); n > 0 {
//		m := make(map[string]string, n)
//		for i := 0; i < n; i++ {
//			k, e := decodeItemAttrsEntry(buf, t.Indirect(a+flatbuffers.UOffsetT(i)*4))
//			m[k] = e
//		}
//		v.Attrs = m
//	}
func (g *gen) goDecodeMap(fl *schema.Field, gt *schema.GoType, x func() *jen.Statement) []jen.Code {
	entry := fl.Type.Elem.Table
	p := jen.Id("a").Op("+").Add(fbQual("UOffsetT")).Call(jen.Id("i")).Op("*").Lit(4)
	return []jen.Code{jen.If(vectorLen(), jen.Id("n").Op(">").Lit(0)).Block(
		jen.Id("m").Op(":=").Make(goTypeCode(gt), jen.Id("n")),
		jen.For(jen.Id("i").Op(":=").Lit(0), jen.Id("i").Op("<").Id("n"), jen.Id("i").Op("++")).Block(
			jen.List(jen.Id("k"), jen.Id("e")).Op(":=").Id("decode"+g.names.Of(&entry.Decl)).Call(
				jen.Id("buf"), jen.Id("t").Dot("Indirect").Call(p)),
			jen.Id("m").Index(jen.Id("k")).Op("=").Id("e"),
		),
		x().Op("=").Id("m"),
	)}
}

// vectorLen is `n, a := t.VectorLen(o), t.Vector(o)`: an empty vector
// decodes as nil, like an absent one, so every decoded value has one form.
func vectorLen() *jen.Statement {
	return jen.List(jen.Id("n"), jen.Id("a")).Op(":=").List(jen.Id("t").Dot("VectorLen").Call(jen.Id("o")), jen.Id("t").Dot("Vector").Call(jen.Id("o")))
}
