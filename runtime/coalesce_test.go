package runtime_test

import (
	"context"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/runtime/internal/leak"
)

// countingListener counts the Write calls on the connections it accepts.
type countingListener struct {
	net.Listener
	writes atomic.Int64
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: c, writes: &l.writes}, nil
}

type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// TestWriteCoalescing: many concurrent calls on one connection share the
// server's writes (replies of calls that end together leave in one write),
// while a lone call is answered with one write.
func TestWriteCoalescing(t *testing.T) {
	defer leak.Check(t)()
	srv := runtime.NewServer()
	if err := srv.Register(echoDesc(), &echoService{}); err != nil {
		t.Fatal(err)
	}
	tl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &countingListener{Listener: tl}
	served := make(chan struct{})
	go func() { defer close(served); srv.Serve(l) }()
	defer func() { srv.Close(); <-served }()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cc, err := runtime.Dial(ctx, "ws://"+tl.Addr().String()+"/")
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()

	t.Run("one caller", func(t *testing.T) {
		if _, err := callOn(ctx, cc, msg{N: 1}); err != nil { // warm up
			t.Fatal(err)
		}
		before := l.writes.Load()
		const n = 50
		for i := range n {
			if _, err := callOn(ctx, cc, msg{N: int64(i)}); err != nil {
				t.Fatal(err)
			}
		}
		if w := l.writes.Load() - before; w != n {
			t.Errorf("%d server writes for %d sequential calls, want one each", w, n)
		}
	})
	t.Run("256 callers", func(t *testing.T) {
		before := l.writes.Load()
		const callers, each = 256, 20
		var wg sync.WaitGroup
		errs := make(chan error, callers)
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					if _, err := callOn(ctx, cc, msg{N: int64(i)}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		w := l.writes.Load() - before
		t.Logf("%d server writes for %d calls", w, callers*each)
		if w*2 > callers*each {
			t.Errorf("%d server writes for %d concurrent calls, want at most half as many", w, callers*each)
		}
	})
}
