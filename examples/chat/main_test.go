package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/schema/fbs"
	"github.com/wsgen/wsgen/templates"
)

const wantDemo = `alice sees #1 room: alice joined
alice sees #2 room: bob joined
bob   sees #2 room: bob joined
alice sees #3 alice: hi bob
bob   sees #3 alice: hi bob
alice sees #4 bob: hi alice, bye
bob   sees #4 bob: hi alice, bye
alice sees #5 room: bob left
last 3 messages:
  #4 bob: hi alice, bye
  #5 room: bob left
  #6 room: alice left
`

func TestRunOneProcess(t *testing.T) {
	defer checkGoroutines(t)()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.String())
	}
	if out.String() != wantDemo {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), wantDemo)
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writers, and it hands
// the first line to first.
type syncBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	first chan string // receives the first line, if not nil
	sent  bool        // the first line was handed over
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, _ := b.buf.Write(p)
	if b.first != nil && !b.sent {
		if line, _, ok := strings.Cut(b.buf.String(), "\n"); ok {
			b.first <- line
			b.sent = true
		}
	}
	return n, nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRunServeThenChatFromLines(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	serverOut := &syncBuffer{first: make(chan string, 1)}
	served := make(chan error, 1)
	go func() { served <- run(ctx, []string{"-serve", "127.0.0.1:0"}, nil, serverOut, &bytes.Buffer{}) }()
	var url string
	select {
	case line := <-serverOut.first:
		var ok bool
		if url, ok = strings.CutPrefix(line, "serving on "); !ok {
			t.Fatalf("server printed %q", line)
		}
	case err := <-served:
		t.Fatalf("server ended: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}

	// Two sessions one after the other: the second sees the first's posts
	// in the history.
	for i, name := range []string{"ann", "cy"} {
		out := &syncBuffer{}
		in := strings.NewReader("hello from " + name + "\nbye\n")
		if err := run(ctx, []string{"-call", url, "-name", name}, in, out, &bytes.Buffer{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := out.String()
		for _, re := range []string{
			`(?m)^` + name + `\s+sees #\d+ ` + name + `: hello from ` + name + `$`,
			`(?m)^` + name + `\s+sees #\d+ ` + name + `: bye$`,
		} {
			if !regexp.MustCompile(re).MatchString(got) {
				t.Errorf("%s: output lacks %s:\n%s", name, re, got)
			}
		}
		if i == 1 && !strings.Contains(got, "history sees") || i == 1 && !strings.Contains(got, "ann: hello from ann") {
			t.Errorf("%s: history lacks ann's posts:\n%s", name, got)
		}
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
			if err := run(context.Background(), tc.args, strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
				t.Error("run succeeded")
			}
		})
	}
}

// TestRoomNeedsAName: Chat without the x-user metadata is InvalidArgument.
func TestRoomNeedsAName(t *testing.T) {
	r := newRoom()
	err := r.Chat(context.Background(), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "invalid_argument") {
		t.Errorf("got %v", err)
	}
}

// TestGeneratedCodeIsFresh regenerates api/chat.wsgen.go in memory and
// compares it with the checked-in file (go test -update rewrites it).
func TestGeneratedCodeIsFresh(t *testing.T) {
	s, err := fbs.Load([]string{filepath.Join("api", "chat.fbs")}, fbs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := templates.Generate(s, templates.Options{Package: "api"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "chat.wsgen.go" {
		t.Fatalf("generated %d files", len(files))
	}
	golden.Check(t, filepath.Join("api", files[0].Name), files[0].Content)
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
