package templates

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/fbs"
)

// verifyModel is a small hand-built schema with every construct the
// verifier emitter handles:
//
//	struct Vec3 (force_align: 8) { x: float; y: float; z: float; }   // size 16
//	table Leaf { n: int; }
//	union Any { Leaf, Label: string, Spot: Vec3 }
//	table Node {
//	  hp: short; old: int (deprecated); name: string (required);
//	  pos: Vec3; leaf: Leaf; nums: [long]; path: [Vec3]; tags: [string];
//	  kids: [Node]; any: Any; many: [Any]; inner: [ubyte] (nested_flatbuffer: "Leaf");
//	}
//	root_type Node; file_identifier "NODE";
func verifyModel() *schema.Schema {
	file := &schema.File{Path: "snip.fbs", Input: true}
	decl := func(name string) schema.Decl { return schema.Decl{Name: name, File: file} }
	scalar := func(k schema.Kind) schema.Type { return schema.Type{Kind: k} }
	vec := func(elem schema.Type) schema.Type { return schema.Type{Kind: schema.KindVector, Elem: &elem} }

	vec3 := &schema.Struct{Decl: decl("Vec3"), Size: 16, Align: 8, ForceAlign: 8, Fields: []*schema.Field{
		{Name: "x", Type: scalar(schema.KindFloat32)}, {Name: "y", Type: scalar(schema.KindFloat32), Offset: 4},
		{Name: "z", Type: scalar(schema.KindFloat32), Offset: 8, Padding: 4},
	}}
	leaf := &schema.Table{Decl: decl("Leaf"), Fields: []*schema.Field{{Name: "n", Type: scalar(schema.KindInt32)}}}
	anyU := &schema.Union{Decl: decl("Any"), Values: []*schema.UnionVal{
		{Name: "NONE", Type: schema.Type{Kind: schema.KindNone}},
		{Name: "Leaf", Value: 1, Type: schema.Type{Kind: schema.KindTable, Table: leaf}},
		{Name: "Label", Value: 2, Type: schema.Type{Kind: schema.KindString}},
		{Name: "Spot", Value: 3, Type: schema.Type{Kind: schema.KindStruct, Struct: vec3}},
	}}
	node := &schema.Table{Decl: decl("Node")}
	anyType := &schema.Field{Name: "any_type", Type: schema.Type{Kind: schema.KindUType, Union: anyU}, Hidden: true}
	anyF := &schema.Field{Name: "any", Type: schema.Type{Kind: schema.KindUnion, Union: anyU}}
	anyType.UnionValue, anyF.UnionType = anyF, anyType
	manyType := &schema.Field{Name: "many_type", Type: vec(schema.Type{Kind: schema.KindUType, Union: anyU}), Hidden: true}
	manyF := &schema.Field{Name: "many", Type: vec(schema.Type{Kind: schema.KindUnion, Union: anyU})}
	manyType.UnionValue, manyF.UnionType = manyF, manyType
	node.Fields = []*schema.Field{
		{Name: "hp", Type: scalar(schema.KindInt16)},
		{Name: "old", Type: scalar(schema.KindInt32), Deprecated: true},
		{Name: "name", Type: scalar(schema.KindString), Required: true},
		{Name: "pos", Type: schema.Type{Kind: schema.KindStruct, Struct: vec3}},
		{Name: "leaf", Type: schema.Type{Kind: schema.KindTable, Table: leaf}},
		{Name: "nums", Type: vec(scalar(schema.KindInt64))},
		{Name: "path", Type: vec(schema.Type{Kind: schema.KindStruct, Struct: vec3})},
		{Name: "tags", Type: vec(scalar(schema.KindString))},
		{Name: "kids", Type: vec(schema.Type{Kind: schema.KindTable, Table: node})},
		anyType, anyF, manyType, manyF,
		{Name: "inner", Type: vec(scalar(schema.KindUint8)), NestedFlatbuffer: leaf},
	}
	for i, f := range node.Fields {
		f.ID = i
	}
	return &schema.Schema{
		Files: []*schema.File{file}, Unions: []*schema.Union{anyU}, Structs: []*schema.Struct{vec3},
		Tables: []*schema.Table{leaf, node}, RootTable: node, FileIdentifier: "NODE",
	}
}

