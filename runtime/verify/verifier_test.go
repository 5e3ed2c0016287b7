package verify_test

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/runtime/verify"
)

// Helpers that find things in a built buffer, to corrupt them.

func u32(b []byte, at uint32) uint32 { return binary.LittleEndian.Uint32(b[at:]) }
func put32(b []byte, at, x uint32)   { binary.LittleEndian.PutUint32(b[at:], x) }
func put16(b []byte, at uint32, x uint16) {
	binary.LittleEndian.PutUint16(b[at:], x)
}
func rootOf(b []byte) uint32 { return u32(b, 0) }
func vtableOf(b []byte, table uint32) uint32 {
	return uint32(int64(table) - int64(int32(u32(b, table))))
}

// slotAt is the position of the vtable entry vo of table.
func slotAt(b []byte, table uint32, vo uint16) uint32 { return vtableOf(b, table) + uint32(vo) }

// fieldAt is the position of field vo of table; it fails the test if absent.
func fieldAt(t *testing.T, b []byte, table uint32, vo uint16) uint32 {
	t.Helper()
	off := binary.LittleEndian.Uint16(b[slotAt(b, table, vo):])
	if off == 0 {
		t.Fatalf("field %d absent", vo)
	}
	return table + uint32(off)
}

// target follows the offset field vo of table.
func target(t *testing.T, b []byte, table uint32, vo uint16) uint32 {
	f := fieldAt(t, b, table, vo)
	return f + u32(b, f)
}

