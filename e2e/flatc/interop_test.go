package flatc

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	flatbuffers "github.com/google/flatbuffers/go"
	"github.com/wsgen/wsgen/e2e/internal/registry"
	"github.com/wsgen/wsgen/schema"
)

// goldenPackage is what the registry (registry_test.go) knows about one
// golden package.
type goldenPackage struct {
	types  goTypes
	verify map[string]func([]byte) error
}

// casesPerTable is how many random values each table is tested with, in
// each direction.
const casesPerTable = 6

// TestInterop checks, for random values of every table of every golden
// package as the root:
//
//   - flatc -> wsgen: flatc builds the buffer from JSON; the verifier accepts
//     it, and the accessors and UnPack read back every field;
//   - wsgen -> flatc: Pack builds the buffer; the verifier accepts it, and
//     flatc's JSON rendering of it (--defaults-json) has every field.
func TestInterop(t *testing.T) {
	root := repoRoot(t)
	dirs, err := registry.Dirs(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(missingGoldenPackages) > 0 {
		t.Errorf("schema directories without a golden package, not checked: %v", missingGoldenPackages)
	}
	for _, d := range dirs {
		pkg, ok := goldenPackages[d.Name]
		if !ok {
			t.Errorf("%s: not in the registry: run go generate ./flatc in e2e", d.Name)
			continue
		}
		t.Run(d.Name, func(t *testing.T) {
			t.Parallel()
			s, err := d.Load()
			if err != nil {
				t.Fatal(err)
			}
			for _, tbl := range s.Tables {
				t.Run(tbl.FullName(), func(t *testing.T) {
					ic := &interopCase{t: t, dir: d, s: s, table: tbl, pkg: pkg, work: t.TempDir()}
					ic.run()
				})
			}
		})
	}
}

// interopCase tests one table of one golden package as the root.
type interopCase struct {
	t     *testing.T
	dir   registry.Dir
	s     *schema.Schema
	table *schema.Table
	pkg   goldenPackage
	work  string
}

func (ic *interopCase) run() {
	t := ic.t
	full := ic.table.FullName()
	if _, ok := ic.pkg.types.readers[full]; !ok {
		t.Fatalf("golden package %s has no reader type for %s", ic.dir.Name, full)
	}
	verify := ic.pkg.verify[full]
	if verify == nil {
		t.Errorf("golden package %s has no verifier Verify...Buffer for %s", ic.dir.Name, full)
	}
	_, haveObjects := ic.pkg.types.objects[full]
	if !haveObjects {
		t.Errorf("golden package %s has no object type for %s: wsgen -> flatc not checked", ic.dir.Name, full)
	}
	rootSchema := ic.writeRootSchema()

	h := fnv.New64a()
	h.Write([]byte(ic.dir.Name + "/" + full))
	g := &valueGen{rng: rand.New(rand.NewPCG(h.Sum64(), 1))}
	vals := make([]tableVal, casesPerTable)
	for i := range vals {
		vals[i] = g.table(ic.table, 0)
	}

	ic.flatcToWsgen(rootSchema, vals, verify)
	if haveObjects {
		ic.wsgenToFlatc(rootSchema, vals, verify)
	}
}

// writeRootSchema writes a schema that includes the directory's inputs and
// names the table under test as root_type.
func (ic *interopCase) writeRootSchema() string {
	var b strings.Builder
	// flatc finds includes through -I (absolute include paths fail).
	for _, in := range ic.dir.Inputs {
		rel, err := filepath.Rel(ic.dir.IncludeDir, in)
		if err != nil {
			ic.t.Fatal(err)
		}
		fmt.Fprintf(&b, "include %q;\n", filepath.ToSlash(rel))
	}
	if ic.s.FileIdentifier != "" {
		fmt.Fprintf(&b, "file_identifier %q;\n", ic.s.FileIdentifier)
	}
	fmt.Fprintf(&b, "root_type %s;\n", ic.table.FullName())
	path := filepath.Join(ic.work, "root.fbs")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		ic.t.Fatal(err)
	}
	return path
}

