// Package schema is the one resolved model of a service schema that every
// wsgen front end produces and every emitter reads.
//
// The model is plain data: declarations with every name resolved to a
// pointer, every rule checked and every layout computed (struct sizes,
// alignment and padding, table field ids and vtable slots), each carrying
// its source position and doc comment. Front ends live in sub-packages
// (schema/fbs for .fbs files); this package does no I/O.
package schema
