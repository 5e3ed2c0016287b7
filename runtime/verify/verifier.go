package verify

import "encoding/binary"

// Limits that apply when Options leaves a field zero. They are C++'s.
const (
	DefaultMaxDepth  = 64
	DefaultMaxTables = 1000000
	// DefaultMaxSize is also the largest MaxSize honoured: Go accessors
	// hold positions in 32-bit offsets that must stay below 1<<31.
	DefaultMaxSize = 1<<31 - 1
	// MinBufferSize is the size of the smallest flatbuffer: a root offset,
	// a 4-byte vtable and a table holding only its vtable offset.
	MinBufferSize = 12
)

// Options set the limits of a verification. The zero value means C++'s
// defaults: depth 64, 1,000,000 tables, 2 GiB - 1 bytes, alignment checked,
// nested flatbuffers verified, no bound on visits. For a buffer from an
// untrusted peer, use ForUntrusted.
type Options struct {
	// MaxDepth bounds how deeply tables nest (nested flatbuffers count
	// with their parents). Zero means DefaultMaxDepth.
	MaxDepth int
	// MaxTables bounds the number of tables visited, counting a table
	// each time it is reached. Zero means DefaultMaxTables.
	//
	// Because a table reached through several offsets is visited once per
	// offset, a buffer of a few hundred bytes can make the verifier visit
	// MaxTables tables (tens of milliseconds at the default). MaxVisits,
	// set by ForUntrusted, bounds that cost by the buffer's size.
	MaxTables int
	// MaxVisits, when positive, bounds the verifier's work: the tables it
	// visits plus the elements of vectors of strings, tables and unions
	// it checks, each counted every time it is reached (a shared vector
	// is counted once per offset to it). Zero means no bound, as in C++.
	// When the bound is exceeded, verification fails with TooManyVisits.
	MaxVisits int
	// MaxSize bounds the buffer's size in bytes. Zero, or anything above
	// DefaultMaxSize, means DefaultMaxSize.
	MaxSize int
	// IgnoreAlignment turns off the alignment checks (C++'s
	// check_alignment = false). Go's accessors read unaligned values
	// safely, so this only relaxes compatibility with other languages.
	IgnoreAlignment bool
	// SkipNested leaves nested flatbuffers (fields with the
	// nested_flatbuffer attribute) unverified beyond their byte vector
	// (C++'s check_nested_flatbuffers = false).
	SkipNested bool
}

// Verifier walks one buffer. Generated code makes one per call with New,
// and passes it down through the per-table functions; it is not safe for
// concurrent use and needs no cleanup.
type Verifier struct {
	buf []byte
	// base is buf's offset within the outermost buffer (non-zero inside
	// a nested flatbuffer); errors report offsets from the outermost start.
	base      int
	maxDepth  int
	maxTables int
	maxSize   uint64
	align     bool
	nested    bool
	maxVisits int
	depth     int
	tables    int
	visits    int
}

// New returns a Verifier for buf with the limits in opts.
func New(buf []byte, opts Options) *Verifier {
	v := &Verifier{buf: buf, maxDepth: opts.MaxDepth, maxTables: opts.MaxTables, maxVisits: opts.MaxVisits,
		maxSize: uint64(opts.MaxSize), align: !opts.IgnoreAlignment, nested: !opts.SkipNested}
	if v.maxDepth <= 0 {
		v.maxDepth = DefaultMaxDepth
	}
	if v.maxTables <= 0 {
		v.maxTables = DefaultMaxTables
	}
	if v.maxSize == 0 || v.maxSize > DefaultMaxSize {
		v.maxSize = DefaultMaxSize
	}
	if v.maxVisits <= 0 {
		// No bound, as in C++ (MaxTables still limits the tables).
		v.maxVisits = int(^uint(0) >> 1)
	}
	return v
}

