package fbs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/schema"
)

// TestFlatcRejects loads every schema flatc rejects and checks we reject it
// too, with every diagnostic positioned in that file.
func TestFlatcRejects(t *testing.T) {
	paths, err := filepath.Glob("../../testdata/flatc_rejects/*.fbs")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 20 {
		t.Fatalf("found %d schemas in testdata/flatc_rejects, want at least 20", len(paths))
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".fbs"), func(t *testing.T) {
			s, err := Load([]string{p}, Options{})
			if err == nil {
				t.Fatalf("Load accepted %s (%d tables)", p, len(s.Tables))
			}
			ds, ok := err.(schema.Diagnostics)
			if !ok || len(ds) == 0 {
				t.Fatalf("error is %T %v, want non-empty schema.Diagnostics", err, err)
			}
			for _, d := range ds {
				if d.Pos.File != filepath.Clean(p) || !d.Pos.IsValid() {
					t.Errorf("diagnostic %q is not positioned in %s", d, p)
				}
			}
		})
	}
}

// TestSchemaCorpus loads every schema directory of testdata/schemas the way
// the golden harness does: the directory's *.fbs files as inputs, the
// directory as the include path.
func TestSchemaCorpus(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/schemas/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			inputs, _ := filepath.Glob(filepath.Join(dir, "*.fbs"))
			s, err := Load(inputs, Options{IncludeDirs: []string{dir}})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(s.Tables) == 0 {
				t.Errorf("no tables")
			}
			for _, f := range s.Files {
				if f.Input != contains(inputs, f.Path) {
					t.Errorf("file %s: Input = %v", f.Path, f.Input)
				}
			}
			checkLinks(t, s)
		})
	}
	if n == 0 {
		t.Fatal("no schema directories under testdata/schemas")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if filepath.Clean(x) == s {
			return true
		}
	}
	return false
}

// checkLinks asserts invariants every resolved model keeps: every Decl
// has its File, every named type is resolved, union fields and their
// hidden type fields point at each other, ids are a permutation of
// 0..n-1, struct fields are laid out without overlap.
func checkLinks(t *testing.T, s *schema.Schema) {
	t.Helper()
	files := map[*schema.File]bool{}
	for _, f := range s.Files {
		files[f] = true
	}
	decl := func(d *schema.Decl) {
		if d.File == nil || !files[d.File] {
			t.Errorf("%s: File %v is not in Schema.Files", d.FullName(), d.File)
		}
		if !d.Pos.IsValid() {
			t.Errorf("%s: no position", d.FullName())
		}
	}
	var typ func(where string, ty *schema.Type)
	typ = func(where string, ty *schema.Type) {
		switch ty.Kind {
		case schema.KindVector, schema.KindArray:
			if ty.Elem == nil {
				t.Errorf("%s: no element type", where)
				return
			}
			typ(where, ty.Elem)
		case schema.KindStruct:
			if ty.Struct == nil {
				t.Errorf("%s: unresolved struct", where)
			}
		case schema.KindTable:
			if ty.Table == nil {
				t.Errorf("%s: unresolved table", where)
			}
		case schema.KindUnion, schema.KindUType:
			if ty.Union == nil {
				t.Errorf("%s: unresolved union", where)
			}
		case schema.KindNone:
			t.Errorf("%s: no type", where)
		}
	}
	for _, e := range s.Enums {
		decl(&e.Decl)
		if !e.Underlying.IsInteger() || len(e.Values) == 0 {
			t.Errorf("enum %s: underlying %v, %d values", e.Name, e.Underlying, len(e.Values))
		}
	}
	for _, u := range s.Unions {
		decl(&u.Decl)
		if len(u.Values) == 0 || u.Values[0].Name != "NONE" || u.Values[0].Value != 0 {
			t.Errorf("union %s does not start with NONE = 0", u.Name)
		}
		for _, v := range u.Values[1:] {
			switch {
			case v.Type.Kind == schema.KindTable && v.Type.Table != nil,
				v.Type.Kind == schema.KindStruct && v.Type.Struct != nil,
				v.Type.Kind == schema.KindString:
			default:
				t.Errorf("union %s member %s is not a resolved table, struct or string", u.Name, v.Name)
			}
		}
	}
	for _, st := range s.Structs {
		decl(&st.Decl)
		end := 0
		for _, f := range st.Fields {
			typ(st.Name+"."+f.Name, &f.Type)
			if f.Offset < end || f.Offset%f.Type.InlineAlign() != 0 {
				t.Errorf("struct %s field %s at offset %d (previous end %d)", st.Name, f.Name, f.Offset, end)
			}
			end = f.Offset + f.Type.InlineSize() + f.Padding
		}
		if end != st.Size || st.Size%st.Align != 0 {
			t.Errorf("struct %s: fields end at %d, size %d, align %d", st.Name, end, st.Size, st.Align)
		}
	}
	for _, tb := range s.Tables {
		decl(&tb.Decl)
		ids := map[int]bool{}
		for _, f := range tb.Fields {
			typ(tb.Name+"."+f.Name, &f.Type)
			if f.ID < 0 || f.ID >= len(tb.Fields) || ids[f.ID] {
				t.Errorf("table %s field %s: bad or repeated id %d", tb.Name, f.Name, f.ID)
			}
			ids[f.ID] = true
			if f.Hidden {
				if f.UnionValue == nil || f.UnionValue.UnionType != f || f.ID != f.UnionValue.ID-1 {
					t.Errorf("table %s hidden field %s is not linked to its union field", tb.Name, f.Name)
				}
			}
			if (f.Type.Kind == schema.KindUnion || f.Type.Kind == schema.KindVector && f.Type.Elem.Kind == schema.KindUnion) && f.UnionType == nil {
				t.Errorf("table %s union field %s has no type field", tb.Name, f.Name)
			}
		}
	}
	for _, sv := range s.Services {
		decl(&sv.Decl)
		for _, m := range sv.Methods {
			if m.Request == nil || m.Response == nil {
				t.Errorf("service %s method %s: unresolved request or response", sv.Name, m.Name)
			}
		}
	}
}
