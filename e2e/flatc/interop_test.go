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
	types goTypes
	roots map[string]rootFuncs
}

// rootFuncs are the generated package-level functions for one table as a
// buffer's root, each nil when the package does not declare it.
type rootFuncs struct {
	getRoot, getSizePrefixedRoot any // func([]byte, flatbuffers.UOffsetT) *X
	verify, verifySizePrefixed   func([]byte) error
	hasIdentifier                func([]byte) bool
	sizePrefixedHasIdentifier    func([]byte) bool
}

// framing is how a buffer is wrapped: plain or with a 32-bit size prefix.
type framing struct {
	name         string
	sizePrefixed bool
	cases        int // random values tested per table and direction
}

var framings = []framing{
	{name: "plain", cases: 6},
	{name: "size-prefixed", sizePrefixed: true, cases: 2},
}

// TestInterop checks, for random values of every table of every golden
// package as the root, plain and size-prefixed:
//
//   - flatc -> wsgen: flatc builds the buffer from JSON; the verifier accepts
//     it, and GetRootAs, every accessor and UnPack read back every field;
//   - wsgen -> flatc: Pack builds the buffer; the verifier accepts it, the
//     accessors read it back, and flatc's JSON rendering of it
//     (--defaults-json) has every field as written;
//   - in both, every checker notices a change of any one field.
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
	funcs rootFuncs
	work  string
}

func (ic *interopCase) run() {
	t := ic.t
	full := ic.table.FullName()
	if _, ok := ic.pkg.types.readers[full]; !ok {
		t.Fatalf("golden package %s has no reader type for %s", ic.dir.Name, full)
	}
	ic.funcs = ic.pkg.roots[full]
	for what, missing := range map[string]bool{
		"GetRootAs":             ic.funcs.getRoot == nil,
		"GetSizePrefixedRootAs": ic.funcs.getSizePrefixedRoot == nil,
		"Verify...Buffer":       ic.funcs.verify == nil,
		"VerifySizePrefixed...": ic.funcs.verifySizePrefixed == nil,
	} {
		if missing {
			t.Errorf("golden package %s has no %s for %s", ic.dir.Name, what, full)
		}
	}
	if ic.hasIdentifier() && (ic.funcs.hasIdentifier == nil || ic.funcs.sizePrefixedHasIdentifier == nil) {
		t.Errorf("golden package %s lacks ...BufferHasIdentifier for the root %s", ic.dir.Name, full)
	}
	_, haveObjects := ic.pkg.types.objects[full]
	if !haveObjects {
		t.Errorf("golden package %s has no object type for %s: wsgen -> flatc not checked", ic.dir.Name, full)
	}
	if t.Failed() {
		return
	}
	rootSchema := ic.writeRootSchema()

	h := fnv.New64a()
	h.Write([]byte(ic.dir.Name + "/" + full))
	g := &valueGen{rng: rand.New(rand.NewPCG(h.Sum64(), 1))}
	for _, fr := range framings {
		g.noNested = fr.sizePrefixed
		vals := make([]tableVal, fr.cases)
		for i := range vals {
			vals[i] = g.table(ic.table, 0)
		}
		ic.flatcToWsgen(fr, rootSchema, vals)
		ic.wsgenToFlatc(fr, rootSchema, vals)
	}
}

// hasIdentifier reports whether buffers of the table under test carry the
// schema's file identifier (flatc's and wsgen's rule: only the root_type's).
func (ic *interopCase) hasIdentifier() bool {
	return ic.table == ic.s.RootTable && ic.s.FileIdentifier != ""
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
	if ic.hasIdentifier() {
		fmt.Fprintf(&b, "file_identifier %q;\n", ic.s.FileIdentifier)
	}
	fmt.Fprintf(&b, "root_type %s;\n", ic.table.FullName())
	path := filepath.Join(ic.work, "root.fbs")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		ic.t.Fatal(err)
	}
	return path
}

func (ic *interopCase) verify(fr framing, buf []byte) error {
	if fr.sizePrefixed {
		return ic.funcs.verifySizePrefixed(buf)
	}
	return ic.funcs.verify(buf)
}

// flatcToWsgen: flatc -b builds buffers from JSON; wsgen's code reads them.
func (ic *interopCase) flatcToWsgen(fr framing, rootSchema string, vals []tableVal) {
	t := ic.t
	dir := filepath.Join(ic.work, fr.name, "from-flatc")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"-b", "-I", ic.dir.IncludeDir, "-o", dir}
	if fr.sizePrefixed {
		args = append(args, "--size-prefixed")
	}
	args = append(args, rootSchema)
	for i, v := range vals {
		p := filepath.Join(dir, fmt.Sprintf("case%d.json", i))
		if err := os.WriteFile(p, toJSON(ic.table, v), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	if out, err := flatc(ic.work, args...); err != nil {
		t.Fatalf("flatc %s ...: %v\n%s", strings.Join(args[:len(args)-len(vals)], " "), err, out)
	}
	for i, v := range vals {
		js, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("case%d.json", i)))
		buf, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("case%d.bin", i)))
		if err != nil {
			t.Fatalf("flatc wrote no binary: %v", err)
		}
		if err := ic.verify(fr, buf); err != nil {
			t.Errorf("%s case %d: the verifier rejects flatc's buffer: %v\nJSON: %s", fr.name, i, err, js)
			continue
		}
		if ic.hasIdentifier() {
			has := ic.funcs.hasIdentifier
			if fr.sizePrefixed {
				has = ic.funcs.sizePrefixedHasIdentifier
			}
			if !has(buf) {
				t.Errorf("%s case %d: ...BufferHasIdentifier is false for flatc's buffer", fr.name, i)
			}
		}
		c := &checker{}
		ic.read(c, fr, buf, v)
		if err := c.err(); err != nil {
			t.Errorf("%s case %d: flatc -> wsgen:\n%v\nJSON: %s", fr.name, i, err, js)
			continue
		}
		ic.mustSeeMutations(fr, i, "the accessors and UnPack", v, func(m tableVal) error {
			c := &checker{}
			ic.read(c, fr, buf, m)
			return c.err()
		})
	}
}