// ForUntrusted returns o with its work bounded linearly in n, the size in
// bytes of the buffer to verify: MaxVisits becomes n/4+1, unless o already
// sets a lower positive bound. The other limits stay as o sets them.
//
// No buffer whose tables and vectors are each reached through a single
// offset exceeds n/4+1 visits: every table holds its own 4-byte vtable
// offset and every element of a vector of strings, tables or unions is a
// 4-byte offset, all at distinct places in the buffer. The object API's
// Pack never shares tables or vectors, so its output always passes. A buffer
// built by hand whose sub-tables are shared (a DAG) is visited once per
// path to each table and may fail with TooManyVisits; without the bound a
// few hundred such bytes can cost a million visits. Use it for payloads
// from the network, as the RPC runtime's generated VerifyXBufferUntrusted
// functions do:
//
//	err := VerifyMonsterBufferWith(buf, verify.Options{}.ForUntrusted(len(buf)))
func (o Options) ForUntrusted(n int) Options {
	if n < 0 {
		n = 0
	}
	if limit := n/4 + 1; o.MaxVisits <= 0 || limit < o.MaxVisits {
		o.MaxVisits = limit
	}
	return o
}

// Table is a table whose header and vtable have been verified: Pos is where
// the table starts (its vtable offset).
type Table struct {
	Pos    uint32
	vtable uint32
	vsize  uint16
}

func (v *Verifier) size() uint64 { return uint64(len(v.buf)) }

// in reports whether n bytes at off lie inside the buffer.
func (v *Verifier) in(off, n uint64) bool { return n <= v.size() && off <= v.size()-n }

func (v *Verifier) aligned(off, align uint64) bool {
	return !v.align || align <= 1 || off&(align-1) == 0
}

func (v *Verifier) u16(off uint64) uint16 { return binary.LittleEndian.Uint16(v.buf[off:]) }
func (v *Verifier) u32(off uint64) uint32 { return binary.LittleEndian.Uint32(v.buf[off:]) }

// Root checks the buffer's size limits and file identifier (when ident is
// not "") and returns the position of the root table, which the caller
// verifies next.
func (v *Verifier) Root(ident string) (uint32, error) { return v.root(0, ident) }

// SizePrefixedRoot is Root for a buffer that starts with a 32-bit size
// prefix; the prefix may not claim more bytes than the buffer holds.
func (v *Verifier) SizePrefixedRoot(ident string) (uint32, error) {
	if !v.in(0, 4) {
		return 0, v.fail(TooSmall, 0, "buffer of %d bytes has no room for a size prefix", v.size())
	}
	if n := uint64(v.u32(0)); n+4 > v.size() {
		return 0, v.fail(BadSizePrefix, 0, "size prefix %d exceeds the %d bytes that follow it", n, v.size()-4)
	}
	return v.root(4, ident)
}

func (v *Verifier) root(start uint64, ident string) (uint32, error) {
	if v.size() > v.maxSize {
		return 0, v.fail(TooLarge, 0, "buffer of %d bytes exceeds the limit of %d", v.size(), v.maxSize)
	}
	if v.size() < start+MinBufferSize {
		return 0, v.fail(TooSmall, start, "buffer of %d bytes is smaller than the minimum %d", v.size()-start, MinBufferSize)
	}
	if ident != "" {
		id := v.buf[start+4 : start+8]
		if string(id) != ident {
			return 0, v.fail(BadIdentifier, start+4, "file identifier %q, want %q", id, ident)
		}
	}
	return v.Indirect(uint32(start))
}

// Indirect verifies the offset stored at position at (aligned, in range,
// not zero, not negative, pointing inside the buffer) and returns the
// position it points to.
func (v *Verifier) Indirect(at uint32) (uint32, error) {
	a := uint64(at)
	if !v.aligned(a, 4) {
		return 0, v.fail(Misaligned, a, "offset field is not 4-byte aligned")
	}
	if !v.in(a, 4) {
		return 0, v.fail(OutOfBounds, a, "offset field runs past end of buffer (size %d)", v.size())
	}
	o := v.u32(a)
	if o == 0 {
		return 0, v.fail(BadOffset, a, "offset is zero")
	}
	if int32(o) < 0 {
		return 0, v.fail(BadOffset, a, "offset 0x%x is negative as a signed offset", o)
	}
	if t := a + uint64(o); t >= v.size() {
		return 0, v.fail(OutOfBounds, a, "offset 0x%x points past end of buffer (size %d)", o, v.size())
	}
	return at + o, nil
}

