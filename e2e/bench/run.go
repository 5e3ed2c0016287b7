package bench

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// env is a running server of one system with clients connected to it.
type env struct {
	stop    func()
	addr    string
	clients []client
}

// startEnv starts s's server on a loopback port and dials conns clients,
// each checked with one call. Cleanup stops everything.
func startEnv(tb testing.TB, s *system, conns int) *env {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	stop, err := s.serve(l)
	if err != nil {
		l.Close()
		tb.Fatal(err)
	}
	e := &env{stop: stop, addr: l.Addr().String()}
	tb.Cleanup(e.close)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e.clients = make([]client, conns)
	err = parallel(conns, 16, func(i int) error {
		c, err := s.dial(ctx, e.addr, nil)
		if err != nil {
			return err
		}
		e.clients[i] = c
		return c.unary(ctx, 1, payload(8))
	})
	if err != nil {
		tb.Fatalf("%s: %v", s.name, err)
	}
	return e
}

func (e *env) close() {
	for _, c := range e.clients {
		if c != nil {
			c.close()
		}
	}
	e.stop()
}

// parallel runs f(0..n-1) on up to workers goroutines and returns the first
// error.
func parallel(n, workers int, f func(i int) error) error {
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for range min(n, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// cpuTime returns the process's user plus system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ioCalls returns the process's read and write system calls so far (syscr
// and syscw of /proc/self/io: read, readv, write, writev and the like), or
// ok false where that file is missing.
func ioCalls() (reads, writes uint64, ok bool) {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0, 0, false
	}
	var found int
	for line := range strings.Lines(string(b)) {
		k, v, _ := strings.Cut(strings.TrimSpace(line), ": ")
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "syscr":
			reads, found = n, found+1
		case "syscw":
			writes, found = n, found+1
		}
	}
	return reads, writes, found == 2
}

// meter measures one benchmark run: wall time, CPU time, read and write
// system calls and (through b) allocations, from start to stop.
type meter struct {
	b             *testing.B
	wall0         time.Time
	cpu0          time.Duration
	rd0, wr0      uint64
	wall, cpu     time.Duration
	reads, writes uint64
	ioOK0, ioOK   bool
}

func startMeter(b *testing.B) *meter {
	m := &meter{b: b}
	b.ReportAllocs()
	b.ResetTimer()
	m.rd0, m.wr0, m.ioOK0 = ioCalls()
	m.cpu0 = cpuTime()
	m.wall0 = time.Now()
	return m
}

func (m *meter) stop() {
	m.wall = time.Since(m.wall0)
	m.cpu = cpuTime() - m.cpu0
	rd, wr, ok := ioCalls()
	m.reads, m.writes, m.ioOK = rd-m.rd0, wr-m.wr0, ok && m.ioOK0
	m.b.StopTimer()
}

// report adds the rate (unit: "calls/s" or "msgs/s"), CPU time and read and
// write system calls per operation (client and server together).
func (m *meter) report(rateUnit string) {
	n := float64(m.b.N)
	if m.wall > 0 {
		m.b.ReportMetric(n/m.wall.Seconds(), rateUnit)
	}
	m.b.ReportMetric(float64(m.cpu.Nanoseconds())/n, "cpu-ns/op")
	if m.ioOK {
		m.b.ReportMetric(float64(m.reads)/n, "rd-sys/op")
		m.b.ReportMetric(float64(m.writes)/n, "wr-sys/op")
	}
}

// reportLatency adds the percentiles of h.
func reportLatency(b *testing.B, h *Histogram) {
	for _, p := range []struct {
		q    float64
		unit string
	}{{0.5, "p50-ns"}, {0.9, "p90-ns"}, {0.99, "p99-ns"}, {0.999, "p99.9-ns"}} {
		b.ReportMetric(float64(h.Quantile(p.q).Nanoseconds()), p.unit)
	}
}

// runUnary runs b.N unary calls of body from callers goroutines spread
// round-robin over the clients of e, and reports rate, latency and CPU.
func runUnary(b *testing.B, e *env, callers int, body []byte) {
	hists := make([]Histogram, callers)
	ctx := context.Background()
	var (
		next   atomic.Int64
		wg     sync.WaitGroup
		failed atomic.Bool
	)
	m := startMeter(b)
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, h := e.clients[i%len(e.clients)], &hists[i]
			for {
				seq := next.Add(1)
				if seq > int64(b.N) || failed.Load() {
					return
				}
				t0 := time.Now()
				err := c.unary(ctx, uint64(seq), body)
				h.Record(time.Since(t0))
				if err != nil {
					if !failed.Swap(true) {
						b.Errorf("call %d: %v", seq, err)
					}
					return
				}
			}
		}()
	}
	wg.Wait()
	m.stop()
	for i := 1; i < callers; i++ {
		hists[0].Merge(&hists[i])
	}
	m.report("calls/s")
	reportLatency(b, &hists[0])
}

// streamKind selects the streaming case.
type streamKind int

const (
	serverStreaming streamKind = iota
	bidiStreaming
)

func (k streamKind) String() string {
	if k == bidiStreaming {
		return "bidi"
	}
	return "server"
}

// runStream moves b.N messages of body over one stream of e's first client
// and reports messages per second and CPU per message.
func runStream(b *testing.B, e *env, kind streamKind, body []byte) {
	ctx := context.Background()
	c := e.clients[0]
	m := startMeter(b)
	var err error
	switch kind {
	case serverStreaming:
		err = c.serverStream(ctx, b.N, body)
	case bidiStreaming:
		err = c.bidi(ctx, b.N, body)
	default:
		err = fmt.Errorf("unknown stream kind %d", kind)
	}
	m.stop()
	if err != nil {
		b.Fatal(err)
	}
	m.report("msgs/s")
}
