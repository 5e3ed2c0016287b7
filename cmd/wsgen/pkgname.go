package main

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wsgen/wsgen/schema"
)

// packageName decides the Go package name of the output: the -pkg flag,
// else $GOPACKAGE, else the last namespace component of the first input file
// that declares a namespace.
func packageName(flagPkg string, env func(string) string, s *schema.Schema, inputs []string) (string, error) {
	if flagPkg != "" {
		return flagPkg, checkPackageName(flagPkg, "-pkg")
	}
	if p := env("GOPACKAGE"); p != "" {
		return p, checkPackageName(p, "$GOPACKAGE")
	}
	ns := firstNamespace(s, inputs)
	if len(ns) == 0 {
		return "", fmt.Errorf("no package name: pass -pkg NAME (no input file declares a namespace and $GOPACKAGE is not set)")
	}
	name := goIdent(strings.ToLower(ns[len(ns)-1]))
	return name, checkPackageName(name, fmt.Sprintf("package name %q derived from namespace %s", name, strings.Join(ns, ".")))
}

// checkPackageName reports whether name can be a Go package name; what says
// where the name came from.
func checkPackageName(name, what string) error {
	if !token.IsIdentifier(name) {
		return fmt.Errorf("%s: %q is not a valid Go package name", what, name)
	}
	if name == "_" {
		return fmt.Errorf("%s: %q cannot be a Go package name", what, name)
	}
	return nil
}

// firstNamespace returns the namespace of the first declaration (in source
// order) with a namespace, in the first input file, in command-line order,
// that has one.
func firstNamespace(s *schema.Schema, inputs []string) []string {
	all := s.Decls()
	for _, f := range inputOrder(s, inputs) {
		var best *schema.Decl
		for _, d := range all {
			if d.File != f || len(d.Namespace) == 0 {
				continue
			}
			if best == nil || d.Pos.Before(best.Pos) {
				best = d
			}
		}
		if best != nil {
			return best.Namespace
		}
	}
	return nil
}

// inputOrder returns the input files of s in the order they were named on
// the command line; files it cannot match keep the model's order, after them.
func inputOrder(s *schema.Schema, inputs []string) []*schema.File {
	var out []*schema.File
	seen := map[*schema.File]bool{}
	for _, in := range inputs {
		c := filepath.Clean(in)
		for _, f := range s.Files {
			if !seen[f] && f.Input && filepath.Clean(f.Path) == c {
				out = append(out, f)
				seen[f] = true
			}
		}
	}
	for _, f := range s.Files {
		if !seen[f] && f.Input {
			out = append(out, f)
			seen[f] = true
		}
	}
	return out
}

// goIdent turns s into a Go identifier: characters that cannot appear in one
// become "_", a leading digit gets a "_" before it, and a keyword gets one
// after it.
func goIdent(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
			b.WriteRune(r)
		case unicode.IsDigit(r):
			if i == 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	out := b.String()
	if out == "" || !utf8.ValidString(out) {
		return "_"
	}
	if token.IsKeyword(out) {
		out += "_"
	}
	return out
}
