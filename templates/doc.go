// Package templates turns a resolved schema model into Go source.
//
// Each emitter reads the model (package schema) and builds Go code with
// dave/jennifer; Generate renders one gofmt-clean file per schema file. The
// package never imports the runtime: runtime identifiers are named by import
// path.
package templates
