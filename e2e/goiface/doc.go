// Package goiface checks Go-defined services against flatc: the schema
// wsgen -emit-fbs writes for testdata/goservices/kitchen, compiled by flatc
// 2.0.8, reads buffers the Go-defined code writes and writes buffers it
// reads. It keeps the flatc outputs under testdata/goservices/kitchen/flatc
// (which the core tests decode without flatc) in step with a live flatc.
package goiface
