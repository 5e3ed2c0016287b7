package schema_test

import (
	"fmt"

	"github.com/wsgen/wsgen/schema"
)

// A struct { a: byte; b: double; c: short; } laid out as flatc does.
func ExampleLayoutStruct() {
	s := &schema.Struct{Fields: []*schema.Field{
		{Name: "a", Type: schema.Type{Kind: schema.KindInt8}},
		{Name: "b", Type: schema.Type{Kind: schema.KindFloat64}},
		{Name: "c", Type: schema.Type{Kind: schema.KindInt16}},
	}}
	schema.LayoutStruct(s)
	for _, f := range s.Fields {
		fmt.Printf("%s: offset %d, %d padding bytes after\n", f.Name, f.Offset, f.Padding)
	}
	fmt.Println("size", s.Size, "align", s.Align)
	// Output:
	// a: offset 0, 7 padding bytes after
	// b: offset 8, 0 padding bytes after
	// c: offset 16, 6 padding bytes after
	// size 24 align 8
}
