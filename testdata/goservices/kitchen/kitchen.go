// Package kitchen is a Go-defined service that uses every type and method
// shape the Go-interface front end supports. kitchen.wsgen.go and
// kitchen.fbs are generated from it (go test ./internal/goldentest -update).
package kitchen

import (
	"context"
	"iter"
	"time"
)

//go:generate go run github.com/wsgen/wsgen/cmd/wsgen -emit-fbs kitchen.fbs .

// Kitchen exercises every method shape.
//
//wsgen:service
type Kitchen interface {
	// Put stores one item (unary).
	Put(ctx context.Context, item *Item) (*Receipt, error)
	// Watch streams the items that match a query (server streaming).
	Watch(ctx context.Context, q *Query) iter.Seq2[*Item, error]
	// Upload receives many items and answers once (client streaming).
	Upload(ctx context.Context, items iter.Seq2[*Item, error]) (*Receipt, error)
	// Echo answers every item with an item (bidirectional streaming).
	Echo(ctx context.Context, items iter.Seq2[*Item, error]) iter.Seq2[*Item, error]
}

// Archive is a second service in the package: it shares message types
// (and their generated helpers) with Kitchen.
//
//wsgen:service
type Archive interface {
	// Store keeps a versioned record. Calling it twice with the same
	// record is harmless.
	//
	//wsgen:idempotent
	Store(ctx context.Context, v *Versioned) (*Retired, error)
	// Replay streams items back.
	Replay(ctx context.Context, items iter.Seq2[*Item, error]) iter.Seq2[*Item, error]
}

// Color is an enum: a named integer type with constants.
type Color uint8

// The colors.
const (
	ColorNone Color = iota
	ColorRed
	ColorGreen
	ColorBlue Color = 200
)

// Level is a signed enum with a negative member.
type Level int32

// The levels.
const (
	LevelLow    Level = -1
	LevelNormal Level = 0
	LevelHigh   Level = 7
)

// Celsius is a named float: it travels as its underlying type.
type Celsius float64

// Label is a named string.
type Label string

// Names, Blob and Index are named slice, byte slice and map types: they
// travel as their underlying types.
type (
	Names []string
	Blob  []byte
	Index map[string]int32
)

// Scalars holds one field of every scalar type.
type Scalars struct {
	B   bool
	I8  int8
	U8  uint8
	I16 int16
	U16 uint16
	I32 int32
	U32 uint32
	I64 int64
	U64 uint64
	I   int
	U   uint
	F32 float32
	F64 float64
	R   rune
}

// Optionals holds pointers: nil and a pointer to the zero value differ.
type Optionals struct {
	B     *bool
	I32   *int32
	U64   *uint64
	F64   *float64
	S     *string
	Color *Color
	When  *time.Time
	Child *Scalars
}

// Item uses every kind of field.
type Item struct {
	// ID names the item.
	ID       string
	Data     []byte
	Count    uint32
	Color    Color
	Level    Level
	Temp     Celsius
	Label    Label
	Created  time.Time
	TTL      time.Duration
	Scalars  Scalars
	Opt      *Optionals
	Parent   *Item
	Tags     []string
	Numbers  []int64
	Floats   []float32
	Colors   []Color
	Labels   []Label
	Times    []time.Time
	Waits    []time.Duration
	Children []Scalars
	Ptrs     []*Scalars
	Attrs    map[string]string
	Counts   map[int32]uint64
	ByColor  map[Color][]string
	Nested   map[string]*Scalars
	Flags    []bool
	Names    Names
	Blob     Blob
	Index    Index
	internal int // unexported: not on the wire
	Skipped  int `wsgen:"-"`
}

// Query selects items.
type Query struct {
	Prefix string
	Limit  int32
}

// Receipt acknowledges items.
type Receipt struct {
	Count int32
	IDs   []string
	At    time.Time
}

// Versioned shows explicit field ids: they may be in any order and leave
// gaps where fields were removed.
type Versioned struct {
	Name  string `wsgen:"id=0"`
	Email string `wsgen:"id=3"`
	Age   int32  `wsgen:"id=1"`
}

// Retired shows a retired field kept as `_` in declaration order.
type Retired struct {
	Name string
	_    int32
	Note string
	// Old fields need not be deleted to leave the wire: "-" skips them.
	Legacy string `wsgen:"-"`
}
