package templates

// Encoders of the author's structs (see gogen.go). Every field is written
// by straight-line code: offsets (strings, vectors, sub-tables) are built
// first, then the table with its scalars and the offsets.

import (
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// encField is one field to encode with the Go expression of its value.
type encField struct {
	fl *schema.Field
	x  func() *jen.Statement // the value: v.Name, key, value
}

// goEncode emits the encoder of a struct's table:
//
//	// EncodeItem builds v as an Item table in b and returns its offset; finish
//	// the buffer with b.Finish. A nil v builds an empty table.
//	func EncodeItem(b *flatbuffers.Builder, v *Item) flatbuffers.UOffsetT {
//		if v == nil {
//			b.StartObject(0)
//			return b.EndObject()
//		}
//		var idOff flatbuffers.UOffsetT
//		if v.ID != "" {
//			idOff = b.CreateString(v.ID)
//		}
//		... (goEncodePre for every field)
//		b.StartObject(3)
//		b.PrependInt64Slot(2, int64(v.TTL), 0)
//		b.PrependUOffsetTSlot(0, idOff, 0)
//		... (goEncodeAdd, larger fields first)
//		return b.EndObject()
//	}
func (g *gen) goEncode(f *jen.File, t *schema.Table) {
	name := g.names.Of(&t.Decl)
	var fs []encField
	for _, fl := range t.Fields {
		if fl.Deprecated {
			continue
		}
		goName := fl.Go.Name
		fs = append(fs, encField{fl, func() *jen.Statement { return jen.Id("v").Dot(goName) }})
	}
	body := []jen.Code{
		jen.If(jen.Id("v").Op("==").Nil()).Block(
			jen.Id("b").Dot("StartObject").Call(jen.Lit(0)),
			jen.Return(jen.Id("b").Dot("EndObject").Call()),
		),
	}
	body = append(body, g.goEncodeTable(t, fs)...)
	f.Add(objDoc("Encode%s builds v as %s %s table in b and returns its offset; finish\n"+
		"the buffer with b.Finish. A nil v builds an empty table.", name, article(name), name))
	f.Func().Id("Encode"+name).Params(
		jen.Id("b").Op("*").Add(fbQual("Builder")), jen.Id("v").Op("*").Qual(t.Go.Pkg, t.Go.Name),
	).Add(fbQual("UOffsetT")).Block(body...)
}

// goEntryEncode emits the encoder of a map entry table:
//
//	// encodeItemAttrsEntry builds one entry of Item.Attrs.
//	func encodeItemAttrsEntry(b *flatbuffers.Builder, key string, value string) flatbuffers.UOffsetT {
//		... as goEncode
//	}
func (g *gen) goEntryEncode(f *jen.File, t *schema.Table) {
	name := g.names.Of(&t.Decl)
	k, v := t.Fields[0], t.Fields[1]
	fs := []encField{
		{k, func() *jen.Statement { return jen.Id("key") }},
		{v, func() *jen.Statement { return jen.Id("value") }},
	}
	f.Add(objDoc("encode%s builds one %s table.", name, name))
	f.Func().Id("encode"+name).Params(
		jen.Id("b").Op("*").Add(fbQual("Builder")),
		jen.Id("key").Add(goTypeCode(k.Go.Type)), jen.Id("value").Add(goTypeCode(v.Go.Type)),
	).Add(fbQual("UOffsetT")).Block(g.goEncodeTable(t, fs)...)
}

// goEncodeTable is the body shared by table and entry encoders.
func (g *gen) goEncodeTable(t *schema.Table, fs []encField) []jen.Code {
	var body []jen.Code
	scratch := false
	for _, e := range fs {
		pre, usesScratch := g.goEncodePre(e)
		body = append(body, pre...)
		scratch = scratch || usesScratch
	}
	if scratch {
		// Offsets of vector elements collect here; on the stack unless many.
		body = append([]jen.Code{jen.Var().Id("scratch").Index(jen.Lit(16)).Add(fbQual("UOffsetT"))}, body...)
	}
	n := 0
	for _, fl := range t.Fields {
		if fl.ID+1 > n {
			n = fl.ID + 1
		}
	}
	body = append(body, jen.Id("b").Dot("StartObject").Call(jen.Lit(n)))
	sorted := append([]encField(nil), fs...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].fl.Type.InlineSize() > sorted[j].fl.Type.InlineSize()
	})
	for _, e := range sorted {
		body = append(body, g.goEncodeAdd(e)...)
	}
	return append(body, jen.Return(jen.Id("b").Dot("EndObject").Call()))
}

