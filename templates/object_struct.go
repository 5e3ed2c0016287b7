package templates

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

// structObject emits the object API of a struct: the ST type, Pack,
// UnPackTo and UnPack. Arrays are Go arrays ([4]int32, [2]*Vec3T).
func (g *gen) structObject(f *jen.File, s *schema.Struct) {
	g.objStructType(f, &s.Decl, objFields(s.Fields), "struct")
	g.structPack(f, s)
	g.structUnPackTo(f, s)
	g.objUnPack(f, &s.Decl)
}

// structPack emits Pack for a struct's object type. It calls CreateX with
// the struct's leaves in CreateX's order (struct.go); a nil nested struct is
// written as zeros (flatc dereferences it), and the leaves of an array of
// structs are gathered into one Go array each:
//
//	func (t *PlacementT) Pack(builder *flatbuffers.Builder) flatbuffers.UOffsetT {
//		if t == nil {
//			return 0
//		}
//		pos := t.Pos
//		if pos == nil {
//			pos = &Vec3T{}
//		}
//		return CreatePlacement(builder, pos.X, pos.Y, pos.Z, t.Axis, t.Tag)
//	}
//
//	func (t *GridT) Pack(builder *flatbuffers.Builder) flatbuffers.UOffsetT {
//		if t == nil {
//			return 0
//		}
//		var cornersX [2]float32
//		...
//		for j, e := range t.Corners {
//			if e == nil {
//				continue
//			}
//			cornersX[j] = e.X
//			...
//		}
//		return CreateGrid(builder, t.Cells, cornersX, ..., t.Id)
//	}
func (g *gen) structPack(f *jen.File, s *schema.Struct) {
	name := g.names.Of(&s.Decl)
	var pre, args []jen.Code
	args = append(args, jen.Id("builder"))
	g.structPackArgs(&pre, &args, jen.Id("t"), s, "")
	body := []jen.Code{jen.If(jen.Id("t").Op("==").Nil()).Block(jen.Return(jen.Lit(0)))}
	body = append(body, pre...)
	body = append(body, jen.Return(jen.Id("Create"+name).Call(args...)))
	f.Add(objDoc("Pack writes t into builder (inline: call it where the struct belongs) and\nreturns its offset, or 0 when t is nil. Nil nested structs are written as zeros."))
	f.Func().Params(jen.Id("t").Op("*").Id(name + "T")).Id("Pack").
		Params(jen.Id("builder").Op("*").Add(fbQual("Builder"))).Add(fbQual("UOffsetT")).
		Block(body...)
}

// objStructLocal names a Pack local after a field path ("pad_inner" ->
// "padInner"), keeping clear of the method's own identifiers.
func objStructLocal(path string) string {
	n := LowerCamel(path)
	switch n {
	case "t", "builder", "e", "j":
		n += "_"
	}
	return n
}

// structPackArgs appends to args the CreateX arguments for the leaves of s
// read from obj (an expression of type *ST that is never nil), and to pre the
// statements that compute them. path is the enclosing field path with a
// trailing "_".
func (g *gen) structPackArgs(pre, args *[]jen.Code, obj *jen.Statement, s *schema.Struct, path string) {
	for _, fld := range s.Fields {
		x := obj.Clone().Dot(g.fieldName(fld))
		t := &fld.Type
		switch {
		case t.Kind == schema.KindStruct:
			// pos := t.Pos
			// if pos == nil {
			// 	pos = &Vec3T{}
			// }
			local := objStructLocal(path + fld.Name)
			*pre = append(*pre,
				jen.Id(local).Op(":=").Add(x),
				jen.If(jen.Id(local).Op("==").Nil()).Block(
					jen.Id(local).Op("=").Op("&").Id(g.objName(&t.Struct.Decl)).Values(),
				),
			)
			g.structPackArgs(pre, args, jen.Id(local), t.Struct, path+fld.Name+"_")
		case t.Kind == schema.KindArray && t.Elem.Kind == schema.KindStruct:
			leaves := g.structLeaves(t.Elem.Struct, path+fld.Name+"_", []int{t.Len})
			for _, l := range leaves {
				*pre = append(*pre, jen.Var().Id(l.local).Add(l.typ))
				*args = append(*args, jen.Id(l.local))
			}
			*pre = append(*pre, g.structFill(x, t.Elem.Struct, path+fld.Name+"_", nil))
		default:
			// A scalar, or an array of scalars passed as the Go array it is.
			*args = append(*args, x)
		}
	}
}

// objLeaf is one CreateX argument gathered from an array of structs.
type objLeaf struct {
	local string
	typ   jen.Code
}

