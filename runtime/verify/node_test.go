package verify_test

import (
	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime/verify"
)

// The tests verify buffers of this schema, with verifyNode written the way
// wsgen generates verifiers:
//
//	struct Pt { a: long; }
//	union U { Node, Pt, string }
//	table Node {
//	  num: int;                 // id 0, vtable offset 4
//	  name: string (required);  // id 1, 6
//	  nums: [int];              // id 2, 8
//	  kids: [Node];             // id 3, 10
//	  child: Node;              // id 4, 12
//	  pt: Pt;                   // id 5, 14
//	  names: [string];          // id 6, 16
//	  u: U;                     // ids 7 (u_type) and 8: 18, 20
//	  us: [U];                  // ids 9 (us_type) and 10: 22, 24
//	  nested: [ubyte] (nested_flatbuffer: "Node"); // id 11, 26
//	}
const (
	voNum = 4 + 2*iota
	voName
	voNums
	voKids
	voChild
	voPt
	voNames
	voUType
	voU
	voUsType
	voUs
	voNested
	numFields
)

func verifyNode(v *verify.Verifier, pos uint32) error {
	t, err := v.Table(pos)
	if err != nil {
		return err
	}
	if err := v.Inline(t, voNum, 4, 4); err != nil {
		return verify.AtField(err, "Node", "num", 0)
	}
	if err := v.Required(t, voName); err != nil {
		return verify.AtField(err, "Node", "name", 1)
	}
	if err := v.StringField(t, voName); err != nil {
		return verify.AtField(err, "Node", "name", 1)
	}
	if _, _, err := v.VectorField(t, voNums, 4); err != nil {
		return verify.AtField(err, "Node", "nums", 2)
	}
	if s, n, err := v.OffsetVectorField(t, voKids); err != nil {
		return verify.AtField(err, "Node", "kids", 3)
	} else {
		for i := uint32(0); i < n; i++ {
			p, err := v.Indirect(s + 4*i)
			if err == nil {
				err = verifyNode(v, p)
			}
			if err != nil {
				return verify.AtElem(err, "Node", "kids", 3, int(i))
			}
		}
	}
	if p, err := v.OffsetField(t, voChild); err != nil {
		return verify.AtField(err, "Node", "child", 4)
	} else if p != 0 {
		if err := verifyNode(v, p); err != nil {
			return verify.AtField(err, "Node", "child", 4)
		}
	}
	if err := v.Inline(t, voPt, 8, 8); err != nil {
		return verify.AtField(err, "Node", "pt", 5)
	}
	if s, n, err := v.OffsetVectorField(t, voNames); err != nil {
		return verify.AtField(err, "Node", "names", 6)
	} else {
		for i := uint32(0); i < n; i++ {
			p, err := v.Indirect(s + 4*i)
			if err == nil {
				err = v.String(p)
			}
			if err != nil {
				return verify.AtElem(err, "Node", "names", 6, int(i))
			}
		}
	}
	if err := v.Inline(t, voUType, 1, 1); err != nil {
		return verify.AtField(err, "Node", "u_type", 7)
	}
	if p, err := v.OffsetField(t, voU); err != nil {
		return verify.AtField(err, "Node", "u", 8)
	} else if p != 0 {
		if err := verifyU(v, v.Uint8(t, voUType), v.FieldPos(t, voU)); err != nil {
			return verify.AtField(err, "Node", "u", 8)
		}
	}
	ts, tn, err := v.VectorField(t, voUsType, 1)
	if err != nil {
		return verify.AtField(err, "Node", "us_type", 9)
	}
	vs, vn, err := v.OffsetVectorField(t, voUs)
	if err == nil {
		err = v.UnionVectors(ts, tn, vs, vn)
	}
	if err != nil {
		return verify.AtField(err, "Node", "us", 10)
	}
	for i := uint32(0); i < vn; i++ {
		if err := verifyU(v, v.Byte(ts+i), vs+4*i); err != nil {
			return verify.AtElem(err, "Node", "us", 10, int(i))
		}
	}
	if s, n, err := v.VectorField(t, voNested, 1); err != nil {
		return verify.AtField(err, "Node", "nested", 11)
	} else if root, outer, err := v.EnterNested(s, n); err != nil {
		return verify.AtField(err, "Node", "nested", 11)
	} else if root != 0 {
		err := verifyNode(v, root)
		v.LeaveNested(outer)
		if err != nil {
			return verify.AtField(err, "Node", "nested", 11)
		}
	}
	v.EndTable()
	return nil
}

// verifyU verifies the U value whose offset is stored at at.
func verifyU(v *verify.Verifier, typ uint8, at uint32) error {
	switch typ {
	case 1:
		p, err := v.Indirect(at)
		if err != nil {
			return err
		}
		return verifyNode(v, p)
	case 2:
		p, err := v.Indirect(at)
		if err != nil {
			return err
		}
		return v.Struct(p, 8, 8)
	case 3:
		p, err := v.Indirect(at)
		if err != nil {
			return err
		}
		return v.String(p)
	}
	return nil
}

