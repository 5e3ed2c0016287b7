// Package mutate damages FlatBuffers for the verifier tests: Buffer returns
// a copy of a buffer changed in one of the ways that find verifier gaps.
// It is shared by the deterministic twins of the fuzz targets in
// runtime/verify and internal/goldentest.
package mutate
