package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsgen/wsgen/examples/todo/api"
	"github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema/goiface"
	"github.com/wsgen/wsgen/templates"
)

const wantOutput = `added #1 "write the interface"
added #2 "run go generate"
added #3 "ship it"
empty item rejected: invalid_argument: an item needs a title
code: #1 "write the interface", no due date
code: #2 "run go generate", due 2030-01-02 15:04:05
`

// TestRun runs the whole example: server and generated client over TCP.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != wantOutput {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), wantOutput)
	}
}

// TestSameBehaviourInProcess runs the same code against the store itself:
// the client and the implementation satisfy the same interface.
func TestSameBehaviourInProcess(t *testing.T) {
	var out bytes.Buffer
	if err := use(context.Background(), &store{}, &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != wantOutput {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), wantOutput)
	}
}

// TestGeneratedCodeIsFresh regenerates api/api.wsgen.go from api/todo.go
// and fails if the checked-in file differs (run go generate ./examples/todo/...
// or go test -update).
func TestGeneratedCodeIsFresh(t *testing.T) {
	pkgs, err := goiface.Load([]string{"./api"}, goiface.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := templates.GenerateGo(pkgs[0].Schema, templates.GoOptions{Package: pkgs[0].Name, ImportPath: pkgs[0].Path})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("api", f.Name), f.Content)
	old, err := os.ReadFile(filepath.Join("api", f.Name))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(old), "var _ Todo = (*TodoClient)(nil)") {
		t.Error("the client does not assert that it satisfies Todo")
	}
	var _ api.Todo = api.NewTodoClient(nil)
}
