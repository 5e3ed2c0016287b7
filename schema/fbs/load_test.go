package fbs

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/wsgen/wsgen/schema"
)

// loadErrorCases cover diagnostics that involve several files, the
// command line or the reader.
var loadErrorCases = []struct {
	name   string
	files  map[string]string
	inputs []string
	read   func(string) ([]byte, error) // overrides files when set
	want   []string
}{
	{
		name:   "no input files",
		inputs: []string{},
		want:   []string{"no input files"},
	},
	{
		name:   "missing input file",
		inputs: []string{"nope.fbs"},
		want:   []string{"nope.fbs: cannot read file: file does not exist"},
	},
	{
		name:   "unreadable include",
		inputs: []string{"a.fbs"},
		read: func(p string) ([]byte, error) {
			if p == "a.fbs" {
				return []byte("table A {}\n"[:0] + "include \"b.fbs\";\n"), nil
			}
			return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission}
		},
		want: []string{`a.fbs:1:9: unable to load include file "b.fbs": permission denied`},
	},
	{
		name:   "duplicate type across files",
		files:  map[string]string{"a.fbs": "include \"b.fbs\";\nnamespace n;\ntable T {}\n", "b.fbs": "namespace n;\nstruct T { a: int; }\n"},
		inputs: []string{"a.fbs"},
		want:   []string{"a.fbs:3:7: type n.T already declared at b.fbs:2:8"},
	},
	{
		name:   "errors in several files sorted by file",
		files:  map[string]string{"a.fbs": "include \"b.fbs\";\ntable A { x: X; }\n", "b.fbs": "table B { y: Y; }\n"},
		inputs: []string{"a.fbs"},
		want:   []string{"a.fbs:2:14: unknown type X", "b.fbs:1:14: unknown type Y"},
	},
	{
		name:   "root_type of an included file is checked",
		files:  map[string]string{"a.fbs": "include \"b.fbs\";\ntable A {}\nroot_type A;\n", "b.fbs": "struct S { a: int; }\nroot_type S;\n"},
		inputs: []string{"a.fbs"},
		want:   []string{"b.fbs:2:11: root type S must be a table"},
	},
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range loadErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			read := tc.read
			if read == nil {
				read = memFS(tc.files)
			}
			_, err := Load(tc.inputs, Options{ReadFile: read})
			var ds schema.Diagnostics
			if !errors.As(err, &ds) {
				t.Fatalf("error %v is not schema.Diagnostics", err)
			}
			got := strings.Split(ds.Error(), "\n")
			eq(t, "diagnostics", got, tc.want)
		})
	}
}

// TestDiagnosticsCap checks that a file full of errors yields the capped
// number of diagnostics plus a final "too many errors".
func TestDiagnosticsCap(t *testing.T) {
	// Enums are checked before tables, so the enum error at the end of the
	// file is reported first; the cap is then reached among the tables.
	var b strings.Builder
	for i := 0; i < 3*schema.MaxDiagnostics; i++ {
		fmt.Fprintf(&b, "table T%d { a: Missing%d; }\n", i, i)
	}
	b.WriteString("enum E : float { A }\n")
	_, err := Load([]string{"a.fbs"}, Options{ReadFile: memFS(map[string]string{"a.fbs": b.String()})})
	var ds schema.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error %v is not schema.Diagnostics", err)
	}
	if len(ds) != schema.MaxDiagnostics+1 {
		t.Fatalf("%d diagnostics, want %d", len(ds), schema.MaxDiagnostics+1)
	}
	eq(t, "first", ds[0].String(), "a.fbs:1:15: unknown type Missing0")
	eq(t, "enum", ds[len(ds)-2].String(), "a.fbs:151:10: underlying type of enum E must be an integer type")
	eq(t, "last", ds[len(ds)-1], schema.Diagnostic{Msg: "too many errors"})
}

