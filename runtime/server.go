package runtime

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gobwas/httphead"
	"github.com/gobwas/ws"
	"github.com/gobwas/ws/wsflate"
	flatbuffers "github.com/google/flatbuffers/go"
)

// Server serves registered services over WebSocket connections: mount it as
// an http.Handler or give it a net.Listener with Serve. Register services
// before serving. Its methods are safe for concurrent use.
type Server struct {
	o    options
	pool bufPool

	// methods maps full method names to handlers; replaced (copy on write)
	// by Register under mu, read atomically per call.
	methods atomic.Pointer[map[string]*method]

	mu        sync.Mutex // guards the fields below
	conns     map[*serverConn]struct{}
	listeners map[net.Listener]struct{}
	draining  bool          // Shutdown started: no new connections or calls
	closed    bool          // Close or Shutdown finished: nothing new starts
	idle      chan struct{} // closed and replaced when a connection ends

	wg sync.WaitGroup // connection goroutines started by Serve
}

// method is a registered method with its implementation and its handler
// wrapped in the server's interceptors (built once, at Register).
type method struct {
	desc   *MethodDesc
	impl   any
	info   MethodInfo
	unary  UnaryServerHandlerFunc     // Kind Unary
	stream func(ServerStreamer) error // the other kinds
}

// newMethod wraps md's handler for impl in the server's interceptors; the
// first interceptor added runs outermost.
func (s *Server) newMethod(md *MethodDesc, impl any) *method {
	m := &method{desc: md, impl: impl, info: MethodInfo{Method: md, Server: impl}}
	if md.Kind == Unary {
		m.unary = func(ctx context.Context, req []byte, b *flatbuffers.Builder) error {
			return md.Unary(impl, ctx, req, b)
		}
		for i := len(s.o.unaryServer) - 1; i >= 0; i-- {
			ic, next := s.o.unaryServer[i], m.unary
			m.unary = func(ctx context.Context, req []byte, b *flatbuffers.Builder) error {
				return ic(ctx, req, b, &m.info, next)
			}
		}
		return m
	}
	m.stream = func(ss ServerStreamer) error { return md.Stream(impl, ss) }
	for i := len(s.o.streamServer) - 1; i >= 0; i-- {
		ic, next := s.o.streamServer[i], m.stream
		m.stream = func(ss ServerStreamer) error { return ic(ss, &m.info, next) }
	}
	return m
}

var _ http.Handler = (*Server)(nil)

// NewServer returns a server configured by opts.
func NewServer(opts ...Option) *Server {
	s := &Server{
		o:         buildOptions(opts),
		conns:     make(map[*serverConn]struct{}),
		listeners: make(map[net.Listener]struct{}),
		idle:      make(chan struct{}),
	}
	m := map[string]*method{}
	s.methods.Store(&m)
	return s
}

