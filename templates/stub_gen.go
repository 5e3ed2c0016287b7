package templates

// Placeholder emitters; each is replaced by its own file (enum.go, union.go,
// struct.go, table.go). Delete a line here when its real emitter lands.

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

func (g *gen) enum(f *jen.File, e *schema.Enum)         {}
func (g *gen) union(f *jen.File, u *schema.Union)       {}
func (g *gen) structDecl(f *jen.File, s *schema.Struct) {}
func (g *gen) table(f *jen.File, t *schema.Table)       {}