// mustSeeMutations asserts that check, which accepts v, rejects every
// mutation of v: a checker that cannot see a changed field checks nothing.
func (ic *interopCase) mustSeeMutations(fr framing, i int, what string, v tableVal, check func(tableVal) error) {
	for field, m := range mutations(ic.table, v) {
		if check(m) == nil {
			ic.t.Errorf("%s case %d: %s do not notice a change of field %s", fr.name, i, what, field)
		}
	}
}

// read checks buf (root: the table under test) against v through the
// generated GetRootAs, the accessors and UnPack.
func (ic *interopCase) read(c *checker, fr framing, buf []byte, v tableVal) {
	defer func() {
		if r := recover(); r != nil {
			c.errorf(ic.table.Name, "panic: %v", r)
		}
	}()
	get := ic.funcs.getRoot
	if fr.sizePrefixed {
		get = ic.funcs.getSizePrefixedRoot
	}
	r := reflect.ValueOf(get).Call([]reflect.Value{reflect.ValueOf(buf), reflect.ValueOf(flatbuffers.UOffsetT(0))})[0]
	c.checkAccessors(ic.table.Name, &ic.pkg.types, ic.table, v, r)
	if _, ok := ic.pkg.types.objects[ic.table.FullName()]; ok {
		obj := r.MethodByName("UnPack").Call(nil)[0]
		c.checkObject(ic.table.Name+"(UnPack)", &ic.pkg.types, ic.table, v, obj)
	}
}

// wsgenToFlatc: Pack builds buffers; flatc renders them as JSON (except
// for schemas with struct or string union members, which flatc 2.0.8 does
// not print).
func (ic *interopCase) wsgenToFlatc(fr framing, rootSchema string, vals []tableVal) {
	t := ic.t
	if _, ok := ic.pkg.types.objects[ic.table.FullName()]; !ok {
		return // reported by run
	}
	dir := filepath.Join(ic.work, fr.name, "to-flatc")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ident := ""
	if ic.hasIdentifier() {
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
	args := []string{"--json", "--strict-json", "--raw-binary", "--defaults-json", "-I", includeDir, "-o", dir}
	if fr.sizePrefixed {
		args = append(args, "--size-prefixed")
	}
	args = append(args, rootSchema, "--")
	for i, v := range vals {
		buf, err := o.pack(ic.table, v, ident, fr.sizePrefixed)
		if err != nil {
			t.Fatalf("%s case %d: %v", fr.name, i, err)
		}
		v = packed(ic.table, v)
		if err := ic.verify(fr, buf); err != nil {
			t.Errorf("%s case %d: the verifier rejects Pack's buffer: %v", fr.name, i, err)
		}
		// Our own reader must agree before flatc is asked.
		c := &checker{}
		ic.read(c, fr, buf, v)
		if err := c.err(); err != nil {
			t.Errorf("%s case %d: Pack -> wsgen:\n%v", fr.name, i, err)
		}
		p := filepath.Join(dir, fmt.Sprintf("case%d.bin", i))
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	if nonTableUnionMembers(ic.s) {
		// flatc 2.0.8 builds such buffers from JSON but refuses to print
		// JSON for schemas whose unions have struct or string members
		// ("only tables can be union elements"): Pack's buffers are
		// checked by the verifier and the accessors above only.
		t.Logf("%s: flatc 2.0.8 cannot print JSON for unions with struct or string members; Pack's buffers checked by the verifier and the accessors only", fr.name)
		return
	}
	if out, err := flatc(ic.work, args...); err != nil {
		t.Fatalf("flatc %s ...: %v\n%s", strings.Join(args[:len(args)-len(vals)], " "), err, out)
	}
	for i, v := range vals {
		v = packed(ic.table, v)
		data, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("case%d.json", i)))
		if err != nil {
			t.Fatalf("flatc wrote no JSON: %v", err)
		}
		js, err := parseFlatcJSON(data)
		if err != nil {
			t.Fatalf("%s case %d: %v", fr.name, i, err)
		}
		c := &checker{rawUnionVectors: len(uvs) > 0}
		c.checkJSON(ic.table.Name, ic.table, v, js)
		if err := c.err(); err != nil {
			t.Errorf("%s case %d: wsgen -> flatc:\n%v\nflatc's JSON: %s\nour JSON: %s", fr.name, i, err, data, toJSON(ic.table, v))
			continue
		}
		ic.mustSeeMutations(fr, i, "the flatc JSON checks", v, func(m tableVal) error {
			c := &checker{rawUnionVectors: len(uvs) > 0}
			c.checkJSON(ic.table.Name, ic.table, m, js)
			return c.err()
		})
	}
}
