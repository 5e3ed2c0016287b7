package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema/fbs"
	"github.com/wsgen/wsgen/templates"
)

const wantGreeting = `SayHello("world") = "Hello, world!"
SayHelloRaw("world") = "Hello, world!"
SayHello("") failed: code invalid_argument, message "name is required"
`

func TestRunOneProcess(t *testing.T) {
	defer checkGoroutines(t)()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	if out.String() != wantGreeting {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), wantGreeting)
	}
}

// lines is an io.Writer that hands every complete line to a channel.
type lines struct {
	mu  sync.Mutex
	buf []byte
	ch  chan string
}

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		l.ch <- string(l.buf[:i])
		l.buf = l.buf[i+1:]
	}
}

func TestRunServeThenCall(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	serverOut := &lines{ch: make(chan string, 10)}
	served := make(chan error, 1)
	go func() { served <- run(ctx, []string{"-serve", "127.0.0.1:0"}, serverOut, &bytes.Buffer{}) }()
	var url string
	select {
	case line := <-serverOut.ch:
		var ok bool
		if url, ok = strings.CutPrefix(line, "serving on "); !ok {
			t.Fatalf("server printed %q", line)
		}
	case err := <-served:
		t.Fatalf("server ended: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}

	var out bytes.Buffer
	if err := run(ctx, []string{"-call", url, "-name", "Ada"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(strings.ReplaceAll(wantGreeting, `"world"`, `"Ada"`), "world!", "Ada!")
	if out.String() != want {
		t.Errorf("client output:\n%s\nwant:\n%s", out.String(), want)
	}

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("server: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop")
	}
}

func TestRunUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"both modes", []string{"-serve", "127.0.0.1:0", "-call", "ws://127.0.0.1:1/"}},
		{"stray argument", []string{"extra"}},
		{"unknown flag", []string{"-nope"}},
		{"nothing listens there", []string{"-call", "ws://127.0.0.1:1/"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := run(context.Background(), tc.args, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
				t.Error("run succeeded")
			}
		})
	}
}

// TestGeneratedCodeIsFresh regenerates api/greeter.wsgen.go in memory and
// compares it with the checked-in file (go test -update rewrites it).
func TestGeneratedCodeIsFresh(t *testing.T) {
	s, err := fbs.Load([]string{filepath.Join("api", "greeter.fbs")}, fbs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := templates.Generate(s, templates.Options{Package: "api"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "greeter.wsgen.go" {
		t.Fatalf("generated %d files", len(files))
	}
	golden.Check(t, filepath.Join("api", files[0].Name), files[0].Content)
	if _, err := os.Stat(filepath.Join("api", "doc.go")); err != nil {
		t.Error("api/doc.go with the go:generate line is missing")
	}
}

// checkGoroutines records the number of goroutines; the returned function
// fails t if, after a grace period, more are running (run must stop
// everything it started).
func checkGoroutines(t *testing.T) func() {
	before := goruntime.NumGoroutine()
	return func() {
		deadline := time.Now().Add(5 * time.Second)
		for goruntime.NumGoroutine() > before {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				t.Errorf("goroutines: %d before, %d after:\n%s", before, goruntime.NumGoroutine(), buf[:goruntime.Stack(buf, true)])
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}