// structLeaves lists the leaves of s under path, each an array over dims
// (the lengths of the enclosing arrays), in CreateX's order.
func (g *gen) structLeaves(s *schema.Struct, path string, dims []int) []objLeaf {
	var out []objLeaf
	for _, fld := range s.Fields {
		t := &fld.Type
		switch {
		case t.Kind == schema.KindStruct:
			out = append(out, g.structLeaves(t.Struct, path+fld.Name+"_", dims)...)
		case t.Kind == schema.KindArray && t.Elem.Kind == schema.KindStruct:
			out = append(out, g.structLeaves(t.Elem.Struct, path+fld.Name+"_", append(dims[:len(dims):len(dims)], t.Len))...)
		case t.Kind == schema.KindArray:
			out = append(out, objLeaf{objStructLocal(path + fld.Name), arrayOf(append(dims[:len(dims):len(dims)], t.Len), g.scalarType(t.Elem))})
		default:
			out = append(out, objLeaf{objStructLocal(path + fld.Name), arrayOf(dims, g.scalarType(t))})
		}
	}
	return out
}

// structFill emits the loop that copies an array of structs (arr, of type
// [N]*ST) into the leaf arrays declared by structLeaves; nil elements stay
// zero. idx are the index variables of the enclosing loops:
//
//	for j, e := range t.Corners {
//		if e == nil {
//			continue
//		}
//		cornersX[j] = e.X
//		if e.Inner != nil {
//			cornersInnerA[j] = e.Inner.A
//		}
//	}
func (g *gen) structFill(arr *jen.Statement, s *schema.Struct, path string, idx []string) jen.Code {
	j := indexVar(len(idx))
	e := "e"
	if len(idx) > 0 {
		e = "e" + j
	}
	inner := append(idx[:len(idx):len(idx)], j)
	body := []jen.Code{jen.If(jen.Id(e).Op("==").Nil()).Block(jen.Continue())}
	body = append(body, g.structFillFields(jen.Id(e), s, path, inner)...)
	return jen.For(jen.List(jen.Id(j), jen.Id(e)).Op(":=").Range().Add(arr)).Block(body...)
}

// structFillFields emits the assignments of the leaves of obj (never nil)
// into the leaf arrays at index idx.
func (g *gen) structFillFields(obj *jen.Statement, s *schema.Struct, path string, idx []string) []jen.Code {
	var out []jen.Code
	at := func(local string) *jen.Statement {
		v := jen.Id(local)
		for _, i := range idx {
			v.Index(jen.Id(i))
		}
		return v
	}
	for _, fld := range s.Fields {
		x := obj.Clone().Dot(g.fieldName(fld))
		t := &fld.Type
		switch {
		case t.Kind == schema.KindStruct:
			out = append(out, jen.If(x.Clone().Op("!=").Nil()).Block(
				g.structFillFields(x, t.Struct, path+fld.Name+"_", idx)...,
			))
		case t.Kind == schema.KindArray && t.Elem.Kind == schema.KindStruct:
			out = append(out, g.structFill(x, t.Elem.Struct, path+fld.Name+"_", idx))
		default:
			out = append(out, at(objStructLocal(path+fld.Name)).Op("=").Add(x))
		}
	}
	return out
}

// structUnPackTo emits UnPackTo for a struct accessor type:
//
//	func (rcv *Grid) UnPackTo(t *GridT) {
//		t.Pos = rcv.Pos(nil).UnPack()
//		t.Axis = rcv.Axis()
//		for j := 0; j < 4; j++ {
//			t.Cells[j] = rcv.Cells(j)
//		}
//		for j := 0; j < 2; j++ {
//			t.Corners[j] = rcv.Corners(nil, j).UnPack()
//		}
//	}
func (g *gen) structUnPackTo(f *jen.File, s *schema.Struct) {
	name := g.names.Of(&s.Decl)
	var body []jen.Code
	for _, fld := range objFields(s.Fields) {
		fn := g.fieldName(fld)
		dst := jen.Id("t").Dot(fn)
		get := jen.Id("rcv").Dot(fn)
		t := &fld.Type
		switch {
		case t.Kind == schema.KindStruct:
			body = append(body, dst.Op("=").Add(get).Call(jen.Nil()).Dot("UnPack").Call())
		case t.Kind == schema.KindArray:
			var v jen.Code
			if t.Elem.Kind == schema.KindStruct {
				v = get.Call(jen.Nil(), jen.Id("j")).Dot("UnPack").Call()
			} else {
				v = get.Call(jen.Id("j"))
			}
			body = append(body, jen.For(jen.Id("j").Op(":=").Lit(0), jen.Id("j").Op("<").Lit(t.Len), jen.Id("j").Op("++")).Block(
				dst.Index(jen.Id("j")).Op("=").Add(v),
			))
		default:
			body = append(body, dst.Op("=").Add(get).Call())
		}
	}
	f.Add(objDoc("UnPackTo copies the contents of rcv into t."))
	f.Func().Params(jen.Id("rcv").Op("*").Id(name)).Id("UnPackTo").Params(jen.Id("t").Op("*").Id(name + "T")).Block(body...)
}