// goEncodePre emits what a field needs built before its table starts, and
// reports whether it uses the scratch offsets:
//
//	var tagsOff flatbuffers.UOffsetT
//	if len(v.Tags) > 0 {
//		offs := scratch[:0]
//		for _, e := range v.Tags {
//			offs = append(offs, b.CreateString(e))
//		}
//		tagsOff = endOffsets(b, offs)  (spelled out: StartVector, PrependUOffsetT, EndVector)
//	}
func (g *gen) goEncodePre(e encField) ([]jen.Code, bool) {
	fl, gt := e.fl, e.fl.Go.Type
	off := offName(fl)
	decl := jen.Var().Id(off).Add(fbQual("UOffsetT"))
	set := func(v jen.Code) jen.Code { return jen.Id(off).Op("=").Add(v) }
	switch {
	case fl.Type.Kind == schema.KindString && gt.Kind == schema.GoPointer:
		return []jen.Code{decl, jen.If(e.x().Op("!=").Nil()).Block(
			set(jen.Id("b").Dot("CreateString").Call(toWire(gt.Elem, schema.KindString, jen.Op("*").Add(e.x())))))}, false
	case fl.Type.Kind == schema.KindString && fl.Key:
		// A key is required (flatc's rule), even when empty.
		return []jen.Code{jen.Id(off).Op(":=").Id("b").Dot("CreateString").Call(toWire(gt, schema.KindString, e.x()))}, false
	case fl.Type.Kind == schema.KindString:
		return []jen.Code{decl, jen.If(e.x().Op("!=").Lit("")).Block(
			set(jen.Id("b").Dot("CreateString").Call(toWire(gt, schema.KindString, e.x()))))}, false
	case fl.Type.Kind == schema.KindTable && gt.Kind == schema.GoPointer:
		return []jen.Code{decl, jen.If(e.x().Op("!=").Nil()).Block(
			set(jen.Id(g.encodeFunc(fl.Type.Table)).Call(jen.Id("b"), e.x())))}, false
	case fl.Type.Kind == schema.KindTable:
		return []jen.Code{jen.Id(off).Op(":=").Id(g.encodeFunc(fl.Type.Table)).Call(jen.Id("b"), jen.Op("&").Add(e.x()))}, false
	case gt.Kind == schema.GoBytes:
		return []jen.Code{decl, jen.If(jen.Len(e.x()).Op(">").Lit(0)).Block(
			set(jen.Id("b").Dot("CreateByteVector").Call(e.x())))}, false
	case gt.Kind == schema.GoSlice:
		build, scratch := g.goEncodeVector(fl.Type.Elem, gt.Elem, e.x, off)
		return []jen.Code{decl, jen.If(jen.Len(e.x()).Op(">").Lit(0)).Block(build...)}, scratch
	case gt.Kind == schema.GoMap:
		return []jen.Code{decl, jen.If(jen.Len(e.x()).Op(">").Lit(0)).Block(g.goEncodeMap(fl, gt, e.x, off)...)}, true
	}
	return nil, false
}

// encodeFunc names the encoder of a table: EncodeItem, or encodeXEntry for
// a map entry.
func (g *gen) encodeFunc(t *schema.Table) string {
	if t.Go.Name == "" {
		return "encode" + g.names.Of(&t.Decl)
	}
	return "Encode" + g.names.Of(&t.Decl)
}

