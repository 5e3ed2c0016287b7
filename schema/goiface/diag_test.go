package goiface_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/goiface"
)

// ok is a valid request and response the bad services below share.
const okTypes = `package bad

import (
	"context"
	"iter"
	"time"
)

var _ = time.Now
var _ iter.Seq[int]
var _ context.Context

type Req struct{ A int32 }
type Resp struct{ B string }
`

// unsupported lists declarations the front end cannot map, each with the
// exact diagnostic it must produce. Each case is one file of one package
// (file name = case name), loaded together; a diagnostic's position is in
// its case's file.
var unsupported = []struct {
	name, src string
	want      []string
}{
	{"chan_field", `type S1 struct{ C chan int }
//wsgen:service
type Svc1 interface{ M(ctx context.Context, r *S1) (*Resp, error) }`,
		[]string{"chan_field.go:1:17: field S1.C: channels are not supported; use a streaming method instead"}},
	{"func_field", `type S2 struct{ F func() }
//wsgen:service
type Svc2 interface{ M(ctx context.Context, r *S2) (*Resp, error) }`,
		[]string{"func_field.go:1:17: field S2.F: function types are not supported"}},
	{"interface_field", `type S3 struct{ X any }
//wsgen:service
type Svc3 interface{ M(ctx context.Context, r *S3) (*Resp, error) }`,
		[]string{"interface_field.go:1:17: field S3.X: interface types are not supported; use a concrete struct type"}},
	{"complex_field", `type S4 struct{ Z complex128 }
//wsgen:service
type Svc4 interface{ M(ctx context.Context, r *S4) (*Resp, error) }`,
		[]string{"complex_field.go:1:17: field S4.Z: type complex128 is not supported; store the real and imaginary parts as two float fields"}},
	{"uintptr_field", `type S5 struct{ P uintptr }
//wsgen:service
type Svc5 interface{ M(ctx context.Context, r *S5) (*Resp, error) }`,
		[]string{"uintptr_field.go:1:17: field S5.P: type uintptr is not supported; use a sized integer such as uint64"}},
	{"array_field", `type S6 struct{ A [4]int32 }
//wsgen:service
type Svc6 interface{ M(ctx context.Context, r *S6) (*Resp, error) }`,
		[]string{"array_field.go:1:17: field S6.A: arrays are not supported; use a slice"}},
	{"anonymous_struct", `type S7 struct{ A struct{ X int32 } }
//wsgen:service
type Svc7 interface{ M(ctx context.Context, r *S7) (*Resp, error) }`,
		[]string{"anonymous_struct.go:1:17: field S7.A: anonymous struct types are not supported; declare a named struct type"}},
	{"nested_slice", `type S8 struct{ A [][]int32 }
//wsgen:service
type Svc8 interface{ M(ctx context.Context, r *S8) (*Resp, error) }`,
		[]string{"nested_slice.go:1:17: field S8.A: slices of []int32 are not supported (FlatBuffers has no nested vectors); wrap the inner value in a struct"}},
	{"slice_of_pointer_scalar", `type S9 struct{ A []*int32 }
//wsgen:service
type Svc9 interface{ M(ctx context.Context, r *S9) (*Resp, error) }`,
		[]string{"slice_of_pointer_scalar.go:1:17: field S9.A: slices of pointers to int32 are not supported; use []int32"}},
	{"pointer_to_slice", `type S10 struct{ A *[]int32 }
//wsgen:service
type Svc10 interface{ M(ctx context.Context, r *S10) (*Resp, error) }`,
		[]string{"pointer_to_slice.go:1:18: field S10.A: []int32 is not supported here (FlatBuffers has no nested vectors); wrap it in a struct"}},
	{"float_map_key", `type S11 struct{ M map[float64]string }
//wsgen:service
type Svc11 interface{ M(ctx context.Context, r *S11) (*Resp, error) }`,
		[]string{"float_map_key.go:1:18: field S11.M: map keys of type float64 are not supported; use a string or an integer key"}},
	{"embedded_field", `type Base struct{ ID int32 }
type S12 struct{ Base }
//wsgen:service
type Svc12 interface{ M(ctx context.Context, r *S12) (*Resp, error) }`,
		[]string{"embedded_field.go:2:18: field S12.Base: embedded fields are not supported; give the field a name, or tag it wsgen:\"-\""}},
	{"foreign_struct", `type S13 struct{ L time.Location }
//wsgen:service
type Svc13 interface{ M(ctx context.Context, r *S13) (*Resp, error) }`,
		[]string{"foreign_struct.go:1:18: field S13.L: struct time.Location is declared in another package; declare the struct in package bad"}},
	{"generic_struct", `type Page[T any] struct{ Items []T }
type S14 struct{ P Page[int32] }
//wsgen:service
type Svc14 interface{ M(ctx context.Context, r *S14) (*Resp, error) }`,
		[]string{"generic_struct.go:2:18: field S14.P: generic type Page[int32] is not supported; declare a struct without type parameters"}},
	{"mixed_ids", `type S15 struct {
	A int32 ` + "`wsgen:\"id=0\"`" + `
	B int32
}
//wsgen:service
type Svc15 interface{ M(ctx context.Context, r *S15) (*Resp, error) }`,
		[]string{"mixed_ids.go:3:2: field S15.B: field ids are all-or-none: S15 has wsgen:\"id=N\" tags, so this field needs one too"}},
	{"duplicate_id", `type S16 struct {
	A int32 ` + "`wsgen:\"id=1\"`" + `
	B int32 ` + "`wsgen:\"id=1\"`" + `
}
//wsgen:service
type Svc16 interface{ M(ctx context.Context, r *S16) (*Resp, error) }`,
		[]string{"duplicate_id.go:3:2: field S16.B: field id 1 is already used by A; ids must be unique"}},
	{"bad_tag", `type S17 struct {
	A int32 ` + "`wsgen:\"required\"`" + `
}
//wsgen:service
type Svc17 interface{ M(ctx context.Context, r *S17) (*Resp, error) }`,
		[]string{"bad_tag.go:2:2: field S17.A: unknown wsgen tag option \"required\"; the options are \"-\" and \"id=N\""}},
	{"enum_without_zero", `type Kind18 int32
const (
	KindA18 Kind18 = 1
	KindB18 Kind18 = 2
)
type S18 struct{ K Kind18 }
//wsgen:service
type Svc18 interface{ M(ctx context.Context, r *S18) (*Resp, error) }`,
		[]string{"enum_without_zero.go:1:6: enum Kind18 has no constant with value 0, the value of an unset field; declare one (for example Kind18Unspecified)"}},
	{"enum_duplicate_value", `type Kind19 uint8
const (
	KindZero19 Kind19 = 0
	KindA19    Kind19 = 1
	KindB19    Kind19 = 1
)
type S19 struct{ K Kind19 }
//wsgen:service
type Svc19 interface{ M(ctx context.Context, r *S19) (*Resp, error) }`,
		[]string{"enum_duplicate_value.go:5:2: enum Kind19: KindB19 has the same value as KindA19; enum constants must have distinct values"}},
	{"no_context", `//wsgen:service
type Svc20 interface{ M(r *Req, x int) (*Resp, error) }`,
		[]string{"no_context.go:2:23: method Svc20.M: the first parameter must be context.Context, not *Req; use one of the shapes " + shapes}},
	{"too_many_params", `//wsgen:service
type Svc21 interface{ M(ctx context.Context, r *Req, n int) (*Resp, error) }`,
		[]string{"too_many_params.go:2:23: method Svc21.M: want 2 parameters (a context.Context and the request), have 3; use one of the shapes " + shapes}},
	{"value_request", `//wsgen:service
type Svc22 interface{ M(ctx context.Context, r Req) (*Resp, error) }`,
		[]string{"value_request.go:2:23: method Svc22.M: the request must be a pointer to a struct; use *Req"}},
	{"scalar_request", `//wsgen:service
type Svc23 interface{ M(ctx context.Context, n *int32) (*Resp, error) }`,
		[]string{"scalar_request.go:2:23: method Svc23.M: the request must be a pointer to a named struct declared in package bad, not *int32"}},
	{"no_error", `//wsgen:service
type Svc24 interface{ M(ctx context.Context, r *Req) *Resp }`,
		[]string{"no_error.go:2:23: method Svc24.M: a single result must be iter.Seq2[*Resp, error], not *Resp; use one of the shapes " + shapes}},
	{"channel_stream", `//wsgen:service
type Svc25 interface{ M(ctx context.Context, r *Req) (<-chan *Resp, error) }`,
		[]string{"channel_stream.go:2:23: method Svc25.M: the response must be a pointer to a named struct declared in package bad, not <-chan *Resp"}},
	{"seq_not_seq2", `//wsgen:service
type Svc26 interface{ M(ctx context.Context, r *Req) iter.Seq[*Resp] }`,
		[]string{"seq_not_seq2.go:2:23: method Svc26.M: a single result must be iter.Seq2[*Resp, error], not iter.Seq[*Resp]; use one of the shapes " + shapes}},
	{"variadic", `//wsgen:service
type Svc27 interface{ M(ctx context.Context, r ...*Req) (*Resp, error) }`,
		[]string{"variadic.go:2:23: method Svc27.M: variadic parameters are not supported; use one of the shapes " + shapes}},
	{"embedded_interface", `type Base28 interface{ M(ctx context.Context, r *Req) (*Resp, error) }
//wsgen:service
type Svc28 interface{ Base28 }`,
		[]string{"embedded_interface.go:3:23: service Svc28: embedded Base28 is not supported; list the methods in the service interface itself"}},
	{"not_interface", `//wsgen:service
type Svc29 struct{}`,
		[]string{"not_interface.go:2:6: Svc29 is marked as a service but is not an interface; declare the service as an interface type"}},
	{"generic_service", `//wsgen:service
type Svc30[T any] interface{ M(ctx context.Context, r *Req) (*Resp, error) }`,
		[]string{"generic_service.go:2:6: service Svc30: generic interfaces are not supported; declare the service without type parameters"}},
	{"empty_service", `//wsgen:service
type Svc31 interface{}`,
		[]string{"empty_service.go:2:6: service Svc31 has no methods"}},
	{"unexported_method", `//wsgen:service
type Svc32 interface{ m(ctx context.Context, r *Req) (*Resp, error) }`,
		[]string{"unexported_method.go:2:23: method Svc32.m: unexported methods cannot be called remotely; export it; use one of the shapes " + shapes}},
	{"pointer_to_pointer", `type S33 struct{ P **int32 }
//wsgen:service
type Svc33 interface{ M(ctx context.Context, r *S33) (*Resp, error) }`,
		[]string{"pointer_to_pointer.go:1:18: field S33.P: pointers to pointers are not supported"}},
	{"unresolved_type", `type S35 struct{ X Undefined35 }
//wsgen:service
type Svc35 interface{ M(ctx context.Context, r *S35) (*Resp, error) }`,
		[]string{"unresolved_type.go:1:18: field S35.X: its type could not be resolved; fix the package's compile errors first"}},
	{"name_clash", `type S34 struct {
	UserID int32
	UserId int32
}
//wsgen:service
type Svc34 interface{ M(ctx context.Context, r *S34) (*Resp, error) }`,
		[]string{"name_clash.go:3:2: field S34.UserId: its schema name user_id is also the name of UserID; rename one of them"}},
}

