package templates

// Struct emitter: the flatc 25.x Go API for `struct Vec3 { x: float; ... }`:
//
//	type Vec3 struct { _tab flatbuffers.Struct }
//	func (rcv *Vec3) Init(buf []byte, i flatbuffers.UOffsetT)
//	func (rcv *Vec3) Table() flatbuffers.Table
//	func (rcv *Vec3) X() float32                  // scalar and enum fields
//	func (rcv *Vec3) MutateX(n float32) bool
//	func (rcv *Outer) Inner(obj *Vec3) *Vec3      // nested struct fields
//	func CreateVec3(builder *flatbuffers.Builder, x float32, ...) flatbuffers.UOffsetT
//
// CreateX takes one argument per scalar leaf, nested structs flattened with
// their field name as prefix (`inner_x`), and writes padding explicitly.
//
// Beyond flatc (its Go generator refuses fixed-size arrays), for a field
// `a: [T:N]` wsgen writes:
//
//	func (rcv *S) A(j int) T                // element j; zero when j is out of range
//	func (rcv *S) ALength() int             // N
//	func (rcv *S) MutateA(j int, n T) bool  // false when j is out of range
//	func (rcv *S) A(obj *E, j int) *E       // for an array of structs E; nil when out of range
//
// and CreateX takes an array of scalars as a Go array (`a [N]T`) and an
// array of structs flattened like a nested struct, each leaf argument
// becoming an array over the elements (`a_x [N]float32`).