// goEncodeVector builds a vector of the elements of x into off:
//
//	b.StartVector(8, len(v.Numbers), 8)
//	for i := len(v.Numbers) - 1; i >= 0; i-- {
//		b.PrependInt64(v.Numbers[i])
//	}
//	numbersOff = b.EndVector(len(v.Numbers))
//
// Strings and tables are built first, their offsets collected in scratch.
func (g *gen) goEncodeVector(et *schema.Type, egt *schema.GoType, x func() *jen.Statement, off string) ([]jen.Code, bool) {
	item := func() *jen.Statement { return x().Index(jen.Id("i")) }
	reverse := func(body ...jen.Code) jen.Code {
		return jen.For(jen.Id("i").Op(":=").Len(x()).Op("-").Lit(1), jen.Id("i").Op(">=").Lit(0), jen.Id("i").Op("--")).Block(body...)
	}
	switch {
	case et.Kind.IsScalar():
		return []jen.Code{
			jen.Id("b").Dot("StartVector").Call(jen.Lit(et.InlineSize()), jen.Len(x()), jen.Lit(et.InlineAlign())),
			reverse(jen.Id("b").Dot("Prepend" + accessSuffix(et.Kind)).Call(toWire(egt, et.Kind, item()))),
			jen.Id(off).Op("=").Id("b").Dot("EndVector").Call(jen.Len(x())),
		}, false
	case et.Kind == schema.KindStruct:
		return []jen.Code{
			jen.Id("b").Dot("StartVector").Call(jen.Lit(et.InlineSize()), jen.Len(x()), jen.Lit(et.InlineAlign())),
			reverse(jen.Id("encode"+g.names.Of(&et.Struct.Decl)).Call(jen.Id("b"), item())),
			jen.Id(off).Op("=").Id("b").Dot("EndVector").Call(jen.Len(x())),
		}, false
	}
	var elem jen.Code
	switch {
	case et.Kind == schema.KindString:
		elem = jen.Id("b").Dot("CreateString").Call(toWire(egt, schema.KindString, jen.Id("e")))
	case egt.Kind == schema.GoPointer:
		elem = jen.Id(g.encodeFunc(et.Table)).Call(jen.Id("b"), jen.Id("e"))
	default:
		elem = jen.Id(g.encodeFunc(et.Table)).Call(jen.Id("b"), jen.Op("&").Add(x()).Index(jen.Id("i")))
	}
	loop := jen.For(jen.List(jen.Id("_"), jen.Id("e")).Op(":=").Range().Add(x())).Block(
		jen.Id("offs").Op("=").Append(jen.Id("offs"), elem))
	if et.Kind == schema.KindTable && egt.Kind != schema.GoPointer {
		loop = jen.For(jen.Id("i").Op(":=").Range().Add(x())).Block(
			jen.Id("offs").Op("=").Append(jen.Id("offs"), elem))
	}
	return append([]jen.Code{jen.Id("offs").Op(":=").Id("scratch").Index(jen.Op(":").Lit(0)), loop}, offsetVector(off)...), true
}

// offsetVector writes the offsets collected in offs as a vector:
//
//	b.StartVector(4, len(offs), 4)
//	for i := len(offs) - 1; i >= 0; i-- {
//		b.PrependUOffsetT(offs[i])
//	}
//	tagsOff = b.EndVector(len(offs))
func offsetVector(off string) []jen.Code {
	offs := jen.Id("offs")
	return []jen.Code{
		jen.Id("b").Dot("StartVector").Call(jen.Lit(4), jen.Len(offs), jen.Lit(4)),
		jen.For(jen.Id("i").Op(":=").Len(offs).Op("-").Lit(1), jen.Id("i").Op(">=").Lit(0), jen.Id("i").Op("--")).Block(
			jen.Id("b").Dot("PrependUOffsetT").Call(jen.Id("offs").Index(jen.Id("i")))),
		jen.Id(off).Op("=").Id("b").Dot("EndVector").Call(jen.Len(offs)),
	}
}

