package verify_test

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/wsgen/wsgen/runtime/verify"
)

// Generated VerifyXBuffer functions (here the hand-written equivalent for
// the test schema Node) return nil for a good buffer and a *verify.Error
// naming the bad field for a corrupt one.
func Example() {
	buf := buildNode(node{name: str("hello")})
	fmt.Println(verifyNodeBuffer(buf, verify.Options{}))

	// Make the name's length run past the end of the buffer.
	r := rootOf(buf)
	f := r + uint32(binary.LittleEndian.Uint16(buf[slotAt(buf, r, voName):]))
	put32(buf, f+u32(buf, f), 4000)
	err := verifyNodeBuffer(buf, verify.Options{})
	fmt.Println(err)

	var e *verify.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, e.Path[0].Field)
	}
	// Output:
	// <nil>
	// verify: Node.name (field 1) at offset 0x18: string length 4000 runs past end of buffer (size 44)
	// out of bounds name
}

func ExampleOptions() {
	buf := buildNode(node{child: &node{child: &node{}}})
	fmt.Println(verifyNodeBuffer(buf, verify.Options{}))
	fmt.Println(verifyNodeBuffer(buf, verify.Options{MaxDepth: 2}))
	// Output:
	// <nil>
	// verify: Node.child > Node.child (field 4) at offset 0x38: tables nest deeper than 2
}

// A buffer whose sub-tables are shared stands for a much larger tree: its
// 300-odd bytes cost 4,095 table visits, and each level more doubles that
// (21 levels, 524 bytes, reach C++'s limit of a million). ForUntrusted
// bounds the visits by the buffer's size instead.
func ExampleOptions_ForUntrusted() {
	buf := sharedNodes(12)
	fmt.Println(len(buf), "bytes")
	fmt.Println(verifyNodeBuffer(buf, verify.Options{}))
	opts := verify.Options{}.ForUntrusted(len(buf))
	fmt.Println("visits allowed:", opts.MaxVisits)
	fmt.Println(verify.CodeOf(verifyNodeBuffer(buf, opts)))

	// A buffer without sharing always passes.
	full := buildNode(full())
	fmt.Println(verifyNodeBuffer(full, verify.Options{}.ForUntrusted(len(full))))
	// Output:
	// 308 bytes
	// <nil>
	// visits allowed: 78
	// too many visits
	// <nil>
}
