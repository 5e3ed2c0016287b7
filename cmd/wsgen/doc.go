// Command wsgen generates Go code from FlatBuffers schemas: tables, structs,
// enums and unions with the API of flatc --go --gen-object-api, a verifier
// for every table, and typed RPC clients and servers for every rpc_service.
//
// Usage:
//
//	wsgen [-o DIR] [-pkg NAME] [-I DIR]... FILE.fbs...
//	wsgen [-o DIR] [-emit-fbs FILE] [-service NAME]... PACKAGE...
//
// wsgen reads the named schema files and every file they include, checks
// them, and writes one Go file per schema file that declares anything,
// named "<schema base name>.wsgen.go", into DIR (default: the current
// directory, created if missing). All output forms one Go package.
//
// The flags are:
//
//	-o DIR      write the generated files into DIR (default ".")
//	-pkg NAME   Go package name of the output; default $GOPACKAGE (set by
//	            go generate), else the last component of the first namespace
//	            declared by an input file, lower-cased
//	-I DIR      also search DIR for included files, after the including
//	            file's own directory; may be repeated
//	-version    print the version and exit
//	-h          print the usage text and exit
//
// The usual way to run it is from a go:generate line next to the schema:
//
//	//go:generate go run github.com/wsgen/wsgen/cmd/wsgen -pkg monster monster.fbs
//
// Errors in the schemas are reported all at once, one per line, as
// "file:line:col: message"; wsgen then writes nothing and exits with status
// 1. Usage errors exit with status 2.
//
// Output is deterministic, and a file whose content has not changed is not
// rewritten, so its modification time stays and build caches stay warm.
// Each file is written to a temporary file first and renamed into place.
//
// Declarations from several namespaces share the one Go package. A type
// keeps its schema name unless another namespace declares the same name; then
// every declaration with that name is prefixed by its namespace, components
// joined by "_": A.B.Monster becomes A_B_Monster.
//
// Arguments that do not end in ".fbs" are Go package patterns (".",
// "./api", "./..."); the two kinds cannot be mixed. wsgen then maps every
// interface whose doc comment has a //wsgen:service line (or that -service
// NAME names) and the structs and enums it uses, and writes
// "<package name>.wsgen.go" into each such package's directory (or into
// -o DIR): encoders, decoders and verifiers for the structs,
// Register<Service>Server and a <Service>Client that satisfies the
// interface. -emit-fbs FILE also writes the equivalent FlatBuffers schema
// (one package only). -pkg and -I apply to .fbs input only.
//
// See docs/generator.md in the repository for the generated API, and
// docs/go-services.md for services defined in Go.
package main