// Table verifies the table at pos: its vtable offset and its vtable (in
// range, 2-byte aligned, even size of at least 4). It also counts the table
// against the depth, table and visit limits; the caller calls EndTable when
// done with the table's fields.
//
// The table size the vtable records is not checked, as in C++: builders
// that share a vtable among tables with the same field offsets (the Go
// and Python builders) record the size of only one of them. Each field is
// checked against the buffer instead.
func (v *Verifier) Table(pos uint32) (Table, error) {
	v.depth++
	v.tables++
	v.visits++
	p := uint64(pos)
	if v.depth > v.maxDepth {
		return Table{}, v.fail(TooDeep, p, "tables nest deeper than %d", v.maxDepth)
	}
	if v.tables > v.maxTables {
		return Table{}, v.fail(TooManyTables, p, "more than %d tables", v.maxTables)
	}
	if v.visits > v.maxVisits {
		return Table{}, v.fail(TooManyVisits, p, "more than %d tables and vector elements visited", v.maxVisits)
	}
	if !v.aligned(p, 4) {
		return Table{}, v.fail(Misaligned, p, "table is not 4-byte aligned")
	}
	if !v.in(p, 4) {
		return Table{}, v.fail(OutOfBounds, p, "table runs past end of buffer (size %d)", v.size())
	}
	so := int64(int32(v.u32(p)))
	vt := int64(p) - so
	if vt < 0 || !v.in(uint64(vt), 4) {
		return Table{}, v.fail(OutOfBounds, p, "vtable offset %d puts the vtable outside the buffer (size %d)", so, v.size())
	}
	if !v.aligned(uint64(vt), 2) {
		return Table{}, v.fail(Misaligned, uint64(vt), "vtable is not 2-byte aligned")
	}
	vsize := v.u16(uint64(vt))
	if vsize&1 != 0 || vsize < 4 {
		return Table{}, v.fail(BadVTable, uint64(vt), "vtable size %d is odd or less than 4", vsize)
	}
	if !v.in(uint64(vt), uint64(vsize)) {
		return Table{}, v.fail(OutOfBounds, uint64(vt), "vtable of %d bytes runs past end of buffer (size %d)", vsize, v.size())
	}
	return Table{Pos: pos, vtable: uint32(vt), vsize: vsize}, nil
}

// EndTable ends the table most recently begun with Table.
func (v *Verifier) EndTable() { v.depth-- }

// slot returns the offset within t of the field at vtable offset vo, or 0
// when the field is absent.
func (v *Verifier) slot(t Table, vo uint16) uint16 {
	if vo >= t.vsize {
		return 0
	}
	return v.u16(uint64(t.vtable) + uint64(vo))
}

// FieldPos returns the position of the field at vtable offset vo of t, or
// 0 if the field is absent.
func (v *Verifier) FieldPos(t Table, vo uint16) uint32 {
	if off := v.slot(t, vo); off != 0 {
		return t.Pos + uint32(off)
	}
	return 0
}

// Required fails if the field at vtable offset vo of t is absent.
func (v *Verifier) Required(t Table, vo uint16) error {
	if v.slot(t, vo) == 0 {
		return v.fail(MissingRequired, uint64(t.Pos), "required field is absent")
	}
	return nil
}

