package flatc

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/wsgen/wsgen/schema"
)

// flatc 2.0.8 refuses schemas with vectors of unions whenever it is asked
// for JSON ("not yet supported in at least one of the specified programming
// languages"), although it builds such buffers from JSON. To let flatc render
// wsgen's buffers anyway, rewriteUnionVectors copies the schemas with each
// `f: [U];` replaced by the two vectors it is on the wire, `f_type: [ubyte];
// f: [uint];`: flatc then prints the discriminants as numbers and the value
// offsets as meaningless numbers, and every other field as usual.

// unionVectorFields returns the vector-of-union fields of s.
func unionVectorFields(s *schema.Schema) []*schema.Field {
	var out []*schema.Field
	for _, t := range s.Tables {
		for _, f := range t.Fields {
			if !f.Hidden && f.Type.Kind == schema.KindVector && f.Type.Elem.Kind == schema.KindUnion {
				out = append(out, f)
			}
		}
	}
	return out
}

// nonTableUnionMembers reports whether a union of s has a struct or string
// member: flatc 2.0.8 refuses such schemas for --go and --json (though it
// builds buffers from JSON with -b, as its C++ generator supports them).
func nonTableUnionMembers(s *schema.Schema) bool {
	for _, u := range s.Unions {
		for _, m := range u.Values {
			if m.Type.Kind == schema.KindStruct || m.Type.Kind == schema.KindString {
				return true
			}
		}
	}
	return false
}

// rewriteUnionVectors copies the .fbs files under includeDir to dst with
// every field in fields rewritten.
func rewriteUnionVectors(includeDir, dst string, fields []*schema.Field) error {
	return rewriteFields(includeDir, dst, fields, func(f *schema.Field) string {
		return fmt.Sprintf("%s: [ubyte]; %s: [uint]", f.UnionType.Name, f.Name)
	})
}

// rewriteFields copies the .fbs files under includeDir to dst with the
// declaration of every field in fields (from its name to the ";") replaced
// by repl(field); an empty replacement removes the ";" too.
func rewriteFields(includeDir, dst string, fields []*schema.Field, repl func(*schema.Field) string) error {
	byFile := map[string][]*schema.Field{}
	for _, f := range fields {
		abs, err := filepath.Abs(f.Pos.File)
		if err != nil {
			return err
		}
		byFile[abs] = append(byFile[abs], f)
	}
	return filepath.WalkDir(includeDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".fbs" {
			return err
		}
		rel, err := filepath.Rel(includeDir, path)
		if err != nil {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		fs := byFile[abs]
		// Back to front, so earlier offsets stay valid.
		sort.Slice(fs, func(i, j int) bool { return offsetOf(src, fs[i].Pos) > offsetOf(src, fs[j].Pos) })
		for _, f := range fs {
			start := offsetOf(src, f.Pos)
			end := -1
			if start >= 0 {
				end = bytes.IndexByte(src[start:], ';')
			}
			if end < 0 {
				return fmt.Errorf("%s: cannot find the declaration of %s", f.Pos, f.Name)
			}
			decl := src[start : start+end]
			if bytes.ContainsAny(decl, "(=") || !bytes.HasPrefix(decl, []byte(f.Name)) {
				return fmt.Errorf("%s: cannot rewrite %q (attributes are not supported here)", f.Pos, decl)
			}
			r := repl(f)
			if r == "" {
				end++ // drop the declaration with its ";"
			}
			src = append(src[:start:start], append([]byte(r), src[start+end:]...)...)
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, src, 0o644)
	})
}

// offsetOf returns the byte offset of pos in src, or -1.
func offsetOf(src []byte, pos schema.Pos) int {
	line, off := 1, 0
	for line < pos.Line {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
		line++
	}
	if off+pos.Col-1 > len(src) {
		return -1
	}
	return off + pos.Col - 1
}

// packed returns v as it reads back after Pack: the object API cannot tell
// an empty string from an absent one (Pack leaves "" out unless the field
// is required or a key), so such empty strings in table fields become absent.
func packed(t *schema.Table, v tableVal) tableVal {
	out := tableVal{}
	for _, f := range fields(t) {
		x, ok := v[f.Name]
		if !ok {
			continue
		}
		if f.Type.Kind == schema.KindString && x == "" && !f.Required && !f.Key {
			continue
		}
		out[f.Name] = packedValue(f, &f.Type, x)
	}
	return out
}

func packedValue(f *schema.Field, t *schema.Type, x any) any {
	switch {
	case f != nil && f.NestedFlatbuffer != nil:
		n := x.(nestedVal)
		return nestedVal{n.table, packed(n.table, n.val)}
	case t.Kind == schema.KindTable:
		return packed(t.Table, x.(tableVal))
	case t.Kind == schema.KindUnion:
		u := x.(unionVal)
		return unionVal{u.member, packedValue(nil, &u.member.Type, u.val)}
	case t.Kind == schema.KindVector:
		xs := x.([]any)
		out := make([]any, len(xs))
		for i := range xs {
			out[i] = packedValue(nil, t.Elem, xs[i])
		}
		return out
	}
	return x
}
