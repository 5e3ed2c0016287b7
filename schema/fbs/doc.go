// Package fbs is the FlatBuffers schema (.fbs) front end: it lexes, parses
// and checks schema files and their includes and produces a resolved
// schema.Schema, or diagnostics in "file:line:col: message" form.
//
// Load is the entry point. It accepts the grammar flatc accepts: include
// and native_include, namespace, attribute declarations, tables and
// structs with metadata, enums (with bit_flags), unions (with aliases),
// fixed-length arrays in structs, root_type, file_identifier,
// file_extension, rpc_service, and a top-level JSON object after
// root_type (its syntax is checked, its content ignored). It fills every
// part of the model: a pointer for every type reference, the hidden
// `x_type` field before every union field (and vector of unions), field
// ids, struct layouts, enum values (bit_flags as masks) in value order,
// defaults, doc comments and positions.
//
// Names resolve as in flatc: a type name written in namespace A.B is looked
// up as A.B.Name, then A.Name, then Name; and an unqualified name not yet
// declared where it is used names the next table or struct declared with
// that name, in any namespace. Beyond flatc, enums may also be used before
// their declaration.
//
// The checks are flatc's (2.0.8: union members are tables, structs or
// strings, as for its C++ generator, though its Go generator takes only
// tables; string, vector and union defaults are refused; hex float
// defaults need an exponent; an empty file is an error), plus errors where flatc silently accepts nonsense: unknown
// `streaming` modes, `idempotent` with a value, built-in attributes where
// they mean nothing (`id` on a struct field, `force_align` on a table,
// ...), attributes given twice, bool defaults other than 0 and 1, float
// defaults out of range, union members sharing a value, duplicate values
// in ulong enums (flatc misses them; the Go output would not compile),
// structs that contain themselves (flatc crashes), 64-bit offsets
// (unsupported for Go).
//
// Diagnostics are collected, not returned at the first error: the parser
// skips to the end of the broken member or declaration and continues, and
// names are resolved and checked once every file parsed. Their number is
// capped by schema.Reporter. No input makes Load panic or run long; a fuzz
// target (FuzzLoad) holds it to that.
package fbs
