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
// flatbuffers, and limits on table depth and count. Beyond C++, a table's
// fields must also lie inside the table's own inline size, as recorded in
// its vtable.
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