import (
	"fmt"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// structDecl emits a struct's reader type, accessors, mutators and builder:
//
//	// doc
//	type Vec3 struct {
//		_tab flatbuffers.Struct
//	}
//	func (rcv *Vec3) Init(buf []byte, i flatbuffers.UOffsetT) {...}
//	func (rcv *Vec3) Table() flatbuffers.Table { return rcv._tab.Table }
//	... one accessor (and mutator) per field ...
//	func CreateVec3(builder *flatbuffers.Builder, ...) flatbuffers.UOffsetT {...}
func (g *gen) structDecl(f *jen.File, s *schema.Struct) {
	name := g.structName(s)
	decl(f, s.Doc).Type().Id(name).Struct(jen.Id("_tab").Add(fbQual("Struct")))
	g.initMethod(f, name)

	// func (rcv *Vec3) Table() flatbuffers.Table {
	// 	return rcv._tab.Table
	// }
	decl(f, nil).Func().Params(jen.Id("rcv").Op("*").Id(name)).Id("Table").Params().Add(fbQual("Table")).Block(
		jen.Return(tab().Dot("Table")),
	)

	for _, fld := range s.Fields {
		switch fld.Type.Kind {
		case schema.KindStruct:
			g.structStructField(f, name, fld)
		case schema.KindArray:
			g.structArrayField(f, name, fld)
		default:
			g.structScalarField(f, name, fld)
		}
	}
	g.structCreate(f, s)
}

// initMethod emits the Init method shared by structs and tables:
//
//	func (rcv *Vec3) Init(buf []byte, i flatbuffers.UOffsetT) {
//		rcv._tab.Bytes = buf
//		rcv._tab.Pos = i
//	}
func (g *gen) initMethod(f *jen.File, name string) {
	decl(f, nil).Func().Params(jen.Id("rcv").Op("*").Id(name)).Id("Init").Params(
		jen.Id("buf").Index().Byte(), jen.Id("i").Add(fbQual("UOffsetT")),
	).Block(
		tab().Dot("Bytes").Op("=").Id("buf"),
		tab().Dot("Pos").Op("=").Id("i"),
	)
}

// structPos is the position of a struct field: rcv._tab.Pos + flatbuffers.UOffsetT(off).
func structPos(off jen.Code) *jen.Statement {
	return tab().Dot("Pos").Op("+").Add(fbQual("UOffsetT")).Call(off)
}

// structScalarField emits a scalar (or enum) field's accessor and mutator:
//
//	func (rcv *Vec3) X() float32 {
//		return rcv._tab.GetFloat32(rcv._tab.Pos + flatbuffers.UOffsetT(0))
//	}
//	func (rcv *Vec3) MutateX(n float32) bool {
//		return rcv._tab.MutateFloat32(rcv._tab.Pos+flatbuffers.UOffsetT(0), n)
//	}
func (g *gen) structScalarField(f *jen.File, name string, fld *schema.Field) {
	t := &fld.Type
	fn := g.fieldName(fld)
	suf := accessSuffix(t.Kind)
	decl(f, fld.Doc).Func().Params(jen.Id("rcv").Op("*").Id(name)).Id(fn).Params().Add(g.scalarType(t)).Block(
		jen.Return(g.castToEnum(t, tab().Dot("Get"+suf).Call(structPos(jen.Lit(fld.Offset))))),
	)
	decl(f, fld.Doc).Func().Params(jen.Id("rcv").Op("*").Id(name)).Id("Mutate" + fn).Params(jen.Id("n").Add(g.scalarType(t))).Bool().Block(
		jen.Return(tab().Dot("Mutate"+suf).Call(structPos(jen.Lit(fld.Offset)), g.castToBase(t, jen.Id("n")))),
	)
}

// structStructField emits a nested struct field's accessor:
//
//	func (rcv *Outer) Inner(obj *Vec3) *Vec3 {
//		if obj == nil {
//			obj = new(Vec3)
//		}
//		obj.Init(rcv._tab.Bytes, rcv._tab.Pos+12)
//		return obj
//	}
func (g *gen) structStructField(f *jen.File, name string, fld *schema.Field) {
	sn := g.structName(fld.Type.Struct)
	decl(f, fld.Doc).Func().Params(jen.Id("rcv").Op("*").Id(name)).Id(g.fieldName(fld)).Params(
		jen.Id("obj").Op("*").Id(sn),
	).Op("*").Id(sn).Block(
		jen.If(jen.Id("obj").Op("==").Nil()).Block(jen.Id("obj").Op("=").New(jen.Id(sn))),
		jen.Id("obj").Dot("Init").Call(tab().Dot("Bytes"), tab().Dot("Pos").Op("+").Lit(fld.Offset)),
		jen.Return(jen.Id("obj")),
	)
}

// structArrayField emits a fixed-size array field's accessors (beyond
// flatc; see the top of this file):
//
//	func (rcv *Grid) Cells(j int) int32 {
//		if j < 0 || j >= 4 {
//			return 0
//		}
//		return rcv._tab.GetInt32(rcv._tab.Pos + flatbuffers.UOffsetT(8+j*4))
//	}
//	func (rcv *Grid) CellsLength() int { return 4 }
//	func (rcv *Grid) MutateCells(j int, n int32) bool {...}
//
// or, for an array of structs,
//
//	func (rcv *Grid) Corners(obj *Vec3, j int) *Vec3 {...}
func (g *gen) structArrayField(f *jen.File, name string, fld *schema.Field) {
	elem := fld.Type.Elem
	n := fld.Type.Len
	fn := g.fieldName(fld)
	size := elem.InlineSize()
	outOfRange := jen.Id("j").Op("<").Lit(0).Op("||").Id("j").Op(">=").Lit(n)
	at := jen.Id("j").Op("*").Lit(size)
	if fld.Offset != 0 {
		at = jen.Lit(fld.Offset).Op("+").Add(at)
	}
	pos := structPos(at)
	recv := jen.Id("rcv").Op("*").Id(name)

	start := decl(f, fld.Doc)
	if elem.Kind == schema.KindStruct {
		sn := g.structName(elem.Struct)
		start.Func().Params(recv.Clone()).Id(fn).Params(
			jen.Id("obj").Op("*").Id(sn), jen.Id("j").Int(),
		).Op("*").Id(sn).Block(
			jen.If(outOfRange.Clone()).Block(jen.Return(jen.Nil())),
			jen.If(jen.Id("obj").Op("==").Nil()).Block(jen.Id("obj").Op("=").New(jen.Id(sn))),
			jen.Id("obj").Dot("Init").Call(tab().Dot("Bytes"), pos.Clone()),
			jen.Return(jen.Id("obj")),
		)
	} else {
		suf := accessSuffix(elem.Kind)
		start.Func().Params(recv.Clone()).Id(fn).Params(jen.Id("j").Int()).Add(g.scalarType(elem)).Block(
			jen.If(outOfRange.Clone()).Block(jen.Return(zeroLit(elem.Kind))),
			jen.Return(g.castToEnum(elem, tab().Dot("Get"+suf).Call(pos.Clone()))),
		)
	}

	// func (rcv *Grid) CellsLength() int {
	// 	return 4
	// }
	decl(f, nil).Func().Params(recv.Clone()).Id(fn + "Length").Params().Int().Block(jen.Return(jen.Lit(n)))

	if elem.Kind != schema.KindStruct {
		suf := accessSuffix(elem.Kind)
		decl(f, fld.Doc).Func().Params(recv.Clone()).Id("Mutate"+fn).Params(jen.Id("j").Int(), jen.Id("n").Add(g.scalarType(elem))).Bool().Block(
			jen.If(outOfRange.Clone()).Block(jen.Return(jen.False())),
			jen.Return(tab().Dot("Mutate"+suf).Call(pos.Clone(), g.castToBase(elem, jen.Id("n")))),
		)
	}
}

// structCreate emits the builder function:
//
//	func CreateVec3(builder *flatbuffers.Builder, x float32, y float32, z float32) flatbuffers.UOffsetT {
//		builder.Prep(4, 12)
//		builder.PrependFloat32(z)
//		builder.PrependFloat32(y)
//		builder.PrependFloat32(x)
//		return builder.Offset()
//	}
func (g *gen) structCreate(f *jen.File, s *schema.Struct) {
	var params []jen.Code
	params = append(params, jen.Id("builder").Op("*").Add(fbQual("Builder")))
	taken := map[string]bool{"builder": true}
	g.structCreateParams(&params, taken, s, "", nil)
	var body []jen.Code
	g.structCreateBody(&body, taken, s, "", nil)
	body = append(body, jen.Return(jen.Id("builder").Dot("Offset").Call()))
	decl(f, nil).Func().Id("Create" + g.structName(s)).Params(params...).Add(fbQual("UOffsetT")).Block(body...)
}

// structCreateParams appends CreateX's parameters for the leaves of s:
// prefix is the path of enclosing field names ("inner_"), dims the lengths
// of the enclosing arrays, outermost first. It records the names in taken.
func (g *gen) structCreateParams(params *[]jen.Code, taken map[string]bool, s *schema.Struct, prefix string, dims []int) {
	for _, fld := range s.Fields {
		t := &fld.Type
		switch {
		case t.Kind == schema.KindStruct:
			g.structCreateParams(params, taken, t.Struct, prefix+fld.Name+"_", dims)
		case t.Kind == schema.KindArray && t.Elem.Kind == schema.KindStruct:
			g.structCreateParams(params, taken, t.Elem.Struct, prefix+fld.Name+"_", append(dims[:len(dims):len(dims)], t.Len))
		case t.Kind == schema.KindArray:
			taken[prefix+localName(g.fieldName(fld))] = true
			*params = append(*params, jen.Id(prefix+localName(g.fieldName(fld))).Add(arrayOf(append(dims[:len(dims):len(dims)], t.Len), g.scalarType(t.Elem))))
		default:
			taken[prefix+localName(g.fieldName(fld))] = true
			*params = append(*params, jen.Id(prefix+localName(g.fieldName(fld))).Add(arrayOf(dims, g.scalarType(t))))
		}
	}
}

// arrayOf wraps typ in Go array types of the given lengths: [2][4]typ.
func arrayOf(dims []int, typ jen.Code) *jen.Statement {
	s := jen.Empty()
	for _, d := range dims {
		s.Index(jen.Lit(d))
	}
	return s.Add(typ)
}

// indexVar names the loop variable of array nesting depth d: j, k, l, ...
// (object.go uses it too).
func indexVar(d int) string {
	if d < 3 {
		return string("jkl"[d])
	}
	return fmt.Sprintf("j%d", d)
}

// loopVar is indexVar with "_" appended while the name is taken by a
// parameter of CreateX.
func loopVar(d int, taken map[string]bool) string {
	name := indexVar(d)
	for taken[name] {
		name += "_"
	}
	return name
}

// structCreateBody appends the statements that write s back to front:
//
//	builder.Prep(8, 24)
//	builder.Pad(6)
//	builder.PrependInt16(c)
//	for j := 3; j >= 0; j-- {
//		builder.PrependInt32(cells[j])
//	}
//
// idx are the index variables of the enclosing arrays, outermost first;
// taken holds the parameter names.
func (g *gen) structCreateBody(body *[]jen.Code, taken map[string]bool, s *schema.Struct, prefix string, idx []string) {
	*body = append(*body, jen.Id("builder").Dot("Prep").Call(jen.Lit(s.Align), jen.Lit(s.Size)))
	for i := len(s.Fields) - 1; i >= 0; i-- {
		fld := s.Fields[i]
		t := &fld.Type
		if fld.Padding > 0 {
			*body = append(*body, jen.Id("builder").Dot("Pad").Call(jen.Lit(fld.Padding)))
		}
		switch {
		case t.Kind == schema.KindStruct:
			g.structCreateBody(body, taken, t.Struct, prefix+fld.Name+"_", idx)
		case t.Kind == schema.KindArray:
			j := loopVar(len(idx), taken)
			inner := append(idx[:len(idx):len(idx)], j)
			var loop []jen.Code
			if t.Elem.Kind == schema.KindStruct {
				g.structCreateBody(&loop, taken, t.Elem.Struct, prefix+fld.Name+"_", inner)
			} else {
				loop = append(loop, g.prependLeaf(t.Elem, prefix+localName(g.fieldName(fld)), inner))
			}
			*body = append(*body, jen.For(
				jen.Id(j).Op(":=").Lit(t.Len-1),
				jen.Id(j).Op(">=").Lit(0),
				jen.Id(j).Op("--"),
			).Block(loop...))
		default:
			*body = append(*body, g.prependLeaf(t, prefix+localName(g.fieldName(fld)), idx))
		}
	}
}

// prependLeaf writes one scalar argument: builder.PrependInt16(int16(axes[j])).
func (g *gen) prependLeaf(t *schema.Type, arg string, idx []string) jen.Code {
	v := jen.Id(arg)
	for _, j := range idx {
		v.Index(jen.Id(j))
	}
	return jen.Id("builder").Dot("Prepend" + accessSuffix(t.Kind)).Call(g.castToBase(t, v))
}
