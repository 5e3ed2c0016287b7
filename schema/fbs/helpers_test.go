package fbs

import (
	"io/fs"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/wsgen/wsgen/schema"

	// The shared -update flag, so that go test ./... -update works here.
	_ "github.com/wsgen/wsgen/internal/golden"
)

// memFS is an in-memory ReadFile over cleaned paths.
func memFS(files map[string]string) func(string) ([]byte, error) {
	return func(path string) ([]byte, error) {
		if s, ok := files[filepath.Clean(path)]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func wantNames(t *testing.T, s *schema.Schema, want []string) {
	t.Helper()
	var got []string
	for _, tb := range s.Tables {
		got = append(got, tb.FullName())
	}
	eq(t, "tables", got, want)
}

func table(t *testing.T, s *schema.Schema, name string) *schema.Table {
	t.Helper()
	return named(t, "table", s.Tables, name)
}

func structNamed(t *testing.T, s *schema.Schema, name string) *schema.Struct {
	t.Helper()
	return named(t, "struct", s.Structs, name)
}

func enumNamed(t *testing.T, s *schema.Schema, name string) *schema.Enum {
	t.Helper()
	return named(t, "enum", s.Enums, name)
}

// named returns the declaration with the fully qualified name, or fails t.
func named[D interface{ FullName() string }](t *testing.T, kind string, decls []D, name string) D {
	t.Helper()
	for _, d := range decls {
		if d.FullName() == name {
			return d
		}
	}
	t.Fatalf("no %s %s", kind, name)
	var zero D
	return zero
}

func fieldNames(tb *schema.Table) []string {
	var n []string
	for _, f := range tb.Fields {
		n = append(n, f.Name)
	}
	return n
}

func fieldIDs(tb *schema.Table) []int {
	var n []int
	for _, f := range tb.Fields {
		n = append(n, f.ID)
	}
	return n
}

// layout renders a struct as "name@offset+padding ... size=N align=N".
func layout(s *schema.Struct) string {
	out := ""
	for _, f := range s.Fields {
		out += f.Name + "@" + strconv.Itoa(f.Offset) + "+" + strconv.Itoa(f.Padding) + " "
	}
	return out + "size=" + strconv.Itoa(s.Size) + " align=" + strconv.Itoa(s.Align)
}

func enumVals(e *schema.Enum) string {
	out := ""
	for i, v := range e.Values {
		if i > 0 {
			out += " "
		}
		out += v.Name + "=" + formatValue(v.Value)
	}
	return out
}