// Inline verifies a field stored inline in t (a scalar or a struct) of the
// given size and alignment: absent, or inside the buffer and aligned, as
// C++ checks it. (Not inside the table size the vtable records: see Table.)
func (v *Verifier) Inline(t Table, vo uint16, size, align int) error {
	off := v.slot(t, vo)
	if off == 0 {
		return nil
	}
	p := uint64(t.Pos) + uint64(off)
	if !v.in(p, uint64(size)) {
		return v.fail(OutOfBounds, p, "field of %d bytes at table offset %d runs past end of buffer (size %d)", size, off, v.size())
	}
	if !v.aligned(p, uint64(align)) {
		return v.fail(Misaligned, p, "field is not %d-byte aligned", align)
	}
	return nil
}

// Uint8 returns the byte-sized field at vtable offset vo of t (a union's
// type field), or 0 when it is absent or outside the buffer.
func (v *Verifier) Uint8(t Table, vo uint16) uint8 {
	off := v.slot(t, vo)
	if off == 0 {
		return 0
	}
	return v.Byte(t.Pos + uint32(off))
}

// Byte returns the byte at pos, or 0 if pos is outside the buffer.
func (v *Verifier) Byte(pos uint32) byte {
	if uint64(pos) >= v.size() {
		return 0
	}
	return v.buf[pos]
}

// OffsetField verifies the offset field (string, vector, table or union
// value) at vtable offset vo of t and returns the position it points to,
// or 0 when the field is absent.
func (v *Verifier) OffsetField(t Table, vo uint16) (uint32, error) {
	off := v.slot(t, vo)
	if off == 0 {
		return 0, nil
	}
	// Indirect checks the field itself as Inline(t, vo, 4, 4) would
	// (aligned, inside the buffer) before following it.
	return v.Indirect(t.Pos + uint32(off))
}

// StringField verifies the string field at vtable offset vo of t.
func (v *Verifier) StringField(t Table, vo uint16) error {
	p, err := v.OffsetField(t, vo)
	if err != nil || p == 0 {
		return err
	}
	return v.String(p)
}

// String verifies the string at pos: length aligned and in range, the
// bytes and the NUL after them inside the buffer.
func (v *Verifier) String(pos uint32) error {
	p := uint64(pos)
	if !v.aligned(p, 4) {
		return v.fail(Misaligned, p, "string length is not 4-byte aligned")
	}
	if !v.in(p, 4) {
		return v.fail(OutOfBounds, p, "string length runs past end of buffer (size %d)", v.size())
	}
	n := uint64(v.u32(p))
	if n >= v.maxSize {
		return v.fail(TooLong, p, "string length %d exceeds the limit of %d", n, v.maxSize)
	}
	if !v.in(p, 4+n+1) {
		return v.fail(OutOfBounds, p, "string length %d runs past end of buffer (size %d)", n, v.size())
	}
	if v.buf[p+4+n] != 0 {
		return v.fail(NoTerminator, p+4+n, "string of length %d is not NUL-terminated", n)
	}
	return nil
}

// VectorField verifies the vector field at vtable offset vo of t, whose
// elements are elemSize bytes each inline (4 for offsets). It returns the
// position of the first element and the length; start is 0 when the field
// is absent.
func (v *Verifier) VectorField(t Table, vo uint16, elemSize int) (start, n uint32, err error) {
	p, err := v.OffsetField(t, vo)
	if err != nil || p == 0 {
		return 0, 0, err
	}
	return v.Vector(p, elemSize)
}

// OffsetVectorField is VectorField for a vector of offsets (strings,
// tables or union values) whose elements the caller checks one by one: it
// also counts the elements against Options.MaxVisits.
func (v *Verifier) OffsetVectorField(t Table, vo uint16) (start, n uint32, err error) {
	start, n, err = v.VectorField(t, vo, 4)
	if err != nil || n == 0 {
		return start, n, err
	}
	if v.visits += int(n); v.visits > v.maxVisits || v.visits < 0 {
		return 0, 0, v.fail(TooManyVisits, uint64(start)-4, "vector of %d elements: more than %d tables and vector elements visited", n, v.maxVisits)
	}
	return start, n, nil
}

