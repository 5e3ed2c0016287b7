package runtime_test

import (
	"context"
	"io"
	goruntime "runtime"
	"strings"
	"testing"
	"time"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/wsgen/wsgen/runtime"
)

// benchEnv starts a loopback TCP server and one client connection.
func benchEnv(b *testing.B) *env {
	b.Helper()
	return newEnv(b, "tcp", nil)
}

func unaryOnce(b testing.TB, cc *runtime.ClientConn, req msg) {
	r, err := cc.Invoke(context.Background(), descEcho, req.build(cc.NewBuilder()))
	if err != nil {
		b.Fatal(err)
	}
	if readMsg(r.Bytes()).N != req.N+1 {
		b.Fatal("wrong reply")
	}
	r.Release()
}

// payloadSizes are the text sizes benchmarks run with: small messages are
// copied into the write buffer, large ones written by reference.
var payloadSizes = []struct {
	name string
	n    int
}{{"16B", 16}, {"16KiB", 16 << 10}}

// BenchmarkUnaryTCP is one caller doing unary round trips over loopback TCP
// on one connection; allocations count client and server together.
func BenchmarkUnaryTCP(b *testing.B) {
	for _, size := range payloadSizes {
		b.Run(size.name, func(b *testing.B) {
			e := benchEnv(b)
			req := msg{Text: strings.Repeat("x", size.n), N: 1}
			b.ReportAllocs()
			b.SetBytes(int64(size.n))
			for b.Loop() {
				unaryOnce(b, e.cc, req)
			}
		})
	}
}

// BenchmarkUnaryTCPParallel is many callers sharing one connection.
func BenchmarkUnaryTCPParallel(b *testing.B) {
	e := benchEnv(b)
	req := msg{Text: "hello", N: 1}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			unaryOnce(b, e.cc, req)
		}
	})
}

// BenchmarkUnaryMem is the unary round trip over the in-memory listener.
func BenchmarkUnaryMem(b *testing.B) {
	e := newEnv(b, "mem", nil)
	req := msg{Text: "hello", N: 1}
	b.ReportAllocs()
	for b.Loop() {
		unaryOnce(b, e.cc, req)
	}
}

// BenchmarkServerStreamTCP measures streamed messages per second: each
// iteration is one message of a long server stream.
func BenchmarkServerStreamTCP(b *testing.B) {
	for _, size := range payloadSizes {
		b.Run(size.name, func(b *testing.B) {
			e := benchEnv(b)
			s, err := e.cc.NewStream(context.Background(), descCount)
			if err != nil {
				b.Fatal(err)
			}
			s.Send(msg{Text: strings.Repeat("s", size.n), N: int64(b.N)}.build(s.NewBuilder()))
			b.ReportAllocs()
			b.SetBytes(int64(size.n))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.Recv(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if _, err := s.Recv(); err != io.EOF {
				b.Fatal(err)
			}
		})
	}
}

// TestUnaryAllocs holds the runtime to its allocation budget for a unary
// round trip (client and server together, as both run in this process). A
// pass-through server interceptor costs no allocation per call (the chain is
// built when the service is registered; building it per call cost 2).
func TestUnaryAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation budget is measured in full runs")
	}
	passThrough := runtime.WithUnaryServerInterceptor(func(ctx context.Context, req []byte, reply *flatbuffers.Builder,
		info *runtime.MethodInfo, next runtime.UnaryServerHandlerFunc) error {
		return next(ctx, req, reply)
	})
	var plain float64
	for _, tc := range []struct {
		name  string
		sopts []runtime.Option
	}{
		{"plain", nil},
		{"server_interceptor", []runtime.Option{passThrough}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, "tcp", tc.sopts)
			req := msg{Text: "hello", N: 1}
			for i := 0; i < 100; i++ {
				unaryOnce(t, e.cc, req) // warm the pools
			}
			allocs := testing.AllocsPerRun(1000, func() { unaryOnce(t, e.cc, req) })
			t.Logf("%.1f allocations per unary round trip", allocs)
			if allocs > 10 {
				t.Errorf("%.1f allocations per unary round trip, budget 10", allocs)
			}
			if tc.sopts == nil {
				plain = allocs
			} else if allocs > plain+1 { // +1: the race detector's counts vary by one
				t.Errorf("%.1f allocations with the interceptor, %.1f without", allocs, plain)
			}
		})
	}
}

// BenchmarkIdleConn reports the memory an idle connection costs, client and
// server together (both run in this process): heap and goroutine stacks in
// use after 200 connections each made one call, divided by 200.
func BenchmarkIdleConn(b *testing.B) {
	const n = 200
	e := benchEnv(b)
	for b.Loop() {
		b.StopTimer()
		before := idleMem()
		conns := make([]*runtime.ClientConn, 0, n)
		for range n {
			cc, err := e.dial()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := callOn(context.Background(), cc, msg{N: 1}); err != nil {
				b.Fatal(err)
			}
			conns = append(conns, cc)
		}
		time.Sleep(50 * time.Millisecond) // let finished handlers exit
		after := idleMem()
		b.ReportMetric(float64(after.bytes-before.bytes)/n, "B/conn")
		b.ReportMetric(float64(after.stack-before.stack)/n, "stack-B/conn")
		b.ReportMetric(float64(after.goroutines-before.goroutines)/n, "goroutines/conn")
		for _, cc := range conns {
			cc.Close()
		}
		b.StartTimer()
	}
}

type memUse struct{ bytes, stack, goroutines int64 }

func idleMem() memUse {
	goruntime.GC()
	goruntime.GC()
	var ms goruntime.MemStats
	goruntime.ReadMemStats(&ms)
	return memUse{bytes: int64(ms.HeapInuse + ms.StackInuse), stack: int64(ms.StackInuse), goroutines: int64(goruntime.NumGoroutine())}
}