// goEncodeMap builds the sorted vector of entries of a map:
//
//	var keyStack [16]string // on the stack unless the map is larger
//	keys := keyStack[:0]
//	for k := range v.Attrs {
//		keys = append(keys, k)
//	}
//	slices.Sort(keys)
//	offs := scratch[:0]
//	for _, k := range keys {
//		offs = append(offs, encodeItemAttrsEntry(b, k, v.Attrs[k]))
//	}
//	<offsetVector>
func (g *gen) goEncodeMap(fl *schema.Field, gt *schema.GoType, x func() *jen.Statement, off string) []jen.Code {
	entry := fl.Type.Elem.Table
	out := []jen.Code{
		jen.Var().Id("keyStack").Index(jen.Lit(16)).Add(goTypeCode(gt.Key)),
		jen.Id("keys").Op(":=").Id("keyStack").Index(jen.Op(":").Lit(0)),
		jen.For(jen.Id("k").Op(":=").Range().Add(x())).Block(jen.Id("keys").Op("=").Append(jen.Id("keys"), jen.Id("k"))),
		jen.Qual("slices", "Sort").Call(jen.Id("keys")),
		jen.Id("offs").Op(":=").Id("scratch").Index(jen.Op(":").Lit(0)),
		jen.For(jen.List(jen.Id("_"), jen.Id("k")).Op(":=").Range().Id("keys")).Block(
			jen.Id("offs").Op("=").Append(jen.Id("offs"),
				jen.Id(g.encodeFunc(entry)).Call(jen.Id("b"), jen.Id("k"), x().Index(jen.Id("k"))))),
	}
	return append(out, offsetVector(off)...)
}

// goEncodeAdd emits the statement that adds a field to the table being built:
//
//	b.PrependUint32Slot(2, v.Count, 0)          // scalars (converted to the wire type)
//	if v.I32 != nil {                           // optional scalars
//		b.PrependInt32(*v.I32)
//		b.Slot(1)
//	}
//	b.PrependUOffsetTSlot(0, idOff, 0)          // strings, vectors, tables
//	if !v.Created.IsZero() {                    // times
//		b.PrependStructSlot(7, encodeTimestamp(b, v.Created), 0)
//	}
func (g *gen) goEncodeAdd(e encField) []jen.Code {
	fl, gt := e.fl, e.fl.Go.Type
	k := fl.Type.Kind
	id := jen.Lit(fl.ID)
	switch {
	case k == schema.KindStruct:
		enc := jen.Id("encode" + g.names.Of(&fl.Type.Struct.Decl))
		if gt.Kind == schema.GoPointer {
			return []jen.Code{jen.If(e.x().Op("!=").Nil()).Block(
				jen.Id("b").Dot("PrependStructSlot").Call(id, enc.Call(jen.Id("b"), jen.Op("*").Add(e.x())), jen.Lit(0)))}
		}
		return []jen.Code{jen.If(jen.Op("!").Add(e.x()).Dot("IsZero").Call()).Block(
			jen.Id("b").Dot("PrependStructSlot").Call(id, enc.Call(jen.Id("b"), e.x()), jen.Lit(0)))}
	case k.IsScalar() && fl.Optional:
		return []jen.Code{jen.If(e.x().Op("!=").Nil()).Block(
			jen.Id("b").Dot("Prepend"+accessSuffix(k)).Call(toWire(gt.Elem, k, jen.Op("*").Add(e.x()))),
			jen.Id("b").Dot("Slot").Call(id))}
	case k.IsScalar():
		zero := jen.Lit(0)
		if k == schema.KindBool {
			zero = jen.False()
		}
		return []jen.Code{jen.Id("b").Dot("Prepend"+accessSuffix(k)+"Slot").Call(id, toWire(gt, k, e.x()), zero)}
	}
	return []jen.Code{jen.Id("b").Dot("PrependUOffsetTSlot").Call(id, jen.Id(offName(fl)), jen.Lit(0))}
}

// article is "an" before a vowel, else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("AEIOUaeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