// Register adds a service implemented by impl. It fails if impl does not
// implement sd.HandlerType, a method lacks the handler its kind needs, a
// method's FullName disagrees with the service and method names, or a method
// is registered twice.
func (s *Server) Register(sd *ServiceDesc, impl any) error {
	if sd.HandlerType != nil {
		want := reflect.TypeOf(sd.HandlerType).Elem()
		if impl == nil || !reflect.TypeOf(impl).Implements(want) {
			return fmt.Errorf("runtime: Register %s: %T does not implement %v", sd.Name, impl, want)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := *s.methods.Load()
	next := make(map[string]*method, len(old)+len(sd.Methods))
	for k, v := range old {
		next[k] = v
	}
	for i := range sd.Methods {
		md := &sd.Methods[i]
		full := "/" + sd.Name + "/" + md.Name
		if md.FullName != "" && md.FullName != full {
			return fmt.Errorf("runtime: Register %s: method %s has FullName %q, want %q", sd.Name, md.Name, md.FullName, full)
		}
		if (md.Kind == Unary) != (md.Unary != nil) || (md.Kind != Unary) != (md.Stream != nil) {
			return fmt.Errorf("runtime: Register %s: method %s (%v) needs exactly the handler of its kind", sd.Name, md.Name, md.Kind)
		}
		if _, dup := next[full]; dup {
			return fmt.Errorf("runtime: Register: %s registered twice", full)
		}
		next[full] = s.newMethod(md, impl)
	}
	s.methods.Store(&next)
	return nil
}

// ServeHTTP upgrades the request to a WebSocket connection speaking
// [Subprotocol] and serves it until it ends; it fails with 400 when the
// client does not offer the subprotocol, 403 when the Origin check rejects
// the request and 503 while the server shuts down. The connection is
// hijacked, so http.Server.Shutdown does not wait for it: call
// [Server.Shutdown] as well.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	offered := offers(r.Header.Values("Sec-WebSocket-Protocol"), Subprotocol)
	if status, reason := s.admit(offered, r.Header.Get("Origin"), r.Host); status != 0 {
		http.Error(w, "wsgen: "+reason, status)
		return
	}
	u := ws.HTTPUpgrader{Protocol: func(p string) bool { return p == Subprotocol }, Timeout: s.o.handshake}
	var ext *wsflate.Extension
	if s.o.deflate != 0 {
		ext = &wsflate.Extension{Parameters: deflateParams}
		u.Negotiate = negotiator(ext)
	}
	nc, rw, _, err := u.Upgrade(r, w)
	if err != nil {
		s.o.logf("wsgen: upgrade from %s: %v", r.RemoteAddr, err)
		return
	}
	nc.SetDeadline(time.Time{})
	var br *bufio.Reader
	if rw != nil && rw.Reader.Buffered() > 0 {
		br = rw.Reader
	}
	s.serveConn(nc, br, accepted(ext))
}

// negotiator returns ext's Negotiate, except that an offer it cannot parse
// is declined (the connection proceeds uncompressed) instead of failing the
// upgrade.
func negotiator(ext *wsflate.Extension) func(httphead.Option) (httphead.Option, error) {
	return func(opt httphead.Option) (httphead.Option, error) {
		a, err := ext.Negotiate(opt)
		if err != nil {
			return httphead.Option{}, nil
		}
		return a, nil
	}
}

// accepted reports whether ext (nil when compression is off) was negotiated.
func accepted(ext *wsflate.Extension) bool {
	if ext == nil {
		return false
	}
	_, ok := ext.Accepted()
	return ok
}

func offers(values []string, proto string) bool {
	for _, v := range values {
		for _, p := range strings.Split(v, ",") {
			if strings.TrimSpace(p) == proto {
				return true
			}
		}
	}
	return false
}

func (o *options) logf(format string, args ...any) {
	if o.errorLog != nil {
		o.errorLog(format, args...)
	}
}

// Serve accepts connections on l, upgrades each with gobwas/ws's zero-copy
// upgrader (bounded by the handshake timeout) and serves it on its own
// goroutine. It returns when l fails or the server shuts down (then with
// http.ErrServerClosed); it closes l.
func (s *Server) Serve(l net.Listener) error {
	s.mu.Lock()
	if s.draining || s.closed {
		s.mu.Unlock()
		l.Close()
		return http.ErrServerClosed
	}
	s.listeners[l] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, l)
		s.mu.Unlock()
		l.Close()
	}()
	for {
		nc, err := l.Accept()
		if err != nil {
			if s.isDraining() {
				return http.ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(5 * time.Millisecond)
				continue
			}
			return err
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			deflate, err := s.upgrade(nc)
			if err != nil {
				s.o.logf("wsgen: upgrade from %s: %v", nc.RemoteAddr(), err)
				nc.Close()
				return
			}
			s.serveConn(nc, nil, deflate)
		}()
	}
}

