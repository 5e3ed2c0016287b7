package flatc

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/e2e/internal/registry"
	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/templates"
)

// TestFlatcGoAPI: code written against flatc's Go output compiles against
// wsgen's. For every corpus directory whose schemas flatc's Go generator
// accepts and that declare a single namespace (flatc writes one Go package
// per namespace, referring across them by import; wsgen writes one), every
// exported declaration of `flatc --go --gen-object-api` — function, method,
// type, struct field, constant, variable — exists in the golden package with
// the same signature, or the same fields in the same order.
//
// flatc refuses vectors of unions and fixed-size arrays for Go (wsgen goes
// beyond it there), so those fields are removed from a copy of the schemas
// given to flatc; the rest of the API must match. Directories with unions
// of structs or strings, which flatc --go refuses outright, are skipped.
func TestFlatcGoAPI(t *testing.T) {
	root := repoRoot(t)
	dirs, err := registry.Dirs(root)
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, d := range dirs {
		t.Run(d.Name, func(t *testing.T) {
			s, err := d.Load()
			if err != nil {
				t.Fatal(err)
			}
			if nonTableUnionMembers(s) {
				// flatc's Go generator refuses the union declarations
				// themselves; nothing to compare against.
				t.Logf("not compared: flatc --go refuses unions with struct or string members")
				return
			}
			out := t.TempDir()
			includeDir, inputs := d.IncludeDir, slices.Clone(d.Inputs)
			extra := map[string]bool{} // "MonsterT.Field" wsgen may have beyond flatc
			if uvs := unionVectorFields(s); len(uvs) > 0 {
				includeDir = filepath.Join(t.TempDir(), "schemas")
				if err := rewriteFields(d.IncludeDir, includeDir, uvs, func(*schema.Field) string { return "" }); err != nil {
					t.Fatal(err)
				}
				inputs = nil
				for _, in := range d.Inputs {
					inputs = append(inputs, filepath.Join(includeDir, filepath.Base(in)))
				}
				names := templates.NewNames(s)
				for _, t := range s.Tables {
					for _, f := range uvs {
						if slices.Contains(t.Fields, f) {
							extra[names.Of(&t.Decl)+"T."+templates.UpperCamel(f.Name)] = true
						}
					}
				}
			}
			// Likewise fixed-size arrays in structs: removed for flatc, and
			// the builder and object type of every struct holding one
			// (directly or nested) are not compared.
			skip := map[string]bool{}
			if afs, holders := arrayFields(s); len(afs) > 0 {
				dst := filepath.Join(t.TempDir(), "noarrays")
				if err := rewriteFields(includeDir, dst, afs, func(*schema.Field) string { return "" }); err != nil {
					t.Fatal(err)
				}
				for i, in := range inputs {
					inputs[i] = filepath.Join(dst, filepath.Base(in))
				}
				includeDir = dst
				names := templates.NewNames(s)
				for _, st := range holders {
					skip["func Create"+names.Of(&st.Decl)] = true
					skip["type "+names.Of(&st.Decl)+"T"] = true
				}
			}
			args := append([]string{"--go", "--gen-object-api", "-I", includeDir, "-o", out}, inputs...)
			if msg, err := flatc(root, args...); err != nil {
				t.Fatalf("flatc --go refuses the schemas: %v\n%s", err, msg)
			}
			var pkgs []string
			filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
				if err == nil && !e.IsDir() && strings.HasSuffix(p, ".go") && !slices.Contains(pkgs, filepath.Dir(p)) {
					pkgs = append(pkgs, filepath.Dir(p))
				}
				return err
			})
			if len(pkgs) == 0 {
				t.Fatal("flatc wrote no Go files")
			}
			// flatc writes a package per namespace (Corpus/Geo for
			// Corpus.Geo) and refers across them as Corpus__Geo.Item;
			// wsgen's one package names that type by templates.Names.
			names := templates.NewNames(s)
			goName := map[string]string{}
			for _, decl := range decls(s) {
				goName[decl.FullName()] = names.Of(decl)
			}
			compared++
			want := map[string]string{}
			for _, pkg := range pkgs {
				rel, err := filepath.Rel(out, pkg)
				if err != nil {
					t.Fatal(err)
				}
				ns := strings.ReplaceAll(filepath.ToSlash(rel), "/", ".")
				ren := flatcNames{ns: ns, goName: goName}
				for k, v := range goAPI(t, pkg, nil, ren) {
					if _, dup := want[k]; dup {
						t.Errorf("%s: declared by two of flatc's packages; cannot compare", k)
					}
					want[k] = v
				}
			}
			got := goAPI(t, filepath.Join(root, "testdata", "golden", d.Name), extra, sameNames{})
			t.Logf("comparing %d declarations of flatc's Go output (%d packages)", len(want), len(pkgs))
			keys := make([]string, 0, len(want))
			for k := range want {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				if skip[k] {
					continue
				}
				switch g, ok := got[k]; {
				case !ok:
					t.Errorf("missing %s %s", k, want[k])
				case g != want[k]:
					t.Errorf("%s differs:\n\tflatc: %s\n\twsgen: %s", k, want[k], g)
				}
			}
		})
	}
	if compared == 0 {
		t.Error("no corpus directory was compared with flatc's Go output")
	}
}