// renderVerify runs one verifier emitter over verifyModel and returns the
// rendered source, failing if it does not parse.
func renderVerify(t *testing.T, emit func(g *gen, f *jen.File, s *schema.Schema)) string {
	t.Helper()
	s := verifyModel()
	return renderRaw(t, s, func(g *gen, f *jen.File) { emit(g, f, s) })
}

func TestVerifyEmitters(t *testing.T) {
	tests := []struct {
		name    string
		emit    func(g *gen, f *jen.File, s *schema.Schema)
		want    []string
		notWant []string
	}{
		{
			name: "root table buffers",
			emit: func(g *gen, f *jen.File, s *schema.Schema) { g.tableVerifier(f, s.Tables[1]) },
			want: []string{
				`import verify "github.com/wsgen/wsgen/runtime/verify"`,
				`func VerifyNodeBuffer(buf []byte) error { return VerifyNodeBufferWith(buf, verify.Options{}) }`,
				`func VerifyNodeBufferWith(buf []byte, opts verify.Options) error { v := verify.New(buf, opts) root, err := v.Root(NodeIdentifier)`,
				`func VerifySizePrefixedNodeBufferWith(buf []byte, opts verify.Options) error { v := verify.New(buf, opts) root, err := v.SizePrefixedRoot(NodeIdentifier)`,
				`return verifyNode(v, root)`,
				`The buffer must carry the file identifier "NODE".`,
				`func VerifyNodeBufferUntrusted(buf []byte) error { return VerifyNodeBufferWith(buf, verify.Options{}.ForUntrusted(len(buf))) }`,
			},
			notWant: []string{"SizePrefixedNodeBufferUntrusted"},
		},
		{
			name: "non-root table has no identifier",
			emit: func(g *gen, f *jen.File, s *schema.Schema) { g.tableVerifier(f, s.Tables[0]) },
			want: []string{
				`root, err := v.Root("")`,
				`func verifyLeaf(v *verify.Verifier, pos uint32) error { t, err := v.Table(pos) if err != nil { return err } if err := v.Inline(t, 4, 4, 4); err != nil { return verify.AtField(err, "Leaf", "n", 0) } v.EndTable() return nil }`,
			},
			notWant: []string{"Identifier"},
		},
		{
			name: "fields",
			emit: func(g *gen, f *jen.File, s *schema.Schema) { g.tableVerifier(f, s.Tables[1]) },
			want: []string{
				// scalar
				`if err := v.Inline(t, 4, 2, 2); err != nil { return verify.AtField(err, "Node", "hp", 0) }`,
				// required string
				`if err := v.Required(t, 8); err != nil { return verify.AtField(err, "Node", "name", 2) } if err := v.StringField(t, 8); err != nil {`,
				// struct with force_align
				`if err := v.Inline(t, 10, 16, 8); err != nil { return verify.AtField(err, "Node", "pos", 3) }`,
				// table
				`if p, err := v.OffsetField(t, 12); err != nil { return verify.AtField(err, "Node", "leaf", 4) } else if p != 0 { if err := verifyLeaf(v, p); err != nil {`,
				// vectors of scalars and structs
				`if _, _, err := v.VectorField(t, 14, 8); err != nil { return verify.AtField(err, "Node", "nums", 5) }`,
				`if _, _, err := v.VectorField(t, 16, 16); err != nil { return verify.AtField(err, "Node", "path", 6) }`,
				// vectors of strings and tables
				`if s, n, err := v.OffsetVectorField(t, 18); err != nil { return verify.AtField(err, "Node", "tags", 7) } else { for i := uint32(0); i < n; i++ { if p, err := v.Indirect(s + 4*i); err != nil { return verify.AtElem(err, "Node", "tags", 7, int(i)) } else if err := v.String(p); err != nil {`,
				`if s, n, err := v.OffsetVectorField(t, 20); err != nil { return verify.AtField(err, "Node", "kids", 8) }`,
				`} else if err := verifyNode(v, p); err != nil { return verify.AtElem(err, "Node", "kids", 8, int(i)) }`,
				// union and its type
				`if err := v.Inline(t, 22, 1, 1); err != nil { return verify.AtField(err, "Node", "any_type", 9) }`,
				`if err := verifyAny(v, Any(v.Uint8(t, 22)), v.FieldPos(t, 24)); err != nil { return verify.AtField(err, "Node", "any", 10) }`,
				// vector of unions
				`if ts, tn, err := v.VectorField(t, 26, 1); err != nil { return verify.AtField(err, "Node", "many_type", 11) } else if vs, vn, err := v.OffsetVectorField(t, 28); err != nil { return verify.AtField(err, "Node", "many", 12) } else if err := v.UnionVectors(ts, tn, vs, vn); err != nil {`,
				`if err := verifyAny(v, Any(v.Byte(ts+i)), vs+4*i); err != nil { return verify.AtElem(err, "Node", "many", 12, int(i)) }`,
				// nested flatbuffer
				`} else if root, outer, err := v.EnterNested(s, n); err != nil { return verify.AtField(err, "Node", "inner", 13) } else if root != 0 { err := verifyLeaf(v, root) v.LeaveNested(outer)`,
			},
			notWant: []string{`"old"`, `"many_type", 11) } if`},
		},
		{
			name: "union",
			emit: func(g *gen, f *jen.File, s *schema.Schema) { g.unionVerifier(f, s.Unions[0]) },
			want: []string{
				`func verifyAny(v *verify.Verifier, typ Any, at uint32) error { switch typ {`,
				`case AnyLeaf: p, err := v.Indirect(at) if err != nil { return err } return verifyLeaf(v, p)`,
				`case AnyLabel: p, err := v.Indirect(at) if err != nil { return err } return v.String(p)`,
				`case AnySpot: p, err := v.Indirect(at) if err != nil { return err } return v.Struct(p, 16, 8)`,
				`} return nil }`,
			},
			notWant: []string{"AnyNONE"},
		},
		{
			name:    "struct",
			emit:    func(g *gen, f *jen.File, s *schema.Schema) { g.structVerifier(f, s.Structs[0]) },
			notWant: []string{"func"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := squash(renderVerify(t, tt.emit))
			for _, w := range tt.want {
				if !strings.Contains(got, squash(w)) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, squash(w)) {
					t.Errorf("unexpected %q in:\n%s", w, got)
				}
			}
		})
	}
}

