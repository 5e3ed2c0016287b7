package rpc

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/wsgen/wsgen/internal/golden"
)

// build compiles the program at import path pkg into dir and returns the
// binary's path.
func build(t *testing.T, dir, pkg string) string {
	t.Helper()
	bin := filepath.Join(dir, filepath.Base(pkg))
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// server is a serving process.
type server struct {
	cmd    *exec.Cmd
	url    string
	stderr bytes.Buffer
	done   chan struct{} // closed when the process exited; err is then set
	err    error
}

// startServer runs bin -serve 127.0.0.1:0 and waits for the address it
// prints. The process is killed when t ends if it still runs.
func startServer(t *testing.T, bin string) *server {
	t.Helper()
	s := &server{cmd: exec.Command(bin, "-serve", "127.0.0.1:0"), done: make(chan struct{})}
	s.cmd.Stderr = &s.stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		io.Copy(io.Discard, stdout)
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		select {
		case <-s.done:
		default:
			s.cmd.Process.Kill()
			<-s.done
		}
	})
	select {
	case line := <-lines:
		var ok bool
		if s.url, ok = strings.CutPrefix(line, "serving on "); !ok {
			t.Fatalf("server printed %q", line)
		}
	case <-s.done:
		t.Fatalf("server exited: %v\n%s", s.err, s.stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatal("server printed no address")
	}
	return s
}

// stop sends SIGTERM and requires a clean exit (status 0) after a graceful
// shutdown.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.done:
		if s.err != nil {
			t.Errorf("server exit: %v\n%s", s.err, s.stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not exit after SIGTERM")
	}
}

// call runs bin with args and stdin and returns its standard output.
func call(t *testing.T, bin, stdin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(bin), strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

func TestGreeterAcrossProcesses(t *testing.T) {
	bin := build(t, t.TempDir(), "github.com/wsgen/wsgen/examples/greeter")
	srv := startServer(t, bin)
	for _, name := range []string{"Ada", "Grace"} {
		got := call(t, bin, "", "-call", srv.url, "-name", name)
		want := `SayHello("` + name + `") = "Hello, ` + name + `!"
SayHelloRaw("` + name + `") = "Hello, ` + name + `!"
SayHello("") failed: code invalid_argument, message "name is required"
`
		if got != want {
			t.Errorf("client output:\n%s\nwant:\n%s", got, want)
		}
	}
	srv.stop(t)

	// With the server gone the client fails with a non-zero status.
	cmd := exec.Command(bin, "-call", srv.url)
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Errorf("client succeeded without a server:\n%s", out)
	}
}

func TestChatAcrossProcesses(t *testing.T) {
	bin := build(t, t.TempDir(), "github.com/wsgen/wsgen/examples/chat")
	srv := startServer(t, bin)
	first := call(t, bin, "hi from ann\n", "-call", srv.url, "-name", "ann")
	if !regexp.MustCompile(`(?m)^ann\s+sees #\d+ ann: hi from ann$`).MatchString(first) {
		t.Errorf("ann's output:\n%s", first)
	}
	// A second process sees the first one's post in the room's history.
	second := call(t, bin, "", "-call", srv.url, "-name", "bo")
	if !regexp.MustCompile(`(?m)^history sees #\d+ ann: hi from ann$`).MatchString(second) {
		t.Errorf("bo's output lacks ann's post in the history:\n%s", second)
	}
	srv.stop(t)
}

// TestOneProcessModes runs each example with no flags, as the README
// suggests, and requires a clean exit.
func TestOneProcessModes(t *testing.T) {
	dir := t.TempDir()
	for _, pkg := range []string{"github.com/wsgen/wsgen/examples/greeter", "github.com/wsgen/wsgen/examples/chat"} {
		bin := build(t, dir, pkg)
		if out := call(t, bin, ""); out == "" {
			t.Errorf("%s printed nothing", pkg)
		}
	}
}
