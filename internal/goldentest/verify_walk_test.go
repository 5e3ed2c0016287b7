package goldentest

// Reflection helpers for the verifier tests: fill builds a random but
// valid object (XT) of any generated table, and walker calls every reading
// method of a generated accessor, recursively, to prove none of them panics
// on a buffer the generated verifier accepted.

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"

	flatbuffers "github.com/google/flatbuffers/go"
)

// unionMember is one way to fill a union object: its Type and a new Value.
type unionMember struct {
	typ   any
	value func() any
}

// filler fills generated object types with random values.
type filler struct {
	r *rand.Rand
	// unions lists, per union object type (*WeaponT), its members.
	unions map[reflect.Type][]unionMember
	// maxDepth bounds the nesting of pointers, slices and unions (0: 5).
	maxDepth int
}

// fill sets v (settable) to a random value of its type. Pointers and
// slices are populated up to maxDepth levels of nesting.
func (f *filler) fill(v reflect.Value, depth int) {
	maxDepth := f.maxDepth
	if maxDepth == 0 {
		maxDepth = 5
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(f.r.IntN(2) == 0)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Int:
		v.SetInt(int64(f.r.Uint64()) >> (64 - v.Type().Bits()))
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		v.SetUint(f.r.Uint64() >> (64 - v.Type().Bits()))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(f.r.IntN(2000)-1000) / 8)
	case reflect.String:
		v.SetString(strings.Repeat("s", 1+f.r.IntN(5))) // Pack leaves out "", and some strings are required
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			f.fill(v.Index(i), depth)
		}
	case reflect.Slice:
		n := f.r.IntN(4)
		if depth >= maxDepth {
			n = 0
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			f.fill(s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Pointer:
		if members, ok := f.unions[v.Type()]; ok {
			if depth >= maxDepth || f.r.IntN(5) == 0 {
				return // NONE
			}
			m := members[f.r.IntN(len(members))]
			u := reflect.New(v.Type().Elem())
			u.Elem().Field(0).Set(reflect.ValueOf(m.typ))
			val := reflect.ValueOf(m.value())
			if val.Kind() == reflect.Pointer {
				f.fill(val.Elem(), depth+1)
			}
			u.Elem().Field(1).Set(val)
			v.Set(u)
			return
		}
		if depth > maxDepth {
			return
		}
		p := reflect.New(v.Type().Elem())
		f.fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				f.fill(v.Field(i), depth)
			}
		}
	}
}

var (
	tableType = reflect.TypeFor[*flatbuffers.Table]()
	intType   = reflect.TypeFor[int]()
)

// isAccessor reports whether t is a pointer to a generated accessor (a
// table or struct reader with Init(buf []byte, i flatbuffers.UOffsetT)).
func isAccessor(t reflect.Type) bool {
	if t.Kind() != reflect.Pointer {
		return false
	}
	_, ok := t.MethodByName("Init")
	return ok && t.Elem().Kind() == reflect.Struct
}

// walkBudget is the number of method calls a walker makes per buffer: a few
// tens of milliseconds at most, enough to read every buffer the registry's
// builders make in full.
const walkBudget = 200000

// walker calls every reading method of accessors.
type walker struct {
	// accessors maps an object type (*SwordT) to its accessor (*Sword);
	// with the members of unions, it tells the accessor of a union value.
	accessors map[reflect.Type]reflect.Type
	unions    map[reflect.Type][]unionMember
	// after runs extra reads for an accessor type (nested flatbuffers).
	after map[reflect.Type]func(w *walker, acc reflect.Value)
	// budget bounds the number of methods called (each vector element
	// read counts): a small buffer whose offsets share sub-tables can stand
	// for an exponentially large tree, and one whose shared tables hold
	// long vectors for a quadratically large one.
	budget int
	// err records the first method the walker does not know how to call.
	err error
	// seen records the accessor types walked.
	seen map[reflect.Type]bool
	// started is set once the first accessor is walked.
	started bool
	// nested counts the nested flatbuffers walked from their root.
	nested int
}

// walkNested walks the root of a nested flatbuffer like a buffer's root,
// UnPack included, for the first few nested buffers met.
func (w *walker) walkNested(acc reflect.Value) {
	if w.nested < 16 {
		w.nested++
		w.started = false
	}
	w.walk(acc)
}

