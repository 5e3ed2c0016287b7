package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/wsgen/wsgen/schema"
	"github.com/wsgen/wsgen/schema/fbs"
	"github.com/wsgen/wsgen/templates"
)

// Exit statuses.
const (
	exitOK    = 0
	exitInput = 1 // errors in the schemas, or output that could not be written
	exitUsage = 2 // bad flags or arguments
)

const modulePath = "github.com/wsgen/wsgen"

const usageText = `usage: wsgen [-o DIR] [-pkg NAME] [-I DIR]... FILE.fbs...
       wsgen [-o DIR] [-emit-fbs FILE] [-service NAME]... PACKAGE...

wsgen reads FlatBuffers schema files (and every file they include) and writes
Go code for them: tables, structs, enums and unions with the API of
flatc --go --gen-object-api, a verifier for every table, and typed RPC
clients and servers for every rpc_service.

Flags:
  -o DIR     write the generated files into DIR (default ".", created if
             missing)
  -pkg NAME  Go package name of the generated code. Default: $GOPACKAGE (set
             by go generate), else the last component of the first namespace
             declared by an input file, lower-cased (namespace MyGame.Sample
             gives package sample), else an error
  -I DIR     also search DIR for included files, after the directory of the
             including file; may be repeated, searched in order
  -version   print the version and exit
  -h         print this text and exit

Output:
  One file per schema file that declares anything, input or included, named
  "<schema base name>.wsgen.go" (a "_2", "_3"... suffix keeps two schema files
  with the same base name apart), all in DIR and in one Go package. Files are
  written atomically, and only when their content changed. Nothing is written
  when there are errors.

Names:
  Types keep their schema names. All namespaces share one Go package, so when
  two namespaces declare the same name, each of those declarations is prefixed
  with its namespace, components joined by "_": A.B.Monster -> A_B_Monster.
  Names that are unique stay as written. A Go keyword gets a "_" appended.

Errors:
  Problems in the schemas are printed to standard error, all at once, one per
  line as "file:line:col: message"; the exit status is then 1. Usage errors
  exit with status 2.

Examples:
  wsgen -pkg monster monster.fbs
  wsgen -o internal/gen -I schemas/common schemas/api.fbs schemas/events.fbs

  In a Go source file next to the schema, for go generate:
  //go:generate go run github.com/wsgen/wsgen/cmd/wsgen -pkg monster monster.fbs
`

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run is the whole command: it parses args, reads the schemas, generates
// and writes the code, and returns the exit status. env looks up
// environment variables.
func run(args []string, env func(string) string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("wsgen", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	var (
		outDir      = fl.String("o", ".", "")
		pkg         = fl.String("pkg", "", "")
		showVersion = fl.Bool("version", false, "")
		goFlags     = addGoFlags(fl)
		includeDirs []string
	)
	fl.Func("I", "", func(dir string) error {
		if dir == "" {
			return errors.New("empty include directory")
		}
		includeDirs = append(includeDirs, dir)
		return nil
	})
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usageText+goUsage)
			return exitOK
		}
		return usageError(stderr, err.Error())
	}
	if *showVersion {
		fmt.Fprintf(stdout, "wsgen %s\n", version())
		return exitOK
	}
	inputs := fl.Args()
	if len(inputs) == 0 {
		return usageError(stderr, "no schema files given")
	}
	if *outDir == "" {
		return usageError(stderr, "-o: empty output directory")
	}
	for _, in := range inputs {
		if strings.HasPrefix(in, "-") {
			return usageError(stderr, fmt.Sprintf("flag %s after the schema files: flags go first", in))
		}
	}

	if goInput, mixed := isGoInput(inputs); mixed {
		return usageError(stderr, "Go package patterns and .fbs files cannot be mixed")
	} else if goInput {
		set := map[string]bool{}
		fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if set["pkg"] || set["I"] {
			return usageError(stderr, "-pkg and -I apply to .fbs input only (Go packages keep their own name)")
		}
		if !set["o"] {
			*outDir = ""
		}
		return runGo(inputs, *outDir, goFlags, stderr)
	} else if goFlags.used() {
		return usageError(stderr, "-emit-fbs and -service work with Go packages only")
	}
	s, err := fbs.Load(inputs, fbs.Options{IncludeDirs: includeDirs})
	if err != nil {
		var ds schema.Diagnostics
		if errors.As(err, &ds) {
			fmt.Fprintln(stderr, ds.Error())
		} else {
			fmt.Fprintf(stderr, "wsgen: %v\n", err)
		}
		return exitInput
	}
	if len(s.Decls()) == 0 {
		fmt.Fprintln(stderr, "wsgen: the schemas declare nothing to generate")
		return exitInput
	}
	name, err := packageName(*pkg, env, s, inputs)
	if err != nil {
		return usageError(stderr, err.Error())
	}
	files, err := templates.Generate(s, templates.Options{Package: name})
	if err != nil {
		fmt.Fprintf(stderr, "wsgen: %v\n", err)
		return exitInput
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "wsgen: the schemas declare nothing to generate")
		return exitInput
	}
	if _, err := writeFiles(*outDir, files); err != nil {
		fmt.Fprintf(stderr, "wsgen: %v\n", err)
		return exitInput
	}
	return exitOK
}

func usageError(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "wsgen: %s\nusage: wsgen [-o DIR] [-pkg NAME] [-I DIR]... FILE.fbs...\nRun 'wsgen -h' for details.\n", msg)
	return exitUsage
}

// version reports the version of the wsgen module this binary was built
// from: a release version, or "(devel)" with the VCS revision when known.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := ""
	if bi.Main.Path == modulePath {
		v = bi.Main.Version
	}
	for _, d := range bi.Deps {
		if d.Path == modulePath {
			v = d.Version
		}
	}
	if v == "" {
		v = "(devel)"
	}
	for _, st := range bi.Settings {
		if st.Key == "vcs.revision" && v == "(devel)" {
			rev := st.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
			v += " " + rev
		}
	}
	return v
}
