package runtime_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wsgen/wsgen/runtime"
)

func TestServerStreaming(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		s, err := e.cc.NewStream(context.Background(), descCount)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Send(msg{Text: "n", N: 100}.build(s.NewBuilder())); err != nil {
			t.Fatal(err)
		}
		s.CloseSend()
		var i int64
		for m, err := range runtime.Messages(s.Recv) {
			if err != nil {
				t.Fatal(err)
			}
			if got := readMsg(m); got.N != i || got.Text != "n" {
				t.Fatalf("message %d: %+v", i, got)
			}
			i++
		}
		if i != 100 {
			t.Fatalf("got %d messages, want 100", i)
		}
	})
}

func TestServerStreamErrorAfterMessages(t *testing.T) {
	e := newEnv(t, "mem", nil)
	s, err := e.cc.NewStream(context.Background(), descCount)
	if err != nil {
		t.Fatal(err)
	}
	s.Send(msg{Text: "fail-after", N: 3}.build(s.NewBuilder()))
	s.CloseSend()
	n := 0
	var last error
	for _, err := range runtime.Messages(s.Recv) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if n != 3 || runtime.CodeOf(last) != runtime.Aborted {
		t.Fatalf("got %d messages and %v, want 3 and Aborted", n, last)
	}
}

func TestClientStreaming(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		s, err := e.cc.NewStream(context.Background(), descSum)
		if err != nil {
			t.Fatal(err)
		}
		var want int64
		for i := int64(1); i <= 500; i++ {
			want += i
			if err := s.Send(msg{N: i}.build(s.NewBuilder())); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CloseSend(); err != nil {
			t.Fatal(err)
		}
		m, err := s.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if got := readMsg(m).N; got != want {
			t.Fatalf("sum %d, want %d", got, want)
		}
		if _, err := s.Recv(); err != io.EOF {
			t.Fatalf("after the response: %v, want io.EOF", err)
		}
		if s.Trailer().Get("count") != "500" {
			t.Fatalf("trailer %v", s.Trailer())
		}
	})
}

func TestBidiStreaming(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		s, err := e.cc.NewStream(context.Background(), descChat)
		if err != nil {
			t.Fatal(err)
		}
		hdr, err := s.Header()
		if err != nil || hdr.Get("chat") != "hello" {
			t.Fatalf("header %v, %v", hdr, err)
		}
		done := make(chan error, 1)
		go func() {
			for i := int64(0); i < 200; i++ {
				if err := s.Send(msg{Text: "b", N: i}.build(s.NewBuilder())); err != nil {
					done <- err
					return
				}
			}
			done <- s.CloseSend()
		}()
		var i int64
		for {
			m, err := s.Recv()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := readMsg(m).N; got != i+1 {
				t.Fatalf("reply %d has n=%d", i, got)
			}
			i++
		}
		if i != 200 {
			t.Fatalf("%d replies, want 200", i)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}

func TestStreamCancelFromClient(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		e.impl.started = make(chan string, 1)
		s, err := e.cc.NewStream(context.Background(), descChat)
		if err != nil {
			t.Fatal(err)
		}
		<-e.impl.started
		s.Cancel()
		if _, err := s.Recv(); runtime.CodeOf(err) != runtime.Canceled {
			t.Fatalf("Recv after Cancel: %v", err)
		}
		if err := s.Send(msg{}.build(s.NewBuilder())); err != io.EOF {
			t.Fatalf("Send after Cancel: %v, want io.EOF", err)
		}
		// The handler's Recv fails and it returns; the leak check in cleanup
		// proves it.
	})
}

func TestStreamContextCancel(t *testing.T) {
	e := newEnv(t, "tcp", nil)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := e.cc.NewStream(ctx, descChat)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Header(); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := s.Recv(); runtime.CodeOf(err) != runtime.Canceled || !errors.Is(err, context.Canceled) {
		t.Fatalf("Recv after cancel: %v", err)
	}
}

func TestStreamDeadline(t *testing.T) {
	e := newEnv(t, "mem", nil)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	s, err := e.cc.NewStream(ctx, descChat)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Recv(); runtime.CodeOf(err) != runtime.DeadlineExceeded {
		t.Fatalf("Recv: %v, want DeadlineExceeded", err)
	}
}