func verifyNodeBuffer(buf []byte, opts verify.Options) error {
	v := verify.New(buf, opts)
	root, err := v.Root("NODE")
	if err != nil {
		return err
	}
	return verifyNode(v, root)
}

func verifySizePrefixedNodeBuffer(buf []byte, opts verify.Options) error {
	v := verify.New(buf, opts)
	root, err := v.SizePrefixedRoot("NODE")
	if err != nil {
		return err
	}
	return verifyNode(v, root)
}

// node describes a Node to build; zero fields are left out.
type node struct {
	num      int32
	name     *string
	nums     []int32
	kids     []node
	child    *node
	pt       *int64
	names    []string
	uType    uint8
	u        any // node, int64 (Pt) or string
	usTypes  []uint8
	us       []any
	nested   *node
	noName   bool
	emptyVec bool
}

func str(s string) *string { return &s }

func (n *node) build(b *flatbuffers.Builder) flatbuffers.UOffsetT {
	var name, nums, kids, child, names, u, usT, us, nested flatbuffers.UOffsetT
	name = b.CreateString("n")
	if n.name != nil {
		name = b.CreateString(*n.name)
	}
	if n.nums != nil {
		b.StartVector(4, len(n.nums), 4)
		for i := len(n.nums) - 1; i >= 0; i-- {
			b.PrependInt32(n.nums[i])
		}
		nums = b.EndVector(len(n.nums))
	}
	if n.kids != nil {
		offs := make([]flatbuffers.UOffsetT, len(n.kids))
		for i := range n.kids {
			offs[i] = n.kids[i].build(b)
		}
		kids = offsetVector(b, offs)
	}
	if n.child != nil {
		child = n.child.build(b)
	}
	if n.names != nil {
		offs := make([]flatbuffers.UOffsetT, len(n.names))
		for i, s := range n.names {
			offs[i] = b.CreateString(s)
		}
		names = offsetVector(b, offs)
	}
	if n.u != nil {
		u = buildU(b, n.u)
	}
	if n.usTypes != nil {
		usT = b.CreateByteVector(n.usTypes)
	}
	if n.us != nil {
		offs := make([]flatbuffers.UOffsetT, len(n.us))
		for i, x := range n.us {
			offs[i] = buildU(b, x)
		}
		us = offsetVector(b, offs)
	}
	if n.nested != nil {
		nb := flatbuffers.NewBuilder(0)
		nb.Finish(n.nested.build(nb))
		nested = b.CreateByteVector(nb.FinishedBytes())
	}
	b.StartObject(numFields)
	b.PrependInt32Slot(0, n.num, 0)
	if !n.noName {
		b.PrependUOffsetTSlot(1, name, 0)
	}
	b.PrependUOffsetTSlot(2, nums, 0)
	b.PrependUOffsetTSlot(3, kids, 0)
	b.PrependUOffsetTSlot(4, child, 0)
	if n.pt != nil {
		b.Prep(8, 8)
		b.PrependInt64(*n.pt)
		b.Slot(5)
	}
	b.PrependUOffsetTSlot(6, names, 0)
	b.PrependByteSlot(7, n.uType, 0)
	b.PrependUOffsetTSlot(8, u, 0)
	b.PrependUOffsetTSlot(9, usT, 0)
	b.PrependUOffsetTSlot(10, us, 0)
	b.PrependUOffsetTSlot(11, nested, 0)
	return b.EndObject()
}

func buildU(b *flatbuffers.Builder, x any) flatbuffers.UOffsetT {
	switch x := x.(type) {
	case node:
		return x.build(b)
	case int64:
		b.Prep(8, 8)
		b.PrependInt64(x)
		return b.Offset()
	case string:
		return b.CreateString(x)
	}
	return 0
}

func offsetVector(b *flatbuffers.Builder, offs []flatbuffers.UOffsetT) flatbuffers.UOffsetT {
	b.StartVector(4, len(offs), 4)
	for i := len(offs) - 1; i >= 0; i-- {
		if offs[i] == 0 {
			b.PrependUint32(0) // a NONE union element
			continue
		}
		b.PrependUOffsetT(offs[i])
	}
	return b.EndVector(len(offs))
}

func buildNode(n node) []byte {
	b := flatbuffers.NewBuilder(0)
	b.FinishWithFileIdentifier(n.build(b), []byte("NODE"))
	return b.FinishedBytes()
}

func buildSizePrefixedNode(n node) []byte {
	b := flatbuffers.NewBuilder(0)
	b.FinishSizePrefixedWithFileIdentifier(n.build(b), []byte("NODE"))
	return b.FinishedBytes()
}

// full is a Node with every field set.
func full() node {
	pt := int64(7)
	return node{
		num: 42, name: str("root"), nums: []int32{1, 2, 3},
		kids:  []node{{name: str("k0")}, {name: str("k1"), num: 1}},
		child: &node{name: str("child"), names: []string{"x"}},
		pt:    &pt, names: []string{"a", "bc", ""},
		uType: 1, u: node{name: str("in union")},
		usTypes: []uint8{1, 2, 3, 0}, us: []any{node{name: str("u0")}, int64(9), "s", nil},
		nested: &node{name: str("nested"), nums: []int32{5}},
	}
}
