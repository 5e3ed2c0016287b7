package runtime_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gobwas/ws"

	"github.com/wsgen/wsgen/runtime"
	"github.com/wsgen/wsgen/runtime/internal/leak"
)

func TestKeepaliveKeepsHealthyConnection(t *testing.T) {
	ka := runtime.WithKeepalive(20*time.Millisecond, 50*time.Millisecond)
	e := newEnv(t, "tcp", []runtime.Option{ka}, ka)
	time.Sleep(300 * time.Millisecond) // many intervals without calls
	if _, err := e.call(context.Background(), msg{Text: "alive"}); err != nil {
		t.Fatalf("connection died although both sides answer pings: %v", err)
	}
}

func TestKeepaliveDropsSilentPeer(t *testing.T) {
	e := newEnv(t, "tcp", []runtime.Option{runtime.WithKeepalive(20*time.Millisecond, 50*time.Millisecond)})
	r := dialRaw(t, e) // never reads, so never answers the server's pings
	time.Sleep(400 * time.Millisecond)
	// The server gave up on it: reading now finds the ping(s) and then the
	// end of the connection.
	for {
		f, err := r.next()
		if err != nil {
			break
		}
		if f.Header.OpCode != ws.OpPing {
			t.Fatalf("unexpected frame %v", f.Header.OpCode)
		}
	}
	if _, err := e.call(context.Background(), msg{}); err != nil {
		t.Fatal(err)
	}
}

func TestIdleTimeoutClosesConnection(t *testing.T) {
	e := newEnv(t, "mem", []runtime.Option{runtime.WithIdleTimeout(50 * time.Millisecond)})
	select {
	case <-e.cc.Done():
	case <-time.After(3 * time.Second):
		t.Fatal("idle connection was not closed")
	}
	if _, err := e.call(context.Background(), msg{}); runtime.CodeOf(err) != runtime.Unavailable {
		t.Fatalf("call on a closed connection: %v, want Unavailable", err)
	}
	if e.cc.Err() == nil {
		t.Fatal("Err is nil after the connection ended")
	}
}

func TestHandshakeChecks(t *testing.T) {
	for _, tr := range []string{"tcp", "http"} {
		t.Run(tr, func(t *testing.T) {
			e := newEnv(t, tr, []runtime.Option{runtime.WithAllowedOrigins("https://app.example")})
			for _, tc := range []struct {
				name   string
				origin string
				code   runtime.Code
			}{
				{"foreign origin", "https://evil.example", runtime.PermissionDenied},
				{"allowed origin", "https://app.example", runtime.OK},
				{"no origin", "", runtime.OK},
			} {
				t.Run(tc.name, func(t *testing.T) {
					h := http.Header{}
					if tc.origin != "" {
						h.Set("Origin", tc.origin)
					}
					cc, err := e.dial(runtime.WithHeader(h))
					if runtime.CodeOf(err) != tc.code {
						t.Fatalf("dial: %v, want %v", err, tc.code)
					}
					if err == nil {
						cc.Close()
					}
				})
			}
			t.Run("no subprotocol", func(t *testing.T) {
				_, _, _, err := ws.Dialer{}.Dial(context.Background(), e.url)
				var se ws.StatusError
				if !errors.As(err, &se) || int(se) != http.StatusBadRequest {
					t.Fatalf("got %v, want HTTP 400", err)
				}
			})
		})
	}
}

// TestDialStatusCodes checks the codes Dial reports for refused upgrades.
func TestDialStatusCodes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		code   runtime.Code
	}{
		{"forbidden", http.StatusForbidden, runtime.PermissionDenied},
		{"unauthorized", http.StatusUnauthorized, runtime.Unauthenticated},
		{"bad request", http.StatusBadRequest, runtime.FailedPrecondition},
		{"shutting down", http.StatusServiceUnavailable, runtime.Unavailable},
		{"not found", http.StatusNotFound, runtime.Unavailable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				http.Error(w, "refused", tc.status)
			}))
			defer hs.Close()
			_, err := runtime.Dial(context.Background(), "ws"+strings.TrimPrefix(hs.URL, "http"))
			if runtime.CodeOf(err) != tc.code {
				t.Fatalf("dial: %v, want %v", err, tc.code)
			}
		})
	}
}

func TestTLS(t *testing.T) {
	defer leak.Check(t)()
	srv := runtime.NewServer()
	if err := srv.Register(echoDesc(), &echoService{}); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(srv)
	hs.Config.ErrorLog = log.New(io.Discard, "", 0) // the untrusted dial below logs a handshake error
	hs.StartTLS()
	defer hs.Close()
	defer srv.Close()
	roots := x509.NewCertPool()
	roots.AddCert(hs.Certificate())
	url := "wss" + strings.TrimPrefix(hs.URL, "https")
	if _, err := runtime.Dial(context.Background(), url); runtime.CodeOf(err) != runtime.Unavailable {
		t.Fatalf("dial with an untrusted certificate: %v, want Unavailable", err)
	}
	cc, err := runtime.Dial(context.Background(), url, runtime.WithTLSConfig(&tls.Config{RootCAs: roots}))
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	got, err := callOn(context.Background(), cc, msg{Text: "secure", N: 1})
	if err != nil || got.N != 2 {
		t.Fatalf("%+v %v", got, err)
	}
}