// walk calls every method of the accessor acc that reads, with every
// valid index, and walks what they return.
//
// UnPack and UnPackTo are called on the first accessor walked only: they
// unpack everything below it, and calling them again at every level would
// cost the size of the tree at each node (a buffer whose offsets share
// sub-tables stands for a tree of up to Options.MaxTables tables).
func (w *walker) walk(acc reflect.Value) {
	if w.budget <= 0 || acc.IsNil() {
		return
	}
	first := !w.started
	w.started = true
	t := acc.Type()
	if w.seen != nil {
		w.seen[t] = true
	}
	for i := 0; i < t.NumMethod() && w.budget > 0; i++ {
		w.budget--
		name := t.Method(i).Name
		if strings.HasPrefix(name, "Mutate") || name == "Init" || name == "LookupByKey" {
			continue
		}
		if !first && (name == "UnPack" || name == "UnPackTo") {
			continue
		}
		fn := acc.Method(i)
		ft := fn.Type()
		switch {
		case ft.NumIn() == 0:
			// Scalars, strings, XType, XLength, XBytes, Table, UnPack.
			fn.Call(nil)
		case ft.NumIn() == 1 && ft.In(0) == intType:
			for j, n := 0, w.length(acc, name); j < n && w.budget > 0; j++ {
				w.budget--
				fn.Call([]reflect.Value{reflect.ValueOf(j)})
			}
		case ft.NumIn() == 1 && ft.In(0) == tableType:
			var tb flatbuffers.Table
			if fn.Call([]reflect.Value{reflect.ValueOf(&tb)})[0].Bool() {
				w.union(acc.MethodByName(name + "Type").Call(nil)[0], tb)
			}
		case name == "UnPackTo" && ft.NumIn() == 1:
			fn.Call([]reflect.Value{reflect.New(ft.In(0).Elem())})
		case ft.NumIn() == 1 && isAccessor(ft.In(0)):
			if out := fn.Call([]reflect.Value{reflect.Zero(ft.In(0))})[0]; !out.IsNil() {
				w.walk(out)
			}
		case ft.NumIn() == 2 && ft.In(0) == tableType && ft.In(1) == intType:
			for j, n := 0, w.length(acc, name); j < n && w.budget > 0; j++ {
				w.budget--
				var tb flatbuffers.Table
				jv := reflect.ValueOf(j)
				if fn.Call([]reflect.Value{reflect.ValueOf(&tb), jv})[0].Bool() {
					w.union(acc.MethodByName(name + "Type").Call([]reflect.Value{jv})[0], tb)
				}
			}
		case ft.NumIn() == 2 && isAccessor(ft.In(0)) && ft.In(1) == intType:
			for j, n := 0, w.length(acc, name); j < n && w.budget > 0; j++ {
				w.budget--
				obj := reflect.New(ft.In(0).Elem())
				out := fn.Call([]reflect.Value{obj, reflect.ValueOf(j)})
				// Kids(obj, j) bool fills obj; ShapesAsPoint(obj, j) *Point
				// returns it, or nil for another member.
				if len(out) == 1 && out[0].Kind() == reflect.Pointer {
					if out[0].IsNil() {
						continue
					}
					obj = out[0]
				}
				w.walk(obj)
			}
		case ft.NumIn() == 2 && isAccessor(ft.In(0)) && strings.HasSuffix(name, "ByKey"):
			obj := reflect.New(ft.In(0).Elem())
			fn.Call([]reflect.Value{obj, reflect.Zero(ft.In(1))})
		default:
			if w.err == nil {
				w.err = fmt.Errorf("walker: do not know how to call %v.%s %v", t, name, ft)
			}
		}
	}
	if after := w.after[t]; after != nil {
		after(w, acc)
	}
}

// length returns the result of the method name+"Length" of acc, or for a
// union member's accessor (ShapesAsPoint) that of its vector (ShapesLength).
func (w *walker) length(acc reflect.Value, name string) int {
	m := acc.MethodByName(name + "Length")
	for i := strings.LastIndex(name, "As"); !m.IsValid() && i > 0; i = strings.LastIndex(name[:i], "As") {
		m = acc.MethodByName(name[:i] + "Length")
	}
	if !m.IsValid() {
		if w.err == nil {
			w.err = fmt.Errorf("walker: %v has %s(j int) but no %sLength", acc.Type(), name, name)
		}
		return 0
	}
	return int(m.Call(nil)[0].Int())
}

// union walks the accessor of the union value tb of type typ, when typ
// names a member (unknown types have no accessor to reach them).
func (w *walker) union(typ reflect.Value, tb flatbuffers.Table) {
	var at reflect.Type
	for ut, members := range w.unions {
		for _, m := range members {
			if reflect.TypeOf(m.typ) == typ.Type() && reflect.ValueOf(m.typ).Uint() == typ.Uint() {
				obj := reflect.TypeOf(m.value())
				if obj.Kind() != reflect.Pointer {
					continue // a string member: its XAsY accessor reads it
				}
				var ok bool
				if at, ok = w.accessors[obj]; !ok && w.err == nil {
					w.err = fmt.Errorf("walker: no accessor registered for %v, a member of %v", obj, ut)
				}
			}
		}
	}
	if at == nil {
		return
	}
	acc := reflect.New(at.Elem())
	acc.MethodByName("Init").Call([]reflect.Value{reflect.ValueOf(tb.Bytes), reflect.ValueOf(tb.Pos)})
	w.walk(acc)
}