// Vector verifies the vector at pos (length aligned and in range, length
// times elemSize without overflow and in range) and returns the position of
// its first element and its length.
func (v *Verifier) Vector(pos uint32, elemSize int) (start, n uint32, err error) {
	p := uint64(pos)
	if !v.aligned(p, 4) {
		return 0, 0, v.fail(Misaligned, p, "vector length is not 4-byte aligned")
	}
	if !v.in(p, 4) {
		return 0, 0, v.fail(OutOfBounds, p, "vector length runs past end of buffer (size %d)", v.size())
	}
	l := uint64(v.u32(p))
	es := uint64(elemSize)
	if es == 0 {
		es = 1
	}
	if l >= v.maxSize/es {
		return 0, 0, v.fail(TooLong, p, "vector length %d of %d-byte elements exceeds the limit of %d bytes", l, es, v.maxSize)
	}
	if !v.in(p, 4+l*es) {
		return 0, 0, v.fail(OutOfBounds, p, "vector of %d elements of %d bytes runs past end of buffer (size %d)", l, es, v.size())
	}
	return pos + 4, uint32(l), nil
}

// Struct verifies a struct of the given size and alignment at pos (a
// struct that is a union member).
func (v *Verifier) Struct(pos uint32, size, align int) error {
	p := uint64(pos)
	if !v.aligned(p, uint64(align)) {
		return v.fail(Misaligned, p, "struct is not %d-byte aligned", align)
	}
	if !v.in(p, uint64(size)) {
		return v.fail(OutOfBounds, p, "struct of %d bytes runs past end of buffer (size %d)", size, v.size())
	}
	return nil
}

// UnionVectors checks that a vector of unions (values, from VectorField)
// and its vector of types are both absent or both present with the same
// length.
func (v *Verifier) UnionVectors(typesStart, typesLen, valuesStart, valuesLen uint32) error {
	switch {
	case typesStart == 0 && valuesStart == 0:
		return nil
	case typesStart == 0:
		return v.fail(UnionMismatch, uint64(valuesStart)-4, "vector of %d union values has no vector of types", valuesLen)
	case valuesStart == 0:
		return v.fail(UnionMismatch, uint64(typesStart)-4, "vector of %d union types has no vector of values", typesLen)
	case typesLen != valuesLen:
		return v.fail(UnionMismatch, uint64(valuesStart)-4, "vector of %d union values has %d types", valuesLen, typesLen)
	}
	return nil
}

// Outer is the state of the enclosing buffer, saved while a nested
// flatbuffer is verified.
type Outer struct {
	buf  []byte
	base int
}

// EnterNested switches v to the nested flatbuffer held in the byte vector
// of n bytes at start (as returned by VectorField) and returns the nested
// root table's position, which the caller verifies and then calls
// LeaveNested. It returns root 0, without switching, when the vector is
// absent or Options.SkipNested is set. Depth and table counts carry on
// across the nesting (C++ restarts them), so nesting cannot recurse
// without bound.
func (v *Verifier) EnterNested(start, n uint32) (root uint32, outer Outer, err error) {
	outer = Outer{buf: v.buf, base: v.base}
	if start == 0 || !v.nested {
		return 0, outer, nil
	}
	if n < MinBufferSize {
		return 0, outer, v.fail(TooSmall, uint64(start), "nested flatbuffer of %d bytes is smaller than the minimum %d", n, MinBufferSize)
	}
	if !v.in(uint64(start), uint64(n)) {
		return 0, outer, v.fail(OutOfBounds, uint64(start), "nested flatbuffer of %d bytes runs past end of buffer (size %d)", n, v.size())
	}
	v.buf = v.buf[start : start+n]
	v.base += int(start)
	root, err = v.Root("")
	if err != nil {
		v.LeaveNested(outer)
		return 0, outer, err
	}
	return root, outer, nil
}

// LeaveNested returns v to the buffer saved by EnterNested.
func (v *Verifier) LeaveNested(outer Outer) { v.buf, v.base = outer.buf, outer.base }