// flatcToWsgen: flatc -b builds buffers from JSON; wsgen's code reads them.
func (ic *interopCase) flatcToWsgen(rootSchema string, vals []tableVal, verify func([]byte) error) {
	t := ic.t
	dir := filepath.Join(ic.work, "a")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"-b", "-I", ic.dir.IncludeDir, "-o", dir, rootSchema}
	for i, v := range vals {
		p := filepath.Join(dir, fmt.Sprintf("case%d.json", i))
		if err := os.WriteFile(p, toJSON(ic.table, v), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	if out, err := flatc(ic.work, args...); err != nil {
		t.Fatalf("flatc %s: %v\n%s", strings.Join(args[:len(args)-len(vals)], " "), err, out)
	}
	for i, v := range vals {
		js, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("case%d.json", i)))
		buf, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("case%d.bin", i)))
		if err != nil {
			t.Fatalf("flatc wrote no binary: %v", err)
		}
		if verify != nil {
			if err := verify(buf); err != nil {
				t.Errorf("case %d: the verifier rejects flatc's buffer: %v\nJSON: %s", i, err, js)
				continue
			}
		}
		c := &checker{}
		ic.read(c, buf, v)
		if err := c.err(); err != nil {
			t.Errorf("case %d: flatc -> wsgen:\n%v\nJSON: %s", i, err, js)
			continue
		}
		ic.mustSeeMutations(i, "the accessors and UnPack", v, func(m tableVal) error {
			c := &checker{}
			ic.read(c, buf, m)
			return c.err()
		})
	}
}

// mustSeeMutations asserts that check, which accepts v, rejects every
// mutation of v: a checker that cannot see a changed field checks nothing.
func (ic *interopCase) mustSeeMutations(i int, what string, v tableVal, check func(tableVal) error) {
	for field, m := range mutations(ic.table, v) {
		if check(m) == nil {
			ic.t.Errorf("case %d: %s do not notice a change of field %s", i, what, field)
		}
	}
}

// read checks buf (root: the table under test) against v through the
// accessors and, when generated, UnPack.
func (ic *interopCase) read(c *checker, buf []byte, v tableVal) {
	defer func() {
		if r := recover(); r != nil {
			c.errorf(ic.table.Name, "panic: %v", r)
		}
	}()
	r := reflect.New(ic.pkg.types.readers[ic.table.FullName()])
	r.MethodByName("Init").Call([]reflect.Value{reflect.ValueOf(buf), reflect.ValueOf(flatbuffers.GetUOffsetT(buf))})
	c.checkAccessors(ic.table.Name, &ic.pkg.types, ic.table, v, r)
	if _, ok := ic.pkg.types.objects[ic.table.FullName()]; ok {
		obj := r.MethodByName("UnPack").Call(nil)[0]
		c.checkObject(ic.table.Name+"(UnPack)", &ic.pkg.types, ic.table, v, obj)
	}
}

// wsgenToFlatc: Pack builds buffers; flatc renders them as JSON.
func (ic *interopCase) wsgenToFlatc(rootSchema string, vals []tableVal, verify func([]byte) error) {
	t := ic.t
	dir := filepath.Join(ic.work, "b")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ident := ""
	if ic.table == ic.s.RootTable {
		ident = ic.s.FileIdentifier
	}
	o := &objBuilder{types: &ic.pkg.types}
	includeDir := ic.dir.IncludeDir
	uvs := unionVectorFields(ic.s)
	if len(uvs) > 0 {
		includeDir = filepath.Join(ic.work, "rewritten")
		if err := rewriteUnionVectors(ic.dir.IncludeDir, includeDir, uvs); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"--json", "--strict-json", "--raw-binary", "--defaults-json", "-I", includeDir, "-o", dir, rootSchema, "--"}
	for i, v := range vals {
		buf, err := o.pack(ic.table, v, ident)
		v = packed(ic.table, v)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if verify != nil {
			if err := verify(buf); err != nil {
				t.Errorf("case %d: the verifier rejects Pack's buffer: %v", i, err)
			}
		}
		// Our own reader must agree before flatc is asked.
		c := &checker{}
		ic.read(c, buf, v)
		if err := c.err(); err != nil {
			t.Errorf("case %d: Pack -> wsgen:\n%v", i, err)
		}
		p := filepath.Join(dir, fmt.Sprintf("case%d.bin", i))
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	if out, err := flatc(ic.work, args...); err != nil {
		t.Fatalf("flatc %s: %v\n%s", strings.Join(args[:len(args)-len(vals)], " "), err, out)
	}
	for i, v := range vals {
		data, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("case%d.json", i)))
		if err != nil {
			t.Fatalf("flatc wrote no JSON: %v", err)
		}
		js, err := parseFlatcJSON(data)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		c := &checker{rawUnionVectors: len(uvs) > 0}
		c.checkJSON(ic.table.Name, ic.table, packed(ic.table, v), js)
		if err := c.err(); err != nil {
			t.Errorf("case %d: wsgen -> flatc:\n%v\nflatc's JSON: %s\nour JSON: %s", i, err, data, toJSON(ic.table, v))
			continue
		}
		ic.mustSeeMutations(i, "the flatc JSON checks", packed(ic.table, v), func(m tableVal) error {
			c := &checker{rawUnionVectors: len(uvs) > 0}
			c.checkJSON(ic.table.Name, ic.table, m, js)
			return c.err()
		})
	}
}
