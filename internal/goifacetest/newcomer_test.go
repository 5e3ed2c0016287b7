package goifacetest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The acceptance test of Go-defined services: a newcomer writes an
// interface with two structs and one //go:generate line, runs go generate,
// and has a working server and client with no other input.
const newcomerAPI = `package api

import (
	"context"
	"iter"
)

//go:generate go run github.com/wsgen/wsgen/cmd/wsgen .

// Greeter greets.
//
//wsgen:service
type Greeter interface {
	Greet(ctx context.Context, req *Hello) (*Reply, error)
	Chat(ctx context.Context, reqs iter.Seq2[*Hello, error]) iter.Seq2[*Reply, error]
}

type Hello struct{ Name string }

type Reply struct {
	Text  string
	Count int
}
`

const newcomerMain = `package main

import (
	"context"
	"fmt"
	"iter"
	"net"

	"github.com/wsgen/wsgen/internal/goifacetest/%s/api"
	"github.com/wsgen/wsgen/runtime"
)

type greeter struct{}

func (greeter) Greet(ctx context.Context, h *api.Hello) (*api.Reply, error) {
	return &api.Reply{Text: "hello, " + h.Name, Count: 1}, nil
}

func (greeter) Chat(ctx context.Context, reqs iter.Seq2[*api.Hello, error]) iter.Seq2[*api.Reply, error] {
	return func(yield func(*api.Reply, error) bool) {
		n := 0
		for h, err := range reqs {
			if err != nil {
				yield(nil, err)
				return
			}
			n++
			if !yield(&api.Reply{Text: "hi " + h.Name, Count: n}, nil) {
				return
			}
		}
	}
}

func main() {
	srv := runtime.NewServer()
	if err := api.RegisterGreeterServer(srv, greeter{}); err != nil {
		panic(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go srv.Serve(l)
	defer srv.Close()
	cc, err := runtime.Dial(context.Background(), "ws://"+l.Addr().String()+"/")
	if err != nil {
		panic(err)
	}
	defer cc.Close()
	var g api.Greeter = api.NewGreeterClient(cc)
	r, err := g.Greet(context.Background(), &api.Hello{Name: "Ada"})
	fmt.Println(r.Text, r.Count, err)
	names := func(yield func(*api.Hello, error) bool) {
		for _, n := range []string{"a", "b"} {
			if !yield(&api.Hello{Name: n}, nil) {
				return
			}
		}
	}
	for r, err := range g.Chat(context.Background(), names) {
		fmt.Println(r.Text, r.Count, err)
	}
}
`

func TestNewcomer(t *testing.T) {
	dir, err := os.MkdirTemp("testdata", "newcomer-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.MkdirAll(filepath.Join(dir, "api"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("api/api.go", newcomerAPI)
	write("main.go", fmtMain(filepath.Base(dir)))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, "go", args...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("generate", "./"+filepath.ToSlash(filepath.Join(dir, "api")))
	if _, err := os.Stat(filepath.Join(dir, "api", "api.wsgen.go")); err != nil {
		t.Fatalf("go generate wrote nothing: %v", err)
	}
	got := run("run", "./"+filepath.ToSlash(dir))
	want := "hello, Ada 1 <nil>\nhi a 1 <nil>\nhi b 2 <nil>\n"
	if got != want {
		t.Errorf("program output:\n%s\nwant:\n%s", got, want)
	}
}

// fmtMain fills the import path of the generated api package into main.go.
func fmtMain(dir string) string {
	return strings.Replace(newcomerMain, "%s", "testdata/"+dir, 1)
}
