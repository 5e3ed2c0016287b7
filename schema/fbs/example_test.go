package fbs_test

import (
	"fmt"

	"github.com/wsgen/wsgen/schema/fbs"
)

func ExampleLoad() {
	files := map[string]string{
		"greeter.fbs": `
namespace demo;

/// A request to greet someone.
table HelloRequest { name: string; }
table HelloReply { message: string; }

rpc_service Greeter {
  SayHello(HelloRequest): HelloReply;
  SayMany(HelloRequest): HelloReply (streaming: "server");
}
`,
	}
	read := func(path string) ([]byte, error) {
		if s, ok := files[path]; ok {
			return []byte(s), nil
		}
		return nil, fmt.Errorf("%s: no such file", path)
	}
	s, err := fbs.Load([]string{"greeter.fbs"}, fbs.Options{ReadFile: read})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range s.Tables {
		fmt.Println("table", t.FullName(), t.Doc)
	}
	for _, m := range s.Services[0].Methods {
		fmt.Printf("rpc %s(%s): %s streaming=%s\n", m.Name, m.Request.Name, m.Response.Name, m.Streaming)
	}

	// Errors come back as diagnostics with positions.
	_, err = fbs.Load([]string{"bad.fbs"}, fbs.Options{ReadFile: func(string) ([]byte, error) {
		return []byte("table T { a: Missing; }"), nil
	}})
	fmt.Println(err)
	// Output:
	// table demo.HelloRequest [A request to greet someone.]
	// table demo.HelloReply []
	// rpc SayHello(HelloRequest): HelloReply streaming=none
	// rpc SayMany(HelloRequest): HelloReply streaming=server
	// bad.fbs:1:14: unknown type Missing
}