func TestStreamInvalidRequestPayload(t *testing.T) {
	e := newEnv(t, "mem", nil)
	s, err := e.cc.NewStream(context.Background(), descChat)
	if err != nil {
		t.Fatal(err)
	}
	s.Send(msg{N: 1}.build(s.NewBuilder()))
	s.Send(garbage(16))
	var last error
	n := 0
	for _, err := range runtime.Messages(s.Recv) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if n != 1 || runtime.CodeOf(last) != runtime.InvalidArgument {
		t.Fatalf("%d replies then %v; want 1 then InvalidArgument", n, last)
	}
}

func TestFlowControlBoundsSlowReader(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		const size = 32 << 10
		e := newEnv(t, tr, nil, runtime.WithStreamWindow(128<<10))
		s, err := e.cc.NewStream(context.Background(), descCount)
		if err != nil {
			t.Fatal(err)
		}
		s.Send(msg{Text: strings.Repeat("x", size), N: 100}.build(s.NewBuilder()))
		s.CloseSend()
		// Read nothing for a while: the server must stop after about one
		// window plus one message.
		time.Sleep(200 * time.Millisecond)
		sent := e.impl.sent.Load()
		if limit := int64(128<<10/size + 2); sent > limit || sent == 0 {
			t.Fatalf("server sent %d messages to a reader that read none; want 1..%d", sent, limit)
		}
		// Reading lets it continue to the end.
		n := 0
		for _, err := range runtime.Messages(s.Recv) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		if n != 100 {
			t.Fatalf("got %d messages, want 100", n)
		}
	})
}

func TestFlowControlBoundsSlowHandler(t *testing.T) {
	e := newEnv(t, "tcp", nil)
	s, err := e.cc.NewStream(context.Background(), descSum)
	if err != nil {
		t.Fatal(err)
	}
	// Sum reads everything, so block it with a big stream it reads slowly:
	// instead measure that Send blocks when the server does not read. Use
	// Chat without reading replies: the server blocks on its Send, stops
	// reading, and our Sends must block too.
	s.Cancel()
	c, err := e.cc.NewStream(context.Background(), descChat)
	if err != nil {
		t.Fatal(err)
	}
	var sentN int
	var mu sync.Mutex
	go func() {
		for i := 0; i < 10000; i++ {
			if err := c.Send(msg{Text: strings.Repeat("y", 16<<10)}.build(c.NewBuilder())); err != nil {
				return
			}
			mu.Lock()
			sentN++
			mu.Unlock()
		}
	}()
	time.Sleep(300 * time.Millisecond)
	mu.Lock()
	n := sentN
	mu.Unlock()
	// Both windows (256 KiB each way) plus the connection write queue bound
	// what can be in flight; 10000 messages of 16 KiB must not all go out.
	if n >= 10000 || n > 400 {
		t.Fatalf("client sent %d messages to a server that stopped reading", n)
	}
	c.Cancel()
}

func TestStreamInterceptors(t *testing.T) {
	var seen []string
	var mu sync.Mutex
	si := func(ss runtime.ServerStreamer, info *runtime.MethodInfo, next func(runtime.ServerStreamer) error) error {
		mu.Lock()
		seen = append(seen, "server "+info.Method.Name)
		mu.Unlock()
		return next(ss)
	}
	ci := func(ctx context.Context, m *runtime.MethodDesc, next runtime.Streamer, opts ...runtime.CallOption) (runtime.ClientStreamer, error) {
		mu.Lock()
		seen = append(seen, "client "+m.Name)
		mu.Unlock()
		return next(ctx, m, opts...)
	}
	e := newEnv(t, "mem", []runtime.Option{runtime.WithStreamServerInterceptor(si)}, runtime.WithStreamClientInterceptor(ci))
	s, err := e.cc.NewStream(context.Background(), descSum)
	if err != nil {
		t.Fatal(err)
	}
	s.CloseSend()
	if _, err := s.Recv(); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(seen, ",") != "client Sum,server Sum" {
		t.Fatalf("seen %q", seen)
	}
}