// shapes is the list of method shapes diagnostics suggest.
const shapes = "M(ctx context.Context, req *Req) (*Resp, error), " +
	"M(ctx context.Context, req *Req) iter.Seq2[*Resp, error], " +
	"M(ctx context.Context, reqs iter.Seq2[*Req, error]) (*Resp, error) or " +
	"M(ctx context.Context, reqs iter.Seq2[*Req, error]) iter.Seq2[*Resp, error]"

// TestUnsupported loads every case of the table as one package and checks
// that each case's file gets exactly its diagnostics.
func TestUnsupported(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/bad\n\ngo 1.26\n")
	write("ok.go", okTypes)
	for _, c := range unsupported {
		write(c.name+".go", "package bad\n\nimport (\n\t\"context\"\n\t\"iter\"\n\t\"time\"\n)\n\nvar (\n\t_ = time.Now\n\t_ iter.Seq[int]\n\t_ context.Context\n)\n\n"+c.src+"\n")
	}
	_, err := goiface.Load([]string{"."}, goiface.Options{Dir: dir})
	var ds schema.Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("Load: want diagnostics, got %v", err)
	}
	got := map[string][]string{}
	for _, d := range ds {
		got[strings.TrimSuffix(d.Pos.File, ".go")] = append(got[strings.TrimSuffix(d.Pos.File, ".go")], d.String())
	}
	for _, c := range unsupported {
		t.Run(c.name, func(t *testing.T) {
			g := got[c.name]
			// Case files start with a fixed 14-line preamble.
			for i := range g {
				g[i] = shiftLine(g[i], -14)
			}
			if strings.Join(g, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("diagnostics:\n got: %q\nwant: %q", g, c.want)
			}
		})
		delete(got, c.name)
	}
	if len(got) > 0 {
		t.Errorf("diagnostics outside the cases: %q", got)
	}
}

// shiftLine moves the line number of "file:line:col: msg" by n.
func shiftLine(d string, n int) string {
	parts := strings.SplitN(d, ":", 3)
	if len(parts) < 3 {
		return d
	}
	var line int
	for _, c := range parts[1] {
		line = line*10 + int(c-'0')
	}
	return parts[0] + ":" + strconv.Itoa(line+n) + ":" + parts[2]
}