func TestVerify(t *testing.T) {
	deep := func(d int) node {
		n := node{}
		for i := 0; i < d-1; i++ {
			c := n
			n = node{child: &c}
		}
		return n
	}
	type tc struct {
		name   string
		node   node
		opts   verify.Options
		sized  bool
		mutate func(t *testing.T, b []byte) []byte
		code   verify.Code
		path   string // the Path of the error, as "T.f[i] > T.f"
		detail string // a substring of the error message
	}
	root := func(t *testing.T, b []byte) uint32 { return rootOf(b) }
	tests := []tc{
		{name: "full", node: full()},
		{name: "minimal", node: node{}},
		{name: "size prefixed", node: full(), sized: true},
		{name: "empty vectors", node: node{nums: []int32{}, kids: []node{}, names: []string{}, usTypes: []uint8{}, us: []any{}}},
		{name: "depth at the limit", node: deep(64)},
		{name: "depth over the limit", node: deep(65), code: verify.TooDeep, detail: "deeper than 64"},
		{name: "depth option", node: deep(4), opts: verify.Options{MaxDepth: 3}, code: verify.TooDeep,
			path: "Node.child > Node.child > Node.child"},
		{name: "table count option", node: full(), opts: verify.Options{MaxTables: 3}, code: verify.TooManyTables},
		{name: "visits option", node: full(), opts: verify.Options{MaxVisits: 3}, code: verify.TooManyVisits},
		{name: "visits count vector elements", node: node{names: []string{"a", "b", "c"}},
			opts: verify.Options{MaxVisits: 3}, code: verify.TooManyVisits, path: "Node.names"},
		{name: "visits at the limit", node: node{names: []string{"a", "b", "c"}}, opts: verify.Options{MaxVisits: 4}},
		{name: "untrusted", node: full(), opts: verify.Options{}.ForUntrusted(len(buildNode(full())))},
		{name: "untrusted sized", node: full(), sized: true,
			opts: verify.Options{}.ForUntrusted(len(buildSizePrefixedNode(full())))},
		{name: "size limit", node: full(), opts: verify.Options{MaxSize: 64}, code: verify.TooLarge},
		{name: "too small", node: node{}, mutate: func(t *testing.T, b []byte) []byte { return b[:11] },
			code: verify.TooSmall, detail: "smaller than the minimum 12"},
		{name: "size prefix too small", node: node{}, sized: true,
			mutate: func(t *testing.T, b []byte) []byte { return b[:3] }, code: verify.TooSmall},
		{name: "size prefix too big", node: node{}, sized: true, code: verify.BadSizePrefix,
			mutate: func(t *testing.T, b []byte) []byte { put32(b, 0, u32(b, 0)+1); return b }},
		{name: "size prefix smaller is fine", node: node{}, sized: true,
			mutate: func(t *testing.T, b []byte) []byte { put32(b, 0, u32(b, 0)-1); return b }},
		{name: "identifier", node: node{}, code: verify.BadIdentifier, detail: `"NODX"`,
			mutate: func(t *testing.T, b []byte) []byte { b[7] = 'X'; return b }},
		{name: "root offset zero", node: node{}, code: verify.BadOffset,
			mutate: func(t *testing.T, b []byte) []byte { put32(b, 0, 0); return b }},
		{name: "root offset negative", node: node{}, code: verify.BadOffset,
			mutate: func(t *testing.T, b []byte) []byte { put32(b, 0, 0x80000000); return b }},
		{name: "root offset past end", node: node{}, code: verify.OutOfBounds,
			mutate: func(t *testing.T, b []byte) []byte { put32(b, 0, uint32(len(b))); return b }},
		{name: "root table misaligned", node: node{}, code: verify.Misaligned,
			mutate: func(t *testing.T, b []byte) []byte { put32(b, 0, u32(b, 0)+2); return b }},
		{name: "vtable outside buffer", node: node{}, code: verify.OutOfBounds, detail: "vtable offset",
			mutate: func(t *testing.T, b []byte) []byte { put32(b, root(t, b), 0x7ffffff0); return b }},
		{name: "vtable before buffer", node: node{}, code: verify.OutOfBounds,
			mutate: func(t *testing.T, b []byte) []byte { put32(b, root(t, b), 0x80000000); return b }},
		{name: "vtable misaligned", node: node{}, code: verify.Misaligned, detail: "vtable",
			mutate: func(t *testing.T, b []byte) []byte { put32(b, root(t, b), u32(b, root(t, b))+1); return b }},
		{name: "vtable odd size", node: node{}, code: verify.BadVTable,
			mutate: func(t *testing.T, b []byte) []byte { put16(b, vtableOf(b, root(t, b)), 7); return b }},
		{name: "vtable size 2", node: node{}, code: verify.BadVTable,
			mutate: func(t *testing.T, b []byte) []byte { put16(b, vtableOf(b, root(t, b)), 2); return b }},
		{name: "vtable past end", node: node{}, code: verify.OutOfBounds, detail: "vtable of 4000 bytes",
			mutate: func(t *testing.T, b []byte) []byte { put16(b, vtableOf(b, root(t, b)), 4000); return b }},
		// The table size a vtable records is ignored, as in C++: builders
		// share vtables among tables of different sizes.
		{name: "table size zero is ignored", node: node{num: 1}, mutate: func(t *testing.T, b []byte) []byte {
			put16(b, vtableOf(b, root(t, b))+2, 0)
			return b
		}},
		{name: "table size past end is ignored", node: node{num: 1}, mutate: func(t *testing.T, b []byte) []byte {
			put16(b, vtableOf(b, root(t, b))+2, 4000)
			return b
		}},
		{name: "field past table size", node: node{num: 1, pt: new(int64)}, mutate: func(t *testing.T, b []byte) []byte {
			r := root(t, b)
			put16(b, vtableOf(b, r)+2, binary.LittleEndian.Uint16(b[slotAt(b, r, voPt):]))
			return b
		}},
		{name: "field past end of buffer", node: node{num: 1}, code: verify.OutOfBounds, path: "Node.num",
			detail: "runs past end of buffer",
			mutate: func(t *testing.T, b []byte) []byte {
				r := root(t, b)
				put16(b, slotAt(b, r, voNum), uint16(uint32(len(b))-r))
				return b
			}},
		{name: "field straddles end of buffer", node: node{num: 1}, code: verify.OutOfBounds, path: "Node.num",
			opts: verify.Options{IgnoreAlignment: true},
			mutate: func(t *testing.T, b []byte) []byte {
				r := root(t, b)
				put16(b, slotAt(b, r, voNum), uint16(uint32(len(b))-r-2))
				return b
			}},
		{name: "union type past end of buffer", node: node{uType: 3, u: "abc"}, code: verify.OutOfBounds,
			path: "Node.u_type",
			mutate: func(t *testing.T, b []byte) []byte {
				r := root(t, b)
				put16(b, slotAt(b, r, voUType), uint16(uint32(len(b))-r))
				return b
			}},
		{name: "field misaligned", node: node{num: 1}, code: verify.Misaligned, path: "Node.num",
			mutate: func(t *testing.T, b []byte) []byte { put16(b, slotAt(b, root(t, b), voNum), 5); return b }},
		{name: "field misaligned ignored", node: node{num: 1}, opts: verify.Options{IgnoreAlignment: true},
			mutate: func(t *testing.T, b []byte) []byte { put16(b, slotAt(b, root(t, b), voNum), 5); return b }},
		{name: "required absent", node: node{noName: true}, code: verify.MissingRequired, path: "Node.name"},
		{name: "string past end", node: node{name: str("hello")}, code: verify.OutOfBounds, path: "Node.name",
			detail: "string length 4000 runs past end of buffer",
			mutate: func(t *testing.T, b []byte) []byte { put32(b, target(t, b, root(t, b), voName), 4000); return b }},
		{name: "string too long", node: node{name: str("hello")}, code: verify.TooLong, path: "Node.name",
			mutate: func(t *testing.T, b []byte) []byte {
				put32(b, target(t, b, root(t, b), voName), 0xffffffff)
				return b
			}},
		{name: "string unterminated", node: node{name: str("hello")}, code: verify.NoTerminator, path: "Node.name",
			mutate: func(t *testing.T, b []byte) []byte { b[target(t, b, root(t, b), voName)+4+5] = '!'; return b }},
		{name: "string offset field misaligned", node: node{name: str("hello")}, code: verify.Misaligned, path: "Node.name",
			mutate: func(t *testing.T, b []byte) []byte {
				r := root(t, b)
				put16(b, slotAt(b, r, voName), binary.LittleEndian.Uint16(b[slotAt(b, r, voName):])+1)
				return b
			}},
		{name: "string offset field past end", node: node{name: str("hello")}, code: verify.OutOfBounds, path: "Node.name",
			opts: verify.Options{IgnoreAlignment: true}, detail: "offset field runs past end of buffer",
			mutate: func(t *testing.T, b []byte) []byte {
				r := root(t, b)
				put16(b, slotAt(b, r, voName), uint16(uint32(len(b))-r-2))
				return b
			}},
		{name: "string offset zero", node: node{name: str("hello")}, code: verify.BadOffset, path: "Node.name",
			mutate: func(t *testing.T, b []byte) []byte { put32(b, fieldAt(t, b, root(t, b), voName), 0); return b }},
		{name: "vector past end", node: node{nums: []int32{1, 2}}, code: verify.OutOfBounds, path: "Node.nums",
			mutate: func(t *testing.T, b []byte) []byte { put32(b, target(t, b, root(t, b), voNums), 1000); return b }},
		{name: "vector length overflows", node: node{nums: []int32{1, 2}}, code: verify.TooLong, path: "Node.nums",
			mutate: func(t *testing.T, b []byte) []byte {
				put32(b, target(t, b, root(t, b), voNums), 0x40000001)
				return b
			}},
		{name: "vector misaligned", node: node{nums: []int32{1, 2}}, code: verify.Misaligned, path: "Node.nums",
			mutate: func(t *testing.T, b []byte) []byte {
				f := fieldAt(t, b, root(t, b), voNums)
				put32(b, f, u32(b, f)+1)
				return b
			}},
		{name: "vector of tables element", node: node{kids: []node{{}, {}}}, code: verify.BadOffset,
			path:   "Node.kids[1]",
			mutate: func(t *testing.T, b []byte) []byte { put32(b, target(t, b, root(t, b), voKids)+8, 0); return b }},
		{name: "vector of tables deep error", node: node{kids: []node{{}, {name: str("xy")}}}, code: verify.NoTerminator,
			path: "Node.kids[1] > Node.name",
			mutate: func(t *testing.T, b []byte) []byte {
				k := target(t, b, root(t, b), voKids) + 8
				k += u32(b, k)
				b[target(t, b, k, voName)+4+2] = 1
				return b
			}},
		{name: "vector of strings element", node: node{names: []string{"a", "b"}}, code: verify.OutOfBounds,
			path: "Node.names[0]",
			mutate: func(t *testing.T, b []byte) []byte {
				e := target(t, b, root(t, b), voNames) + 4
				put32(b, e+u32(b, e), 99)
				return b
			}},
		{name: "sub-table", node: node{child: &node{}}, code: verify.MissingRequired, path: "Node.child > Node.name",
			mutate: func(t *testing.T, b []byte) []byte {
				put16(b, slotAt(b, target(t, b, root(t, b), voChild), voName), 0)
				return b
			}},
		{name: "struct field misaligned", node: node{pt: new(int64)}, code: verify.Misaligned, path: "Node.pt",
			mutate: func(t *testing.T, b []byte) []byte {
				s := slotAt(b, root(t, b), voPt)
				put16(b, s, binary.LittleEndian.Uint16(b[s:])+4)
				return b
			}},
		{name: "union of table", node: node{uType: 1, u: node{noName: true}}, code: verify.MissingRequired,
			path: "Node.u > Node.name"},
		{name: "union of string", node: node{uType: 3, u: "abc"}},
		{name: "union of string bad", node: node{uType: 3, u: "abc"}, code: verify.NoTerminator, path: "Node.u",
			mutate: func(t *testing.T, b []byte) []byte { b[target(t, b, root(t, b), voU)+7] = 'd'; return b }},
		{name: "union of struct", node: node{uType: 2, u: int64(3)}},
		{name: "union type unknown is ignored", node: node{uType: 9, u: "abc"}},
		{name: "union type none is ignored", node: node{uType: 0, u: "abc"}},
		{name: "union type without value", node: node{uType: 1}},
		{name: "union value offset checked even for none", node: node{uType: 0, u: "abc"}, code: verify.OutOfBounds,
			path: "Node.u",
			mutate: func(t *testing.T, b []byte) []byte {
				put32(b, fieldAt(t, b, root(t, b), voU), 0x10000)
				return b
			}},
		{name: "union type as wrong member", node: node{uType: 2, u: "abc"}, code: verify.Misaligned, path: "Node.u",
			mutate: func(t *testing.T, b []byte) []byte {
				if f := fieldAt(t, b, root(t, b), voU); (f+u32(b, f))%8 == 0 {
					put32(b, f, u32(b, f)+4) // the string's bytes, not 8-byte aligned
				}
				return b
			}},
		{name: "union vectors length", node: node{usTypes: []uint8{1, 3}, us: []any{node{}}},
			code: verify.UnionMismatch, path: "Node.us"},
		{name: "union vector without types", node: node{us: []any{node{}}}, code: verify.UnionMismatch, path: "Node.us"},
		{name: "union types without values", node: node{usTypes: []uint8{1}}, code: verify.UnionMismatch},
		{name: "union vector element", node: node{usTypes: []uint8{3, 1}, us: []any{"s", node{noName: true}}},
			code: verify.MissingRequired, path: "Node.us[1] > Node.name"},
		{name: "union vector unknown element", node: node{usTypes: []uint8{200}, us: []any{nil}}},
		{name: "nested", node: node{nested: &node{child: &node{}}}},
		{name: "nested bad", node: node{nested: &node{child: &node{}}}, code: verify.MissingRequired,
			path: "Node.nested > Node.child > Node.name",
			mutate: func(t *testing.T, b []byte) []byte {
				n := target(t, b, root(t, b), voNested) + 4
				put16(b, n+slotAt(b[n:], target(t, b[n:], rootOf(b[n:]), voChild), voName), 0)
				return b
			}},
		{name: "nested bad skipped", node: node{nested: &node{child: &node{}}}, opts: verify.Options{SkipNested: true},
			mutate: func(t *testing.T, b []byte) []byte {
				n := target(t, b, root(t, b), voNested) + 4
				put16(b, n+slotAt(b[n:], target(t, b[n:], rootOf(b[n:]), voChild), voName), 0)
				return b
			}},
		{name: "nested too small", node: node{nested: &node{}}, code: verify.TooSmall, path: "Node.nested",
			mutate: func(t *testing.T, b []byte) []byte { put32(b, target(t, b, root(t, b), voNested), 8); return b }},
		{name: "nested depth counts", node: node{nested: &node{child: &node{}}}, opts: verify.Options{MaxDepth: 2},
			code: verify.TooDeep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b []byte
			if tt.sized {
				b = buildSizePrefixedNode(tt.node)
			} else {
				b = buildNode(tt.node)
			}
			if tt.mutate != nil {
				b = tt.mutate(t, b)
			}
			var err error
			if tt.sized {
				err = verifySizePrefixedNodeBuffer(b, tt.opts)
			} else {
				err = verifyNodeBuffer(b, tt.opts)
			}
			if got := verify.CodeOf(err); got != tt.code {
				t.Fatalf("code %v, want %v (err: %v)", got, tt.code, err)
			}
			if err == nil {
				return
			}
			var e *verify.Error
			if !errors.As(err, &e) {
				t.Fatalf("%T is not *verify.Error", err)
			}
			if e.Offset < 0 || e.Offset > len(b) {
				t.Errorf("offset %d outside the buffer of %d", e.Offset, len(b))
			}
			var steps []string
			for _, s := range e.Path {
				steps = append(steps, s.String())
			}
			if got := strings.Join(steps, " > "); tt.path != "" && got != tt.path {
				t.Errorf("path %q, want %q", got, tt.path)
			}
			if !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("error %q does not contain %q", err, tt.detail)
			}
			if !errors.Is(err, &verify.Error{Code: tt.code}) {
				t.Errorf("errors.Is with code %v fails", tt.code)
			}
		})
	}
}

// TestMethodsDoNotPanic calls the Verifier's methods with positions a
// caller could get wrong; each must fail cleanly rather than panic.
func TestMethodsDoNotPanic(t *testing.T) {
	b := buildNode(full())
	huge := []uint32{0, 1, 3, uint32(len(b)) - 1, uint32(len(b)), 0x7fffffff, 0xfffffffc, 0xffffffff}
	for _, p := range huge {
		v := verify.New(b, verify.Options{})
		_, _ = v.Indirect(p)
		_, _ = v.Table(p)
		_ = v.String(p)
		_, _, _ = v.Vector(p, 8)
		_ = v.Struct(p, 16, 8)
		_ = v.Byte(p)
		for _, n := range huge {
			if root, outer, err := v.EnterNested(p, n); err == nil && root != 0 {
				v.LeaveNested(outer)
			}
		}
		var zero verify.Table
		_ = v.Inline(zero, 4, 4, 4)
		_ = v.Uint8(zero, 4)
		_, _ = v.OffsetField(zero, 6)
		_, _, _ = v.OffsetVectorField(zero, 8)
		_ = v.UnionVectors(p, 1, p, 2)
	}
}
