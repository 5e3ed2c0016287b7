package templates

// Go-defined services. For a schema loaded from Go declarations
// (schema/goiface: every declaration has Decl.Go set) GenerateGo writes one
// file into the author's own package. The author's structs stay the
// messages; the file adds, per struct User:
//
//	func EncodeUser(b *flatbuffers.Builder, v *User) flatbuffers.UOffsetT // gotypes_encode.go
//	func DecodeUser(buf []byte, v *User) error                            // gotypes_decode.go
//	func VerifyUserBuffer(buf []byte) error                               // verify.go, shared with .fbs input
//
// straight-line code over the flatbuffers builder and table primitives, with
// no reflection; and per service interface Todo (goservice*.go):
//
//	const TodoServiceName = "pkg.Todo"
//	var TodoServiceDesc = runtime.ServiceDesc{...}
//	func RegisterTodoServer(s *runtime.Server, impl Todo) error
//	type TodoClient struct{ ... } // satisfies Todo
//	func NewTodoClient(cc *runtime.ClientConn) *TodoClient

import (
	"bytes"
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// GoOptions control GenerateGo.
type GoOptions struct {
	// Package is the name and ImportPath the import path of the author's
	// package, which the file joins. Both are required.
	Package, ImportPath string
	// FileName is the output's base name (default "<Package>.wsgen.go").
	FileName string
}

// GenerateGo renders a schema made by the Go-interface front end as one Go
// file of the author's package. Output is deterministic and gofmt-clean.
func GenerateGo(s *schema.Schema, opts GoOptions) (File, error) {
	if opts.Package == "" || opts.ImportPath == "" {
		return File{}, fmt.Errorf("templates: GenerateGo needs the package name and import path")
	}
	for _, t := range s.Tables {
		if t.Go == nil {
			return File{}, fmt.Errorf("templates: table %s has no Go binding; GenerateGo takes schemas from schema/goiface", t.Name)
		}
	}
	name := opts.FileName
	if name == "" {
		name = opts.Package + ".wsgen.go"
	}
	g := &gen{s: s, names: NewNames(s), opts: Options{Package: opts.Package}}
	f := jen.NewFilePathName(opts.ImportPath, opts.Package)
	f.HeaderComment(Header)
	f.ImportAlias(flatbuffersPkg, "flatbuffers")
	for _, sv := range s.Services {
		g.goService(f, sv)
	}
	for _, st := range s.Structs {
		g.goStructCodec(f, st)
	}
	for _, t := range s.Tables {
		if t.Go.Name != "" {
			g.goEncode(f, t)
			g.goDecode(f, t)
		} else {
			g.goEntryEncode(f, t)
			g.goEntryDecode(f, t)
		}
		g.tableVerifier(f, t)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return File{}, fmt.Errorf("templates: rendering %s: %w", name, err)
	}
	return File{Name: name, Content: buf.Bytes()}, nil
}

// goTypeCode spells a Go type of the author's.
func goTypeCode(t *schema.GoType) *jen.Statement {
	switch t.Kind {
	case schema.GoBasic:
		return jen.Id(t.Name)
	case schema.GoNamed, schema.GoStruct:
		return jen.Qual(t.Pkg, t.Name)
	case schema.GoBytes:
		return jen.Index().Byte()
	case schema.GoSlice:
		return jen.Index().Add(goTypeCode(t.Elem))
	case schema.GoPointer:
		return jen.Op("*").Add(goTypeCode(t.Elem))
	case schema.GoMap:
		return jen.Map(goTypeCode(t.Key)).Add(goTypeCode(t.Elem))
	case schema.GoTime:
		return jen.Qual("time", "Time")
	case schema.GoDuration:
		return jen.Qual("time", "Duration")
	}
	return jen.Id("invalid")
}

// toWire converts a Go scalar value to the Go type of its wire kind:
// int32(x) when the Go type differs (named types, int, uint, Duration), x
// itself otherwise.
func toWire(gt *schema.GoType, k schema.Kind, x jen.Code) *jen.Statement {
	if gt.Kind == schema.GoBasic && (gt.Name == basicGoType(k) || gt.Name == "uint8" && k == schema.KindUint8) {
		return jen.Add(x)
	}
	if k == schema.KindString {
		if gt.Kind == schema.GoBasic {
			return jen.Add(x)
		}
		return jen.String().Call(x)
	}
	return jen.Id(basicGoType(k)).Call(x)
}

// fromWire converts a wire value back to the author's Go type.
// For strings x is the []byte of t.ByteVector, and the conversion copies it:
// the library's Table.String would alias the buffer, which the runtime
// recycles.
func fromWire(gt *schema.GoType, k schema.Kind, x jen.Code) *jen.Statement {
	if k == schema.KindString && gt.Kind == schema.GoBasic {
		return jen.String().Call(x)
	}
	if gt.Kind == schema.GoBasic && (gt.Name == basicGoType(k) || gt.Name == "uint8" && k == schema.KindUint8) {
		return jen.Add(x)
	}
	return goTypeCode(gt).Call(x)
}

// offName is the local that holds the offset of a field built before its
// table: "tagsOff".
func offName(fl *schema.Field) string { return LowerCamel(fl.Name) + "Off" }

// goStructCodec emits the helpers of a synthesized struct; the only one is
// the Timestamp that holds a time.Time:
//
//	// encodeTimestamp writes t inline as a Timestamp struct and returns its offset.
//	func encodeTimestamp(b *flatbuffers.Builder, t time.Time) flatbuffers.UOffsetT {
//		b.Prep(8, 16)
//		b.Pad(4)
//		b.PrependInt32(int32(t.Nanosecond()))
//		b.PrependInt64(t.Unix())
//		return b.Offset()
//	}
//
//	// decodeTimestamp reads the Timestamp struct at pos as a UTC time.
//	func decodeTimestamp(buf []byte, pos flatbuffers.UOffsetT) time.Time {
//		t := flatbuffers.Table{Bytes: buf, Pos: pos}
//		return time.Unix(t.GetInt64(pos), int64(t.GetInt32(pos+8))).UTC()
//	}
func (g *gen) goStructCodec(f *jen.File, st *schema.Struct) {
	name := g.names.Of(&st.Decl)
	body := []jen.Code{jen.Id("b").Dot("Prep").Call(jen.Lit(st.Align), jen.Lit(st.Size))}
	vals := map[string]jen.Code{
		"seconds": jen.Id("t").Dot("Unix").Call(),
		"nanos":   jen.Int32().Call(jen.Id("t").Dot("Nanosecond").Call()),
	}
	for i := len(st.Fields) - 1; i >= 0; i-- {
		fl := st.Fields[i]
		if fl.Padding > 0 {
			body = append(body, jen.Id("b").Dot("Pad").Call(jen.Lit(fl.Padding)))
		}
		body = append(body, jen.Id("b").Dot("Prepend"+accessSuffix(fl.Type.Kind)).Call(vals[fl.Name]))
	}
	body = append(body, jen.Return(jen.Id("b").Dot("Offset").Call()))
	f.Add(objDoc("encode%s writes t inline as a %s struct (seconds and nanoseconds since\nthe Unix epoch) and returns its offset.", name, name))
	f.Func().Id("encode"+name).Params(jen.Id("b").Op("*").Add(fbQual("Builder")), jen.Id("t").Qual("time", "Time")).
		Add(fbQual("UOffsetT")).Block(body...)

	secs, nanos := st.Fields[0], st.Fields[1]
	f.Add(objDoc("decode%s reads the %s struct at pos as a UTC time.", name, name))
	f.Func().Id("decode"+name).Params(jen.Id("buf").Index().Byte(), jen.Id("pos").Add(fbQual("UOffsetT"))).
		Qual("time", "Time").Block(
		jen.Id("t").Op(":=").Add(fbQual("Table")).Values(jen.Dict{jen.Id("Bytes"): jen.Id("buf"), jen.Id("Pos"): jen.Id("pos")}),
		jen.Return(jen.Qual("time", "Unix").Call(
			jen.Id("t").Dot("GetInt64").Call(posPlus(secs.Offset)),
			jen.Int64().Call(jen.Id("t").Dot("GetInt32").Call(posPlus(nanos.Offset))),
		).Dot("UTC").Call()),
	)
}

// posPlus is `pos + n`, or `pos` when n is 0.
func posPlus(n int) *jen.Statement {
	if n == 0 {
		return jen.Id("pos")
	}
	return jen.Id("pos").Op("+").Lit(n)
}
