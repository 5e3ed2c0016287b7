package runtime_test

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	goruntime "runtime"
	"sync"
	"testing"
	"time"

	"github.com/wsgen/wsgen/runtime"
)

// TestRandomizedCalls runs random mixes of calls, cancellations, deadlines
// and handler errors concurrently on one connection. Every call must end
// with nil, io.EOF or an *Error with an expected code; nothing may hang,
// race or leak (the environment's cleanup checks goroutines).
func TestRandomizedCalls(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, []runtime.Option{runtime.WithMaxConcurrentStreams(64)}, runtime.WithStreamWindow(64<<10))
		expected := map[runtime.Code]bool{
			runtime.OK: true, runtime.Canceled: true, runtime.DeadlineExceeded: true,
			runtime.NotFound: true, runtime.Aborted: true, runtime.ResourceExhausted: true,
		}
		check := func(err error) {
			if err == nil || err == io.EOF {
				return
			}
			var re *runtime.Error
			if !errors.As(err, &re) {
				t.Errorf("error %v (%T) is not a *runtime.Error", err, err)
				return
			}
			if !expected[re.Code()] {
				t.Errorf("unexpected error %v", err)
			}
		}
		var wg sync.WaitGroup
		for g := 0; g < 12; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(g), 42))
				for i := 0; i < 30; i++ {
					ctx, cancel := context.WithCancel(context.Background())
					if r.IntN(3) == 0 {
						ctx, cancel = context.WithTimeout(context.Background(), time.Duration(r.IntN(3000))*time.Microsecond)
					}
					switch r.IntN(4) {
					case 0:
						text := []string{"x", "error:5:nf", "block"}[r.IntN(3)]
						if text == "block" {
							// Blocks until cancelled: cancel it from here after a while.
							time.AfterFunc(time.Duration(r.IntN(2000))*time.Microsecond, cancel)
						}
						_, err := e.call(ctx, msg{Text: text})
						if text == "block" && err == nil {
							t.Error("blocking call returned OK")
						}
						check(err)
					case 1:
						s, err := e.cc.NewStream(ctx, descCount)
						if err != nil {
							check(err)
							break
						}
						text := []string{"s", "fail-after"}[r.IntN(2)]
						s.Send(msg{Text: text, N: int64(r.IntN(50))}.build(s.NewBuilder()))
						stopAt := r.IntN(60)
						n := 0
						for _, err := range runtime.Messages(s.Recv) {
							check(err)
							if n++; n == stopAt {
								s.Cancel()
							}
						}
						s.Cancel()
					case 2:
						s, err := e.cc.NewStream(ctx, descChat)
						if err != nil {
							check(err)
							break
						}
						for j := r.IntN(20); j > 0; j-- {
							if s.Send(msg{N: int64(j)}.build(s.NewBuilder())) != nil {
								break
							}
							if r.IntN(2) == 0 {
								_, err := s.Recv()
								check(err)
							}
						}
						if r.IntN(2) == 0 {
							s.CloseSend()
							for _, err := range runtime.Messages(s.Recv) {
								check(err)
							}
						}
						s.Cancel()
					case 3:
						s, err := e.cc.NewStream(ctx, descSum)
						if err != nil {
							check(err)
							break
						}
						for j := r.IntN(20); j > 0; j-- {
							s.Send(msg{N: 1}.build(s.NewBuilder()))
						}
						s.CloseSend()
						_, err = s.Recv()
						check(err)
						s.Cancel()
					}
					cancel()
				}
			}()
		}
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			buf := make([]byte, 1<<22)
			n := goruntime.Stack(buf, true)
			t.Fatalf("randomized calls hung:\n%s", buf[:n])
		}
		if _, err := e.call(context.Background(), msg{Text: "after"}); err != nil {
			t.Fatalf("connection unusable after the storm: %v", err)
		}
	})
}
