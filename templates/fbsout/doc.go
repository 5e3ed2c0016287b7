// Package fbsout prints a resolved schema model as FlatBuffers schema
// source (.fbs). wsgen uses it for -emit-fbs: a service defined in Go is
// written as the equivalent .fbs, which wsgen's own .fbs front end and
// flatc load, so clients in other languages can be generated from it.
package fbsout
