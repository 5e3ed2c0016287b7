package goiface_test

import (
	"fmt"
	"log"

	"github.com/wsgen/wsgen/schema/goiface"
)

// Load the golden kitchen package and list what it maps to.
func ExampleLoad() {
	pkgs, err := goiface.Load([]string{"."}, goiface.Options{Dir: "../../testdata/goservices/kitchen"})
	if err != nil {
		log.Fatal(err)
	}
	s := pkgs[0].Schema
	for _, sv := range s.Services {
		for _, m := range sv.Methods {
			fmt.Printf("%s.%s(%s): %s streaming=%s\n", sv.FullName(), m.Name, m.Request.Name, m.Response.Name, m.Streaming)
		}
	}
	for _, f := range s.Tables[len(s.Tables)-1].Fields {
		fmt.Printf("%s id=%d %s deprecated=%v\n", f.Name, f.ID, f.Type.Kind, f.Deprecated)
	}
	// Output:
	// kitchen.Kitchen.Put(Item): Receipt streaming=none
	// kitchen.Kitchen.Watch(Query): Item streaming=server
	// kitchen.Kitchen.Upload(Item): Receipt streaming=client
	// kitchen.Kitchen.Echo(Item): Item streaming=bidi
	// kitchen.Archive.Store(Versioned): Retired streaming=none
	// kitchen.Archive.Replay(Item): Item streaming=bidi
	// name id=0 string deprecated=false
	// removed_1 id=1 bool deprecated=true
	// note id=2 string deprecated=false
}
