package templates

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/schema"
)

// goSchema is a hand-made Go-bound schema: struct Msg{Name string; N *int32;
// Tags map[string]int64} and service Svc{Get(ctx, *Msg) (*Msg, error)}.
func goSchema() *schema.Schema {
	f := &schema.File{Path: "p/p.go", Input: true}
	decl := func(name, goName string) schema.Decl {
		return schema.Decl{Name: name, Namespace: []string{"p"}, File: f, Go: &schema.GoDecl{Pkg: "example.com/p", Name: goName}}
	}
	entry := &schema.Table{Decl: decl("MsgTagsEntry", "")}
	key := &schema.Field{Name: "key", ID: 0, Key: true, Required: true, Type: schema.Type{Kind: schema.KindString},
		Go: &schema.GoField{Type: &schema.GoType{Kind: schema.GoBasic, Name: "string"}}}
	entry.Fields = []*schema.Field{key, {Name: "value", ID: 1, Type: schema.Type{Kind: schema.KindInt64},
		Go: &schema.GoField{Type: &schema.GoType{Kind: schema.GoBasic, Name: "int64"}}}}
	entry.Key = key
	msg := &schema.Table{Decl: decl("Msg", "Msg")}
	msg.Fields = []*schema.Field{
		{Name: "name", ID: 0, Type: schema.Type{Kind: schema.KindString},
			Go: &schema.GoField{Name: "Name", Type: &schema.GoType{Kind: schema.GoBasic, Name: "string"}}},
		{Name: "n", ID: 1, Optional: true, Default: schema.Value{Kind: schema.ValueNull}, Type: schema.Type{Kind: schema.KindInt32},
			Go: &schema.GoField{Name: "N", Type: &schema.GoType{Kind: schema.GoPointer, Elem: &schema.GoType{Kind: schema.GoBasic, Name: "int32"}}}},
		{Name: "tags", ID: 2, Type: schema.Type{Kind: schema.KindVector, Elem: &schema.Type{Kind: schema.KindTable, Table: entry}},
			Go: &schema.GoField{Name: "Tags", Type: &schema.GoType{Kind: schema.GoMap,
				Key: &schema.GoType{Kind: schema.GoBasic, Name: "string"}, Elem: &schema.GoType{Kind: schema.GoBasic, Name: "int64"}}}},
	}
	svc := &schema.Service{Decl: decl("Svc", "Svc")}
	svc.Methods = []*schema.Method{{Name: "Get", Request: msg, Response: msg}}
	return &schema.Schema{Files: []*schema.File{f}, Tables: []*schema.Table{entry, msg}, Services: []*schema.Service{svc}}
}

func TestGenerateGo(t *testing.T) {
	opts := GoOptions{Package: "p", ImportPath: "example.com/p"}
	f, err := GenerateGo(goSchema(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "p.wsgen.go" {
		t.Errorf("file name %q", f.Name)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Content, 0); err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	src := string(f.Content)
	for _, want := range []string{
		"// " + Header,
		"func EncodeMsg(b *flatbuffers.Builder, v *Msg) flatbuffers.UOffsetT {",
		"func DecodeMsg(buf []byte, v *Msg) error {",
		"\tif v.N != nil {\n\t\tb.PrependInt32(*v.N)\n\t\tb.Slot(1)\n\t}",
		"keyOff := b.CreateString(key)", // a key is always written
		"v.Name = string(t.ByteVector(o + t.Pos))",
		"var _ Svc = (*SvcClient)(nil)",
		"func RegisterSvcServer(s *runtime.Server, impl Svc) error {",
		`FullName:       "/p.Svc/Get",`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(src, "\"example.com/p\"") {
		t.Error("the output imports its own package")
	}
	again, _ := GenerateGo(goSchema(), opts)
	if !bytes.Equal(again.Content, f.Content) {
		t.Error("output is not deterministic")
	}
}

func TestGenerateGoErrors(t *testing.T) {
	if _, err := GenerateGo(goSchema(), GoOptions{Package: "p"}); err == nil {
		t.Error("no error without an import path")
	}
	s := goSchema()
	s.Tables[0].Go = nil
	if _, err := GenerateGo(s, GoOptions{Package: "p", ImportPath: "example.com/p"}); err == nil || !strings.Contains(err.Error(), "no Go binding") {
		t.Errorf("err = %v, want one about the missing Go binding", err)
	}
}

// Generate the code of a Go-defined service (the schema normally comes
// from goiface.Load) and list the functions it declares (the verifiers,
// VerifyMsgBuffer and friends, left out).
func ExampleGenerateGo() {
	f, err := GenerateGo(goSchema(), GoOptions{Package: "p", ImportPath: "example.com/p"})
	if err != nil {
		panic(err)
	}
	af, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Content, parser.SkipObjectResolution)
	if err != nil {
		panic(err)
	}
	for _, d := range af.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.IsExported() && !strings.HasPrefix(fd.Name.Name, "Verify") {
			fmt.Println(fd.Name.Name)
		}
	}
	// Output:
	// RegisterSvcServer
	// NewSvcClient
	// EncodeMsg
	// DecodeMsg
}
