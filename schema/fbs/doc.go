// Package fbs is the FlatBuffers schema (.fbs) front end: it lexes, parses
// and checks schema files and their includes and produces a resolved
// schema.Schema, or diagnostics in "file:line:col: message" form.
package fbs