// TestRecovery checks that the parser resumes after a syntax error and
// reports later syntax errors too, without cascades. Names are resolved
// only when every file parsed (an unparsed declaration would make every
// use of it an error), so the unknown types here are not reported yet.
func TestRecovery(t *testing.T) {
	src := `table A { a int; b: int; }
table B { x: [int; y: Nope; }
enum E : byte { X = , Y }
rpc_service S { M(A) A; N(A): A; }
struct C { c: int }
table D { d: Also; }
`
	_, err := Load([]string{"a.fbs"}, Options{ReadFile: memFS(map[string]string{"a.fbs": src})})
	var ds schema.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error %v is not schema.Diagnostics", err)
	}
	eq(t, "diagnostics", strings.Split(ds.Error(), "\n"), []string{
		"a.fbs:1:13: expected ':', found 'int'",
		"a.fbs:2:18: expected ']', found ';'",
		"a.fbs:3:21: cannot parse value starting with ','",
		"a.fbs:4:22: expected ':', found 'A'",
		"a.fbs:5:19: expected ';', found '}'",
	})
}

func BenchmarkLoad(b *testing.B) {
	var src strings.Builder
	src.WriteString("namespace bench;\nenum Color : ubyte (bit_flags) { Red, Green, Blue }\nstruct Vec3 { x: float; y: float; z: float; }\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&src, "/// Table %d.\ntable T%d { pos: Vec3; name: string (key); hp: short = 100; color: Color = \"Red Blue\"; items: [ubyte]; }\n", i, i)
	}
	src.WriteString("union Any { T0, T1, T2 }\ntable Root { any: Any; list: [T3]; }\nroot_type Root;\nrpc_service S { Get(T0): T1 (streaming: \"server\"); }\n")
	read := memFS(map[string]string{"bench.fbs": src.String()})
	b.SetBytes(int64(src.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load([]string{"bench.fbs"}, Options{ReadFile: read}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHostileInputs loads large pathological inputs: each must come back
// with diagnostics (or a model) quickly, with short messages, and without
// exhausting the stack.
func TestHostileInputs(t *testing.T) {
	const n = 10_000
	cases := []struct{ name, src string }{
		{"illegal bytes", strings.Repeat("$", n)},
		{"open braces", strings.Repeat("{", n)},
		{"open brackets", strings.Repeat("[", n)},
		{"nested vector type", "table T { a: " + strings.Repeat("[", n)},
		{"long dotted type name", "table T { a: " + strings.Repeat("a.", n) + "b; }"},
		{"long dotted union member", "table A {} union U { " + strings.Repeat("a.", n) + "b }"},
		{"deep namespace", "namespace " + strings.Repeat("a.", n) + "b;"},
		{"many attributes", "table T { a: int (" + strings.Repeat("x, ", n) + "); }"},
		{"many enum values", "enum E : ulong { " + strings.Repeat("A, ", n) + "}"},
		{"many fields", "table T { " + strings.Repeat("f: int; ", n) + "}"},
		{"deep JSON", "{" + strings.Repeat("\"a\": {", n)},
		{"long string", "attribute \"" + strings.Repeat("\\u0041", n) + "\";"},
		{"huge arrays", "struct A { a: [ulong:65535]; }\nstruct B { b: [A:65535]; }\nstruct C { c: [B:65535]; }\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := Load([]string{"a.fbs"}, Options{ReadFile: memFS(map[string]string{"a.fbs": tc.src})})
				done <- err
			}()
			select {
			case err := <-done:
				var ds schema.Diagnostics
				if err != nil && (!errors.As(err, &ds) || len(ds) == 0) {
					t.Fatalf("got %v, want diagnostics", err)
				}
				for _, d := range ds {
					if len(d.Msg) > maxMessage+3 {
						t.Errorf("message of %d bytes", len(d.Msg))
					}
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Load did not return within 10s")
			}
		})
	}
}

func TestNearBuiltin(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"deprected", "deprecated"},
		{"requried", "required"},
		{"ID", "id"},
		{"idd", "id"},
		{"streamin", "streaming"},
		{"priority", ""},
		{strings.Repeat("x", 10000), ""},
	} {
		if got := nearBuiltin(tc.in); got != tc.want {
			t.Errorf("nearBuiltin(%.20q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