func TestDialTimeout(t *testing.T) {
	l := runtime.NewMemListener() // nobody accepts
	defer l.Close()
	start := time.Now()
	_, err := runtime.Dial(context.Background(), "ws://mem/", runtime.WithContextDialer(l.DialContext), runtime.WithDialTimeout(50*time.Millisecond))
	if err == nil || time.Since(start) > 2*time.Second {
		t.Fatalf("dial: %v after %v", err, time.Since(start))
	}
}

func TestClientCloseFailsRunningCalls(t *testing.T) {
	e := newEnv(t, "tcp", nil)
	e.impl.started = make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		_, err := e.call(context.Background(), msg{Text: "block"})
		errc <- err
	}()
	<-e.impl.started
	e.cc.Close()
	select {
	case err := <-errc:
		if c := runtime.CodeOf(err); c != runtime.Unavailable && c != runtime.Canceled {
			t.Fatalf("running call ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("running call did not end when the client closed")
	}
	if _, err := e.call(context.Background(), msg{}); runtime.CodeOf(err) != runtime.Unavailable {
		t.Fatalf("call after Close: %v", err)
	}
}

func TestServerCloseCancelsHandlers(t *testing.T) {
	e := newEnv(t, "mem", nil)
	e.impl.started = make(chan string, 1)
	errc := make(chan error, 1)
	go func() {
		_, err := e.call(context.Background(), msg{Text: "block"})
		errc <- err
	}()
	<-e.impl.started
	e.srv.Close() // returns only after the blocked handler returned
	if err := <-errc; runtime.CodeOf(err) != runtime.Unavailable {
		t.Fatalf("call ended with %v, want Unavailable", err)
	}
}

func TestRegisterErrors(t *testing.T) {
	srv := runtime.NewServer()
	for _, tc := range []struct {
		name string
		sd   *runtime.ServiceDesc
		impl any
	}{
		{"impl does not implement", echoDesc(), struct{}{}},
		{"wrong full name", &runtime.ServiceDesc{Name: "a.B", Methods: []runtime.MethodDesc{{Name: "C", FullName: "/a.B/D", Kind: runtime.BidiStream, Stream: func(any, runtime.ServerStreamer) error { return nil }}}}, nil},
		{"missing handler", &runtime.ServiceDesc{Name: "a.B", Methods: []runtime.MethodDesc{{Name: "C", Kind: runtime.Unary}}}, nil},
		{"wrong handler for kind", &runtime.ServiceDesc{Name: "a.B", Methods: []runtime.MethodDesc{{Name: "C", Kind: runtime.ServerStream, Unary: echoDesc().Methods[0].Unary}}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := srv.Register(tc.sd, tc.impl); err == nil {
				t.Fatal("Register accepted it")
			}
		})
	}
	if err := srv.Register(echoDesc(), &echoService{}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Register(echoDesc(), &echoService{}); err == nil {
		t.Fatal("duplicate registration accepted")
	}
}

func TestMaxConcurrentStreams(t *testing.T) {
	e := newEnv(t, "mem", []runtime.Option{runtime.WithMaxConcurrentStreams(2)})
	var streams []runtime.ClientStreamer
	for i := 0; i < 2; i++ {
		s, err := e.cc.NewStream(context.Background(), descChat)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Header(); err != nil {
			t.Fatal(err)
		}
		streams = append(streams, s)
	}
	if _, err := e.call(context.Background(), msg{}); runtime.CodeOf(err) != runtime.ResourceExhausted {
		t.Fatalf("third call: %v, want ResourceExhausted", err)
	}
	for _, s := range streams {
		s.Cancel()
	}
}

// TestConcurrencyLimitFreedBeforeStatus: a finished call no longer counts
// against the limit once its STATUS can reach the client, so a client that
// opens its next call at once is never refused.
func TestConcurrencyLimitFreedBeforeStatus(t *testing.T) {
	forEachTransport(t, func(t *testing.T, tr string) {
		e := newEnv(t, tr, []runtime.Option{runtime.WithMaxConcurrentStreams(1)})
		for i := 0; i < 300; i++ {
			if _, err := e.call(context.Background(), msg{N: int64(i)}); err != nil {
				t.Fatalf("call %d: %v", i, err)
			}
			s, err := e.cc.NewStream(context.Background(), descSum)
			if err != nil {
				t.Fatal(err)
			}
			s.CloseSend()
			if _, err := s.Recv(); err != nil {
				t.Fatalf("stream %d: %v", i, err)
			}
			if _, err := s.Recv(); err != io.EOF {
				t.Fatalf("stream %d end: %v", i, err)
			}
		}
	})
}

// TestGoroutinesPerConnection: an idle connection costs one goroutine on
// each side (the reader; writers start on demand, timers run as AfterFunc).
func TestGoroutinesPerConnection(t *testing.T) {
	e := newEnv(t, "tcp", nil)
	// A call makes sure the server side of e's own connection is running.
	if _, err := e.call(context.Background(), msg{}); err != nil {
		t.Fatal(err)
	}
	before := leak.Count()
	var conns []*runtime.ClientConn
	for i := 0; i < 10; i++ {
		cc, err := e.dial()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := callOn(context.Background(), cc, msg{}); err != nil {
			t.Fatal(err)
		}
		conns = append(conns, cc)
	}
	// Finished handlers exit asynchronously; give them a moment.
	per := 0.0
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if per = float64(leak.Count()-before) / 10; per <= 2 {
			break
		}
	}
	if per > 2 {
		t.Errorf("%.1f goroutines per connection (client and server together), want 2", per)
	}
	for _, cc := range conns {
		cc.Close()
	}
}
