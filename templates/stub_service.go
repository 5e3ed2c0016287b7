package templates

// Placeholder service emitter; replaced by service.go (client and server
// code come with the runtime).

import (
	"github.com/dave/jennifer/jen"
	"github.com/wsgen/wsgen/schema"
)

func (g *gen) service(f *jen.File, sv *schema.Service) {}
