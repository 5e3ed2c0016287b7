package goiface

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"unicode"
)

// typeDoc returns the doc comment of a type declaration.
func (l *loader) typeDoc(obj types.Object) []string {
	for _, f := range l.p.Syntax {
		if f.Pos() > obj.Pos() || obj.Pos() > f.End() {
			continue
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE || obj.Pos() < gd.Pos() || obj.Pos() > gd.End() {
				continue
			}
			for _, sp := range gd.Specs {
				ts := sp.(*ast.TypeSpec)
				if ts.Name.Pos() == obj.Pos() {
					if ts.Doc != nil {
						return docLines(ts.Doc)
					}
					if len(gd.Specs) == 1 {
						return docLines(gd.Doc)
					}
				}
			}
		}
	}
	return nil
}

// fieldDoc returns the doc comment of a struct field.
func (l *loader) fieldDoc(v *types.Var) []string {
	for _, f := range l.p.Syntax {
		if f.Pos() > v.Pos() || v.Pos() > f.End() {
			continue
		}
		var doc []string
		ast.Inspect(f, func(n ast.Node) bool {
			if doc != nil || n == nil || n.Pos() > v.Pos() || n.End() < v.Pos() {
				return false
			}
			if fl, ok := n.(*ast.Field); ok {
				for _, id := range fl.Names {
					if id.Pos() == v.Pos() {
						doc = docLines(fl.Doc)
						if doc == nil {
							doc = []string{}
						}
						return false
					}
				}
			}
			return true
		})
		if len(doc) > 0 {
			return doc
		}
	}
	return nil
}

// snake converts a Go field name to the schema's snake_case:
// "CreatedAt" -> "created_at", "UserID" -> "user_id", "HTTPPort" -> "http_port".
func snake(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			// "IDs": a plural s after an acronym belongs to it.
			if i > 0 && i+2 == len(rs) && rs[i+1] == 's' && unicode.IsUpper(rs[i-1]) {
				b.WriteRune(unicode.ToLower(r))
				continue
			}
			if i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) ||
				(i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1]))) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
