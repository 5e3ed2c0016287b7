package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The idle-connection measurement runs the server in a child process, so
// that the client connections (in the benchmark process) do not count: the
// test binary re-executes itself with childEnv set to a system name (see
// TestMain). The child prints "addr HOST:PORT", then answers each "mem"
// line on its stdin with one memSample line, and exits when stdin closes.
const childEnv = "WSGEN_BENCH_IDLE_SERVER"

// heapProfileEnv, when set in the child's environment, names a file to
// which the child writes a heap profile at each "mem" request (the last one
// shows the connections' memory by allocation site).
const heapProfileEnv = "WSGEN_BENCH_IDLE_HEAPPROFILE"

// memSample is one memory reading of a process, after garbage collection.
type memSample struct {
	Heap       uint64 // runtime.MemStats.HeapInuse
	Stack      uint64 // runtime.MemStats.StackInuse
	RSS        uint64 // VmRSS from /proc/self/status (0 if unavailable)
	Goroutines int
}

func (m memSample) String() string {
	return fmt.Sprintf("mem heap=%d stack=%d rss=%d goroutines=%d", m.Heap, m.Stack, m.RSS, m.Goroutines)
}

// parseMemSample parses memSample.String's output.
func parseMemSample(line string) (memSample, error) {
	var m memSample
	_, err := fmt.Sscanf(strings.TrimSpace(line), "mem heap=%d stack=%d rss=%d goroutines=%d", &m.Heap, &m.Stack, &m.RSS, &m.Goroutines)
	return m, err
}

// sampleMem collects garbage and reads this process's memory.
func sampleMem() memSample {
	runtime.GC()
	debug.FreeOSMemory()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memSample{Heap: ms.HeapInuse, Stack: ms.StackInuse, RSS: readRSS(), Goroutines: runtime.NumGoroutine()}
}

// readRSS returns VmRSS in bytes, or 0.
func readRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmRSS:")); ok {
			f := strings.Fields(string(rest))
			if len(f) >= 1 {
				kb, _ := strconv.ParseUint(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// runIdleChild is the child process: it serves system name until stdin
// closes. It returns the process exit code.
func runIdleChild(name string, stdin io.Reader, stdout io.Writer) int {
	s := systemNamed(name)
	if s == nil {
		fmt.Fprintf(os.Stderr, "idle child: unknown system %q\n", name)
		return 2
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "idle child:", err)
		return 1
	}
	stop, err := s.serve(l)
	if err != nil {
		fmt.Fprintln(os.Stderr, "idle child:", err)
		return 1
	}
	defer stop()
	fmt.Fprintf(stdout, "addr %s\n", l.Addr())
	sc := bufio.NewScanner(stdin)
	for sc.Scan() {
		if sc.Text() == "mem" {
			m := sampleMem()
			if path := os.Getenv(heapProfileEnv); path != "" {
				if err := writeHeapProfile(path); err != nil {
					fmt.Fprintln(os.Stderr, "idle child:", err)
				}
			}
			fmt.Fprintln(stdout, m)
		}
	}
	return 0
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// idleServer is a child process serving one system.
type idleServer struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	addr string
}

// startIdleServer starts the child for system name.
func startIdleServer(name string) (*idleServer, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+name, "GOGC=100")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &idleServer{cmd: cmd, in: in, out: bufio.NewReader(out)}
	line, err := s.out.ReadString('\n')
	if err != nil {
		s.close()
		return nil, fmt.Errorf("idle child: %v", err)
	}
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "addr ")
	if !ok {
		s.close()
		return nil, fmt.Errorf("idle child said %q", line)
	}
	s.addr = addr
	return s, nil
}

// mem asks the child for a memory sample.
func (s *idleServer) mem() (memSample, error) {
	if _, err := io.WriteString(s.in, "mem\n"); err != nil {
		return memSample{}, err
	}
	line, err := s.out.ReadString('\n')
	if err != nil {
		return memSample{}, err
	}
	return parseMemSample(line)
}

func (s *idleServer) close() error {
	s.in.Close()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		return <-done
	}
}

// idleResult is the memory cost of n idle connections.
type idleResult struct {
	n                    int
	server, client       memSample // after connecting minus before
	serverRSS, clientRSS int64
}

// loopbackSource returns the local address of the i-th connection: the
// connections are spread over 127.0.0.1-127.0.0.16 so that no source
// address needs more than a few thousand ephemeral ports.
func loopbackSource(i int) *net.TCPAddr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(1+i%16))}
}

// measureIdle connects n clients of s to a child-process server, makes one
// unary call on each, waits settle, and returns the memory both sides
// gained. The clients are closed before it returns.
func measureIdle(tb testing.TB, s *system, n int, settle time.Duration) idleResult {
	tb.Helper()
	srv, err := startIdleServer(s.name)
	if err != nil {
		tb.Fatal(err)
	}
	defer srv.close()
	s0, err := srv.mem()
	if err != nil {
		tb.Fatal(err)
	}
	c0 := sampleMem()
	clients := make([]client, n)
	defer func() {
		parallel(n, 64, func(i int) error {
			if clients[i] != nil {
				clients[i].close()
			}
			return nil
		})
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	body := payload(32)
	err = parallel(n, 64, func(i int) error {
		c, err := s.dial(ctx, srv.addr, loopbackSource(i))
		if err != nil {
			return fmt.Errorf("connection %d: %w", i, err)
		}
		clients[i] = c
		if err := c.unary(ctx, uint64(i), body); err != nil {
			return fmt.Errorf("connection %d: %w", i, err)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("%s: %v", s.name, err)
	}
	time.Sleep(settle)
	s1, err := srv.mem()
	if err != nil {
		tb.Fatal(err)
	}
	c1 := sampleMem()
	return idleResult{
		n:         n,
		server:    memSample{Heap: s1.Heap - s0.Heap, Stack: s1.Stack - s0.Stack, Goroutines: s1.Goroutines - s0.Goroutines},
		client:    memSample{Heap: c1.Heap - c0.Heap, Stack: c1.Stack - c0.Stack, Goroutines: c1.Goroutines - c0.Goroutines},
		serverRSS: int64(s1.RSS) - int64(s0.RSS),
		clientRSS: int64(c1.RSS) - int64(c0.RSS),
	}
}

// perConn returns (heap+stack)/n of m.
func (r idleResult) perConn(m memSample) float64 {
	return float64(int64(m.Heap+m.Stack)) / float64(r.n)
}