// goAPI returns the exported declarations of the Go files in dir: a key
// naming each ("func (*Monster).Hp", "type MonsterT", "value MonsterIdentifier")
// and its signature or fields, types as written with interface{} as any;
// struct fields named in skip ("MonsterT.Field") are left out.
func goAPI(t *testing.T, dir string, skip map[string]bool, ren renamer) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s (%v)", dir, err)
	}
	fset := token.NewFileSet()
	str := func(e ast.Expr) string {
		var b bytes.Buffer
		printer.Fprint(&b, fset, e)
		return ren.types(strings.ReplaceAll(b.String(), "interface{}", "any"))
	}
	list := func(fl *ast.FieldList) string {
		if fl == nil {
			return ""
		}
		var out []string
		for _, f := range fl.List {
			for range max(1, len(f.Names)) {
				out = append(out, str(f.Type))
			}
		}
		return strings.Join(out, ", ")
	}
	api := map[string]string{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				key := "func " + ren.decl(d.Name.Name)
				if d.Recv != nil {
					key = "func (" + str(d.Recv.List[0].Type) + ")." + d.Name.Name
				}
				api[key] = "(" + list(d.Type.Params) + ") (" + list(d.Type.Results) + ")"
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						if !sp.Name.IsExported() {
							continue
						}
						if st, ok := sp.Type.(*ast.StructType); ok {
							var fields []string
							for _, fl := range st.Fields.List {
								for _, n := range fl.Names {
									if n.IsExported() && !skip[ren.decl(sp.Name.Name)+"."+n.Name] {
										fields = append(fields, n.Name+" "+str(fl.Type))
									}
								}
							}
							api["type "+ren.decl(sp.Name.Name)] = "struct{" + strings.Join(fields, "; ") + "}"
						} else {
							api["type "+ren.decl(sp.Name.Name)] = str(sp.Type)
						}
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							if n.IsExported() {
								api["value "+ren.decl(n.Name)] = ""
							}
						}
					}
				}
			}
		}
	}
	return api
}

// renamer maps the names in one Go package's API to wsgen's.
type renamer interface {
	// types rewrites the type names in a type expression.
	types(expr string) string
	// decl rewrites a top-level declared name.
	decl(name string) string
}

// sameNames is the identity: wsgen's own package.
type sameNames struct{}

func (sameNames) types(expr string) string { return expr }
func (sameNames) decl(name string) string  { return name }

// flatcNames maps the names flatc writes in the Go package of namespace ns
// to wsgen's: flatc refers across namespaces as Corpus__Geo.Item, and
// where two namespaces declare the same name wsgen prefixes it
// (templates.Names), in the type and in names derived from it
// (GetRootAsItem, ItemStart, ItemT, ...).
type flatcNames struct {
	ns     string
	goName map[string]string // full schema name -> wsgen's Go name
}

var goIdentRef = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?`)

func (r flatcNames) types(expr string) string {
	return goIdentRef.ReplaceAllStringFunc(expr, func(ref string) string {
		qual, name, ok := strings.Cut(ref, ".")
		full := r.ns + "." + ref
		if ok {
			full = strings.ReplaceAll(qual, "__", ".") + "." + name
		} else {
			name = ref
		}
		if g, found := r.goName[full]; found {
			return g
		}
		if strings.HasSuffix(name, "T") {
			if g, found := r.goName[strings.TrimSuffix(full, "T")]; found {
				return g + "T"
			}
		}
		return ref
	})
}

// derivedPrefixes are what flatc puts before a type's name in the names of
// package-level functions and variables.
var derivedPrefixes = []string{"", "GetRootAs", "GetSizePrefixedRootAs", "Create", "EnumNames", "EnumValues", "Finish", "FinishSizePrefixed", "SizePrefixed"}

func (r flatcNames) decl(name string) string {
	for _, p := range derivedPrefixes {
		rest, ok := strings.CutPrefix(name, p)
		if !ok {
			continue
		}
		// The longest declared name that rest starts with and that ends
		// at a word boundary.
		best := ""
		for i := 1; i <= len(rest); i++ {
			if i < len(rest) && !(rest[i] >= 'A' && rest[i] <= 'Z') {
				continue
			}
			if _, ok := r.goName[r.ns+"."+rest[:i]]; ok {
				best = rest[:i]
			}
		}
		if best != "" {
			return p + r.goName[r.ns+"."+best] + rest[len(best):]
		}
	}
	return name
}

// arrayFields returns the fixed-size array fields of the structs of s, and
// the structs that hold one, directly or in a nested struct.
func arrayFields(s *schema.Schema) (fields []*schema.Field, holders []*schema.Struct) {
	var holds func(st *schema.Struct) bool
	holds = func(st *schema.Struct) bool {
		for _, f := range st.Fields {
			if f.Type.Kind == schema.KindArray || f.Type.Kind == schema.KindStruct && holds(f.Type.Struct) {
				return true
			}
		}
		return false
	}
	for _, st := range s.Structs {
		for _, f := range st.Fields {
			if f.Type.Kind == schema.KindArray {
				fields = append(fields, f)
			}
		}
		if holds(st) {
			holders = append(holders, st)
		}
	}
	return fields, holders
}

// decls returns every declaration of s.
func decls(s *schema.Schema) []*schema.Decl {
	var all []*schema.Decl
	for _, e := range s.Enums {
		all = append(all, &e.Decl)
	}
	for _, u := range s.Unions {
		all = append(all, &u.Decl)
	}
	for _, st := range s.Structs {
		all = append(all, &st.Decl)
	}
	for _, t := range s.Tables {
		all = append(all, &t.Decl)
	}
	for _, sv := range s.Services {
		all = append(all, &sv.Decl)
	}
	return all
}
