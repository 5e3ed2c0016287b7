package templates

import (
	"strings"

	"github.com/wsgen/wsgen/schema"
)

// Names decides the Go identifier of every declaration in one place.
//
// A declaration keeps its schema name (flatc's Go output keeps type names as
// written). Because wsgen writes one Go package for all namespaces, two
// declarations with the same name in different namespaces would collide; each
// of those gets its namespace components prefixed, joined by "_", with the
// first letter upper-cased so the type stays exported:
// A.B.Monster -> A_B_Monster, shop.Item -> Shop_Item. Names that are unique
// stay as written.
//
// Names that would not compile are then changed as names_decl.go (package
// level: predeclared identifiers, imported package names, clashes between
// declarations) and names_field.go (fields against generated methods and
// each other) describe.
type Names struct {
	decl  map[*schema.Decl]string
	field map[*schema.Field]string
	// errs are the clashes renaming cannot fix; Generate reports them.
	errs schema.Diagnostics
}

// NewNames computes the Go names for every declaration in s.
func NewNames(s *schema.Schema) *Names {
	var all []*schema.Decl
	owner := map[*schema.Decl]any{}
	add := func(d *schema.Decl, o any) {
		all = append(all, d)
		owner[d] = o
	}
	for _, e := range s.Enums {
		add(&e.Decl, e)
	}
	for _, u := range s.Unions {
		add(&u.Decl, u)
	}
	for _, st := range s.Structs {
		add(&st.Decl, st)
	}
	for _, t := range s.Tables {
		add(&t.Decl, t)
	}
	for _, sv := range s.Services {
		add(&sv.Decl, sv)
	}
	count := map[string]int{}
	for _, d := range all {
		count[d.Name]++
	}
	n := &Names{decl: make(map[*schema.Decl]string, len(all)), field: map[*schema.Field]string{}}
	for _, d := range all {
		name := d.Name
		if count[name] > 1 && len(d.Namespace) > 0 {
			prefix := strings.Join(d.Namespace, "_")
			name = string(toUpper(prefix[0])) + prefix[1:] + "_" + name
		}
		n.decl[d] = EscapeKeyword(name)
	}
	for _, st := range s.Structs {
		n.nameFields(st.Fields, true, false)
	}
	for _, t := range s.Tables {
		n.nameFields(t.Fields, false, t.Key != nil)
	}
	n.errs = n.resolveDeclClashes(sourceOrder(s, all), owner)
	return n
}

// Err returns the name clashes renaming cannot fix, as diagnostics with
// the declaration's position, or nil.
func (n *Names) Err() error {
	if len(n.errs) == 0 {
		return nil
	}
	return n.errs
}

// Of returns the Go type name of a declaration.
func (n *Names) Of(d *schema.Decl) string {
	if s, ok := n.decl[d]; ok {
		return s
	}
	return EscapeKeyword(d.Name)
}

// UpperCamel converts a schema identifier to the form flatc uses for Go
// methods and fields: the first letter and every letter after an underscore
// are upper-cased and the underscores dropped ("test_type" -> "TestType").
// A leading underscore is kept.
func UpperCamel(s string) string { return camel(s, true) }

// LowerCamel is UpperCamel with the first letter lower-cased, as flatc uses
// for Go parameters and locals.
//
// Beyond flatc, a result that is a Go predeclared identifier or the name of
// a package generated code imports also gets a trailing "_" (a parameter
// `int` or `math` would hide the type or package in the function body).
func LowerCamel(s string) string {
	c := camel(s, false)
	if reservedIdent(c) {
		return c + "_"
	}
	return c
}

func camel(in string, upper bool) string {
	var b strings.Builder
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case i == 0 && c == '_':
			b.WriteByte(c)
			if i+1 < len(in) && isAlpha(in[i+1]) {
				i++
				b.WriteByte(toUpper(in[i]))
			}
		case i == 0:
			if upper {
				b.WriteByte(toUpper(c))
			} else {
				b.WriteByte(toLower(c))
			}
		case c == '_' && i+1 < len(in):
			i++
			b.WriteByte(toUpper(in[i]))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var goKeywords = map[string]bool{
	"break": true, "default": true, "func": true, "interface": true, "select": true,
	"case": true, "defer": true, "go": true, "map": true, "struct": true,
	"chan": true, "else": true, "goto": true, "package": true, "switch": true,
	"const": true, "fallthrough": true, "if": true, "range": true, "type": true,
	"continue": true, "for": true, "import": true, "return": true, "var": true,
}

// EscapeKeyword appends "_" to a Go keyword, as flatc does.
func EscapeKeyword(s string) string {
	if goKeywords[s] {
		return s + "_"
	}
	return s
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func toUpper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func toLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c - 'A' + 'a'
	}
	return c
}