func TestShutdownDrains(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		s, err := e.cc.NewStream(context.Background(), descChat)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Header(); err != nil {
			t.Fatal(err)
		}
		shut := make(chan error, 1)
		go func() { shut <- e.srv.Shutdown(context.Background()) }()
		// New calls on the connection fail with Unavailable once GOAWAY arrived.
		deadline := time.Now().Add(2 * time.Second)
		for {
			_, err := e.call(context.Background(), msg{})
			if runtime.CodeOf(err) == runtime.Unavailable {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("calls still succeed during shutdown: %v", err)
			}
			time.Sleep(5 * time.Millisecond)
		}
		// The running call still works.
		if err := s.Send(msg{N: 7}.build(s.NewBuilder())); err != nil {
			t.Fatal(err)
		}
		m, err := s.Recv()
		if err != nil || readMsg(m).N != 8 {
			t.Fatalf("running call after GOAWAY: %v", err)
		}
		select {
		case err := <-shut:
			t.Fatalf("Shutdown returned (%v) while a call runs", err)
		case <-time.After(50 * time.Millisecond):
		}
		s.CloseSend()
		if _, err := s.Recv(); err != io.EOF {
			t.Fatalf("end of running call: %v", err)
		}
		select {
		case err := <-shut:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("Shutdown did not return after the last call ended")
		}
		if _, err := e.dial(); err == nil {
			t.Fatal("dial succeeded after shutdown")
		}
	})
}

func TestShutdownDeadlineCancelsCalls(t *testing.T) {
	e := newEnv(t, "tcp", nil)
	e.impl.started = make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		_, err := e.call(context.Background(), msg{Text: "block"})
		errc <- err
	}()
	<-e.impl.started
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := e.srv.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Shutdown: %v, want deadline exceeded", err)
	}
	if err := <-errc; runtime.CodeOf(err) != runtime.Unavailable && runtime.CodeOf(err) != runtime.Canceled {
		t.Fatalf("blocked call ended with %v", err)
	}
}

func TestStreamHandlerPanicIsInternal(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, nil)
		sd := &runtime.ServiceDesc{Name: "t.P", Methods: []runtime.MethodDesc{{
			Name: "Boom", Kind: runtime.BidiStream,
			Stream: func(_ any, s runtime.ServerStreamer) error {
				if _, err := s.Recv(); err != nil {
					return err
				}
				panic("stream boom")
			},
		}}}
		if err := e.srv.Register(sd, nil); err != nil {
			t.Fatal(err)
		}
		s, err := e.cc.NewStream(context.Background(), &runtime.MethodDesc{FullName: "/t.P/Boom", Kind: runtime.BidiStream})
		if err != nil {
			t.Fatal(err)
		}
		s.Send(msg{}.build(s.NewBuilder()))
		_, err = s.Recv()
		if runtime.CodeOf(err) != runtime.Internal || !strings.Contains(err.Error(), "stream boom") {
			t.Fatalf("got %v, want Internal with the panic value", err)
		}
		if _, err := e.call(context.Background(), msg{}); err != nil {
			t.Fatalf("server stopped serving after a panic: %v", err)
		}
	})
}

// TestConnectionBufferBound: per-stream windows bound each stream; the
// connection's buffer bounds their sum. The stream that would push the
// unread total over it fails with ResourceExhausted; the others continue.
func TestConnectionBufferBound(t *testing.T) {
	e := newEnv(t, "tcp", nil, runtime.WithStreamWindow(2<<20), runtime.WithConnectionBuffer(1<<20))
	open := func() runtime.ClientStreamer {
		s, err := e.cc.NewStream(context.Background(), descCount)
		if err != nil {
			t.Fatal(err)
		}
		s.Send(msg{Text: strings.Repeat("b", 16<<10), N: 40}.build(s.NewBuilder()))
		return s
	}
	a := open()
	deadline := time.Now().Add(3 * time.Second)
	for e.impl.sent.Load() < 40 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond) // let all of a's 640 KiB arrive unread
	}
	time.Sleep(20 * time.Millisecond)
	b := open()
	time.Sleep(200 * time.Millisecond) // b's messages arrive, unread as well
	var last error
	for _, err := range runtime.Messages(b.Recv) {
		if err != nil {
			last = err
		}
	}
	if runtime.CodeOf(last) != runtime.ResourceExhausted {
		t.Fatalf("second stream ended with %v, want ResourceExhausted", last)
	}
	n := 0
	for _, err := range runtime.Messages(a.Recv) {
		if err != nil {
			t.Fatalf("first stream: %v", err)
		}
		n++
	}
	if n != 40 {
		t.Fatalf("first stream delivered %d of 40 messages", n)
	}
}
