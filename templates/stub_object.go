package templates

// Placeholder object-API emitters; replaced by object.go.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

func (g *gen) unionObject(f *jen.File, u *schema.Union)   {}
func (g *gen) structObject(f *jen.File, s *schema.Struct) {}
func (g *gen) tableObject(f *jen.File, t *schema.Table)   {}
