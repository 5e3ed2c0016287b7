package schema

// LayoutStruct computes the byte layout of s the way flatc does: each field
// is placed at the next offset aligned to its own alignment, the padding
// before it is recorded on the previous field, and the struct is padded at
// the end to its alignment (its largest member's, or ForceAlign when set and
// larger). Field types must be resolved and nested structs laid out first.
//
// It sets every field's Offset and Padding and s.Size and s.Align.
func LayoutStruct(s *Struct) {
	size, align := 0, 1
	var prev *Field
	for _, f := range s.Fields {
		fa := f.Type.InlineAlign()
		if fa < 1 {
			fa = 1
		}
		if fa > align {
			align = fa
		}
		pad := padTo(size, fa)
		if prev != nil {
			prev.Padding = pad
		}
		size += pad
		f.Offset = size
		f.Padding = 0
		size += f.Type.InlineSize()
		prev = f
	}
	if s.ForceAlign > align {
		align = s.ForceAlign
	}
	pad := padTo(size, align)
	if prev != nil {
		prev.Padding += pad
	}
	s.Size = size + pad
	s.Align = align
}

// padTo is the number of bytes needed to bring size up to a multiple of
// align (a power of two).
func padTo(size, align int) int { return (-size) & (align - 1) }

// AssignFieldIDs gives every field of t its id in declaration order, the
// way flatc does when no field has an explicit `id`: each field takes the
// next id, so a union's hidden type field and its value field take two in a
// row. Front ends call it only when no ids were written.
func AssignFieldIDs(t *Table) {
	for i, f := range t.Fields {
		f.ID = i
	}
}
