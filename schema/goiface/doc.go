// Package goiface is the Go-interface front end: it loads Go packages with
// golang.org/x/tools/go/packages, finds the interfaces marked as services
// (a `//wsgen:service` line in the interface's doc comment, or named in
// Options.Interfaces) and turns them, and every struct and named integer
// type they use, into the same resolved schema model the .fbs front end
// produces, with Go bindings (schema.GoDecl, schema.GoField) that tell the
// emitters which Go type and field each declaration stands for.
//
// The mapping, the method shapes and the evolution rules are described in
// docs/go-services.md. Everything the loader cannot map is reported as a
// schema.Diagnostic at the offending declaration's file:line:col.
package goiface
