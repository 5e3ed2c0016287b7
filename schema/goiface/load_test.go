package goiface_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/goiface"
)

// loadSrc loads one package made of src and returns its schema.
func loadSrc(t *testing.T, src string, opts goiface.Options) *schema.Schema {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/p\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Dir = dir
	pkgs, err := goiface.Load([]string{"."}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 {
		t.Fatalf("want 1 package, got %d", len(pkgs))
	}
	return pkgs[0].Schema
}

func table(s *schema.Schema, name string) *schema.Table {
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// fieldsOf spells a table's fields as "name:id:kind[:deprecated]".
func fieldsOf(t *schema.Table) string {
	var out []string
	for _, f := range t.Fields {
		s := f.Name + ":" + strconv.Itoa(f.ID) + ":" + f.Type.Kind.String()
		if f.Deprecated {
			s += ":deprecated"
		}
		if f.Optional {
			s += ":optional"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

const header = "package p\n\nimport \"context\"\n\n//wsgen:service\ntype S interface {\n\tM(ctx context.Context, r *R) (*R, error)\n}\n\n"

// TestFieldIDs loads one package whose service uses every case's struct
// (R0, R1, ...), so the go command runs once.
func TestFieldIDs(t *testing.T) {
	cases := []struct {
		name, fields, want string
	}{
		{"declaration order", "\tA int32\n\tb int32\n\tC string `wsgen:\"-\"`\n\tD string\n",
			"a:0:int d:1:string"},
		{"retired field keeps its id", "\tA int32\n\t_ string\n\tD string\n",
			"a:0:int removed_1:1:bool:deprecated d:2:string"},
		{"explicit ids in any order", "\tA int32 `wsgen:\"id=1\"`\n\tD string `wsgen:\"id=0\"`\n",
			"d:0:string a:1:int"},
		{"gaps become placeholders", "\tA int32 `wsgen:\"id=0\"`\n\tD string `wsgen:\"id=3\"`\n",
			"a:0:int removed_1:1:bool:deprecated removed_2:2:bool:deprecated d:3:string"},
		{"pointers to scalars are optional", "\tA *int32\n\tB *string\n\tC *R4\n",
			"a:0:int:optional b:1:string c:2:table"},
		{"names", "\tUserIDs []string\n\tHTTPPort uint16\n\tCreatedAt int64\n",
			"user_ids:0:vector http_port:1:ushort created_at:2:long"},
	}
	src := "package p\n\nimport \"context\"\n\n//wsgen:service\ntype S interface {\n"
	for i := range cases {
		src += fmt.Sprintf("\tM%d(ctx context.Context, r *R%d) (*R%d, error)\n", i, i, i)
	}
	src += "}\n"
	for i, c := range cases {
		src += fmt.Sprintf("\ntype R%d struct {\n%s}\n", i, c.fields)
	}
	s := loadSrc(t, src, goiface.Options{})
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := fieldsOf(table(s, fmt.Sprintf("R%d", i))); got != c.want {
				t.Errorf("fields %q, want %q", got, c.want)
			}
		})
	}
}

func TestEnumsAndDocs(t *testing.T) {
	s := loadSrc(t, header+`// R is the message.
type R struct {
	// K is a kind.
	K Kind
	N Plain
}

// Kind is an enum.
type Kind uint16

const (
	KindB Kind = 9
	KindA Kind = 0
	kindHidden Kind = 5
)

// Plain has no constants: a plain number.
type Plain int8
`, goiface.Options{})
	if len(s.Enums) != 1 {
		t.Fatalf("want 1 enum, got %d", len(s.Enums))
	}
	e := s.Enums[0]
	if e.Name != "Kind" || e.Underlying != schema.KindUint16 || len(e.Values) != 2 ||
		e.Values[0].Name != "KindA" || e.Values[1].Name != "KindB" || e.Values[1].Value.Int != 9 {
		t.Errorf("enum %+v", e)
	}
	r := table(s, "R")
	if strings.Join(r.Doc, "|") != "R is the message." || strings.Join(r.Fields[0].Doc, "|") != "K is a kind." {
		t.Errorf("docs %q %q", r.Doc, r.Fields[0].Doc)
	}
	if r.Fields[0].Type.Enum != e || r.Fields[1].Type.Enum != nil || r.Fields[1].Type.Kind != schema.KindInt8 {
		t.Errorf("field types %+v %+v", r.Fields[0].Type, r.Fields[1].Type)
	}
	if s.Services[0].FullName() != "p.S" || s.Services[0].Go.Pkg != "example.com/p" {
		t.Errorf("service %s %+v", s.Services[0].FullName(), s.Services[0].Go)
	}
}

// TestInterfacesByName: Options.Interfaces marks interfaces without the
// directive; a name that matches nothing is an error.
func TestInterfacesByName(t *testing.T) {
	src := "package p\n\nimport \"context\"\n\ntype R struct{ A int32 }\n\ntype Plain interface {\n\tM(ctx context.Context, r *R) (*R, error)\n}\n"
	s := loadSrc(t, src, goiface.Options{Interfaces: []string{"Plain"}})
	if len(s.Services) != 1 || s.Services[0].Name != "Plain" {
		t.Fatalf("services %+v", s.Services)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/p\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644)
	if _, err := goiface.Load([]string{"."}, goiface.Options{Dir: dir, Interfaces: []string{"Missing"}}); err == nil || !strings.Contains(err.Error(), "no interface Missing") {
		t.Errorf("err = %v", err)
	}
}

// TestSynthesizedNamesAvoidCollisions: the Timestamp struct and map entry
// tables take free names.
func TestSynthesizedNamesAvoidCollisions(t *testing.T) {
	s := loadSrc(t, "package p\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n\n//wsgen:service\ntype S interface {\n\tM(ctx context.Context, r *R) (*Timestamp, error)\n}\n\n"+
		"type Timestamp struct{ At time.Time }\n\ntype R struct {\n\tM map[string]int32\n}\n\ntype RMEntry struct{}\n", goiface.Options{})
	if len(s.Structs) != 1 || s.Structs[0].Name != "Timestamp2" {
		t.Errorf("time struct named %q", s.Structs[0].Name)
	}
	if table(s, "RMEntry2") == nil {
		t.Errorf("entry table not renamed: %s", fieldsOf(table(s, "R")))
	}
}
