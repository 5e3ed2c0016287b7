package templates

// Placeholder verifier emitters; replaced by verify.go.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

func (g *gen) unionVerifier(f *jen.File, u *schema.Union)   {}
func (g *gen) structVerifier(f *jen.File, s *schema.Struct) {}
func (g *gen) tableVerifier(f *jen.File, t *schema.Table)   {}