// TestVerifyDeprecatedUnionVector: the types of a vector of unions whose
// values are deprecated still have accessors, so they are still checked.
func TestVerifyDeprecatedUnionVector(t *testing.T) {
	got := squash(renderVerify(t, func(g *gen, f *jen.File, s *schema.Schema) {
		node := s.Tables[1]
		for _, fl := range node.Fields {
			if fl.Name == "many" {
				fl.Deprecated = true
			}
		}
		g.tableVerifier(f, node)
	}))
	want := `if _, _, err := v.VectorField(t, 26, 1); err != nil { return verify.AtField(err, "Node", "many_type", 11) }`
	if !strings.Contains(got, want) {
		t.Errorf("missing %q in:\n%s", want, got)
	}
	if strings.Contains(got, `"many", 12`) {
		t.Errorf("deprecated field many is checked:\n%s", got)
	}
}

// TestVerifyEmptyTable: a table without fields still starts and ends the
// table, without an unused variable.
func TestVerifyEmptyTable(t *testing.T) {
	got := squash(renderVerify(t, func(g *gen, f *jen.File, s *schema.Schema) {
		g.tableVerifier(f, &schema.Table{Decl: schema.Decl{Name: "Empty"}})
	}))
	want := `func verifyEmpty(v *verify.Verifier, pos uint32) error { _, err := v.Table(pos) if err != nil { return err } v.EndTable() return nil }`
	if !strings.Contains(got, want) {
		t.Errorf("missing %q in:\n%s", want, got)
	}
}

// TestVerifyExtraGolden keeps internal/goldentest/verifyextra, the package
// the verifier tests use for what the golden corpus lacks (recursive tables,
// self-nested flatbuffers), generated from its schema (rewritten with
// -update).
func TestVerifyExtraGolden(t *testing.T) {
	dir := filepath.Join("..", "internal", "goldentest")
	s, err := fbs.Load([]string{filepath.Join(dir, "testdata", "verifyextra", "extra.fbs")}, fbs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(s, Options{Package: "verifyextra"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		golden.Check(t, filepath.Join(dir, "verifyextra", f.Name), f.Content)
	}
}
