package fbsout_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/fbs"
	"github.com/wsgen/wsgen/schema/goiface"
	"github.com/wsgen/wsgen/templates/fbsout"
)

// describe spells the parts of a schema that the printed .fbs must keep.
func describe(s *schema.Schema) []string {
	var out []string
	for _, e := range s.Enums {
		for _, v := range e.Values {
			out = append(out, fmt.Sprintf("enum %s:%s %s=%d/%d", e.Name, e.Underlying, v.Name, v.Value.Int, v.Value.Uint))
		}
	}
	for _, st := range s.Structs {
		for _, f := range st.Fields {
			out = append(out, fmt.Sprintf("struct %s size=%d %s@%d:%s", st.Name, st.Size, f.Name, f.Offset, f.Type.Kind))
		}
	}
	for _, t := range s.Tables {
		for _, f := range t.Fields {
			elem := ""
			if f.Type.Elem != nil {
				elem = f.Type.Elem.Kind.String()
			}
			out = append(out, fmt.Sprintf("table %s %s id=%d %s[%s] opt=%v key=%v dep=%v req=%v",
				t.Name, f.Name, f.ID, f.Type.Kind, elem, f.Optional, f.Key, f.Deprecated, f.Required))
		}
	}
	for _, sv := range s.Services {
		for _, m := range sv.Methods {
			out = append(out, fmt.Sprintf("rpc %s.%s(%s):%s %s idempotent=%v", sv.FullName(), m.Name, m.Request.FullName(), m.Response.FullName(), m.Streaming, m.Idempotent))
		}
	}
	return out
}

// TestPrintLoadsBack prints the schema of a Go-defined package and loads
// the result with the .fbs front end: every enum, struct layout, table
// field (id, type, optional, key, deprecated, required) and rpc survives.
func TestPrintLoadsBack(t *testing.T) {
	pkgs, err := goiface.Load([]string{"."}, goiface.Options{Dir: "../../testdata/goservices/kitchen"})
	if err != nil {
		t.Fatal(err)
	}
	want := describe(pkgs[0].Schema)
	path := filepath.Join(t.TempDir(), "k.fbs")
	if err := os.WriteFile(path, fbsout.Print(pkgs[0].Schema, "header"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := fbs.Load([]string{path}, fbs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := describe(s)
	if len(got) != len(want) {
		t.Fatalf("%d facts after loading, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("after loading: %s\n              want: %s", got[i], want[i])
		}
	}
}

// Print a small hand-made schema.
func ExamplePrint() {
	item := &schema.Table{Decl: schema.Decl{Name: "Item", Namespace: []string{"shop"}, Doc: []string{"An item."}}}
	item.Fields = []*schema.Field{
		{Name: "name", Type: schema.Type{Kind: schema.KindString}, ID: 0},
		{Name: "count", Type: schema.Type{Kind: schema.KindInt32}, ID: 1, Optional: true},
	}
	svc := &schema.Service{Decl: schema.Decl{Name: "Shop", Namespace: []string{"shop"}}}
	svc.Methods = []*schema.Method{{Name: "Watch", Request: item, Response: item, Streaming: schema.StreamServer}}
	s := &schema.Schema{Tables: []*schema.Table{item}, Services: []*schema.Service{svc}}
	fmt.Print(string(fbsout.Print(s, "Generated.")))
	// Output:
	// // Generated.
	//
	// namespace shop;
	//
	// /// An item.
	// table Item {
	//   name: string (id: 0);
	//   count: int = null (id: 1);
	// }
	//
	// rpc_service Shop {
	//   Watch(shop.Item):shop.Item (streaming: "server");
	// }
}

func TestPrintHeader(t *testing.T) {
	s := &schema.Schema{Structs: []*schema.Struct{{Decl: schema.Decl{Name: "P", Namespace: []string{"a", "b"}}}}}
	tests := []struct {
		name, header, wantPrefix string
	}{
		{"none", "", "namespace a.b;\n"},
		{"one line", "Made by hand.", "// Made by hand.\n\nnamespace a.b;\n"},
		{"two lines", "One.\nTwo.", "// One.\n// Two.\n\nnamespace a.b;\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(fbsout.Print(s, tt.header))
			if !strings.HasPrefix(got, tt.wantPrefix) {
				t.Errorf("Print starts\n%q\nwant\n%q", got, tt.wantPrefix)
			}
		})
	}
}