// upgrade performs the server handshake on a raw connection and reports
// whether permessage-deflate was negotiated.
func (s *Server) upgrade(nc net.Conn) (bool, error) {
	if s.o.handshake > 0 {
		nc.SetDeadline(time.Now().Add(s.o.handshake))
	}
	var origin, host string
	var offered bool
	u := ws.Upgrader{
		Protocol: func(p []byte) bool {
			if string(p) == Subprotocol {
				offered = true
				return true
			}
			return false
		},
		OnHost: func(h []byte) error { host = string(h); return nil },
		OnHeader: func(k, v []byte) error {
			if strings.EqualFold(string(k), "Origin") {
				origin = string(v)
			}
			return nil
		},
		OnBeforeUpgrade: func() (ws.HandshakeHeader, error) {
			if status, reason := s.admit(offered, origin, host); status != 0 {
				return nil, ws.RejectConnectionError(ws.RejectionStatus(status), ws.RejectionReason(reason))
			}
			return nil, nil
		},
	}
	var ext *wsflate.Extension
	if s.o.deflate != 0 {
		ext = &wsflate.Extension{Parameters: deflateParams}
		u.Negotiate = negotiator(ext)
	}
	if _, err := u.Upgrade(nc); err != nil {
		return false, err
	}
	return accepted(ext), nc.SetDeadline(time.Time{})
}

// admit decides an upgrade request for both ServeHTTP and Serve: status 0
// accepts it; otherwise the HTTP status and reason to refuse it with.
func (s *Server) admit(offered bool, origin, host string) (status int, reason string) {
	switch {
	case !offered:
		return http.StatusBadRequest, "the WebSocket subprotocol " + Subprotocol + " is required"
	case !s.o.checkOrigin(origin, host):
		return http.StatusForbidden, "origin not allowed"
	case s.isDraining():
		return http.StatusServiceUnavailable, "server is shutting down"
	}
	return 0, ""
}

func (s *Server) isDraining() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.draining || s.closed
}

// serveConn runs one upgraded connection until it ends and all its handlers
// returned.
func (s *Server) serveConn(nc net.Conn, br *bufio.Reader, deflate bool) {
	sc := newServerConn(s, nc, br)
	sc.c.deflate = deflate
	s.mu.Lock()
	if s.closed || s.draining {
		s.mu.Unlock()
		nc.Close()
		return
	}
	s.conns[sc] = struct{}{}
	s.mu.Unlock()
	sc.serve()
	s.mu.Lock()
	delete(s.conns, sc)
	close(s.idle)
	s.idle = make(chan struct{})
	s.mu.Unlock()
}

// Shutdown stops the server gracefully: listeners close, new connections
// are refused, every connection gets GOAWAY (new calls on it fail with
// Unavailable), and running calls may finish. When ctx ends first, remaining
// calls are cancelled and connections closed as in Close. Shutdown returns
// after every connection and handler has finished; the error is ctx's if it
// expired.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.draining = true
	for l := range s.listeners {
		l.Close()
	}
	for sc := range s.conns {
		sc.goAway()
	}
	s.mu.Unlock()
	for {
		s.mu.Lock()
		n, idle := len(s.conns), s.idle
		s.mu.Unlock()
		if n == 0 {
			break
		}
		select {
		case <-idle:
		case <-ctx.Done():
			s.Close()
			return ctx.Err()
		}
	}
	s.wg.Wait()
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

// Close stops the server at once: listeners close, running calls are
// cancelled (their handlers see a cancelled context), connections close
// with code 1001. It waits for connection goroutines and handlers to return.
func (s *Server) Close() error {
	s.mu.Lock()
	s.draining, s.closed = true, true
	for l := range s.listeners {
		l.Close()
	}
	for sc := range s.conns {
		sc.abort()
	}
	s.mu.Unlock()
	for {
		s.mu.Lock()
		n, idle := len(s.conns), s.idle
		s.mu.Unlock()
		if n == 0 {
			break
		}
		<-idle
	}
	s.wg.Wait()
	return nil
}
