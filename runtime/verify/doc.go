// Package verify is the FlatBuffers buffer verifier that wsgen's generated
// VerifyXBuffer functions are built on: it checks, before any accessor runs,
// that every offset, vtable, string, vector, union and nested buffer a
// generated accessor could follow lies inside the buffer.
//
// The checks are those of the C++ flatbuffers::Verifier: buffer size limits,
// the root offset, each table's vtable (in range, aligned, even size), every
// present field (in range and aligned), strings (length in range, NUL
// terminated), vectors (length times element size in range, without
// overflow), required fields, unions and vectors of unions, nested
// flatbuffers, and limits on table depth and count. Union values of a type
// the schema does not know are accepted without being followed, as in C++:
// no accessor can reach them.
//
// Like C++, it ignores the table size a vtable records: the Go and Python
// builders share one vtable among tables whose fields sit at the same
// offsets, whatever their sizes, so each field is checked against the
// buffer instead.
//
// It is stricter than C++ in two ways that no FlatBuffers builder's output
// trips: a vtable must be at least 4 bytes; and nesting depth and table
// count carry on into nested flatbuffers (C++ restarts them), so nesting
// cannot recurse without bound.
//
// The zero Options are C++'s defaults, under which a small buffer whose
// sub-tables are shared (reached through many offsets) can cost a million
// table visits. Options.ForUntrusted bounds the work linearly in the
// buffer's size, for payloads from untrusted peers; generated code offers
// it as VerifyXBufferUntrusted.
//
// Generated code calls the methods of Verifier, one or a few per field, and
// wraps the errors they return with AtField and AtElem so that an Error names
// the path to the bad field. Verification allocates nothing unless it fails.
//
// Users normally call only the generated functions:
//
//	if err := VerifyMonsterBuffer(buf); err != nil {
//		// reject buf; errors.As(err, new(*verify.Error)) holds
//	}
//	m := GetRootAsMonster(buf, 0) // cannot panic now
package verify
