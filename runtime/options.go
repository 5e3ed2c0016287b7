package runtime

import (
	"compress/flate"
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Option configures a [Server] (NewServer) or a [ClientConn] (Dial). Each
// option's documentation says which side it applies to and its default; an
// option for the other side is ignored.
type Option func(*options)

// options holds every setting; defaults come from defaultOptions.
type options struct {
	maxMessage   int           // both
	window       int           // both
	maxStreams   int           // server
	writeQueue   int           // both
	connBuffer   int           // both
	keepalive    time.Duration // both
	keepTimeout  time.Duration // both
	idleTimeout  time.Duration // server
	handshake    time.Duration // server
	checkOrigin  func(origin, host string) bool
	unaryServer  []UnaryServerInterceptor
	streamServer []StreamServerInterceptor
	unaryClient  []UnaryClientInterceptor
	streamClient []StreamClientInterceptor
	tlsConfig    *tls.Config
	header       http.Header
	dialTimeout  time.Duration
	netDial      func(ctx context.Context, network, addr string) (net.Conn, error)
	errorLog     func(format string, args ...any)
	deflate      int // both: flate level + 2 (0: compression off)
}

func defaultOptions() options {
	return options{
		maxMessage:  4 << 20,
		window:      256 << 10,
		maxStreams:  256,
		writeQueue:  4 << 20,
		connBuffer:  64 << 20,
		keepalive:   30 * time.Second,
		keepTimeout: 20 * time.Second,
		idleTimeout: 5 * time.Minute,
		handshake:   10 * time.Second,
		checkOrigin: sameOrigin,
		dialTimeout: 30 * time.Second,
	}
}

func buildOptions(opts []Option) options {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithMaxMessageSize limits the size of one received payload (both sides).
// Larger messages fail their call with ResourceExhausted; the connection
// stays up. Default 4 MiB. Values below 1 KiB are raised to 1 KiB.
func WithMaxMessageSize(n int) Option {
	return func(o *options) { o.maxMessage = max(n, 1<<10) }
}

// WithStreamWindow sets the flow-control window each stream grants the peer
// for messages it has not yet consumed (both sides). A slow reader holds at
// most window + one maximum-size message per stream in memory. Default
// 256 KiB; never below the protocol's initial 64 KiB.
func WithStreamWindow(n int) Option {
	return func(o *options) { o.window = max(n, initialWindow) }
}

// WithMaxConcurrentStreams limits the calls running at once on one
// connection (server). Further OPENs end at once with ResourceExhausted.
// Default 256; values below 1 are raised to 1.
func WithMaxConcurrentStreams(n int) Option {
	return func(o *options) { o.maxStreams = max(n, 1) }
}

// WithWriteQueueLimit bounds the bytes queued for writing on one connection
// (both sides); senders block while it is exceeded. Default 4 MiB; values
// below 64 KiB are raised to 64 KiB.
func WithWriteQueueLimit(n int) Option {
	return func(o *options) { o.writeQueue = max(n, 64<<10) }
}

// WithConnectionBuffer bounds the bytes of received messages queued on all
// streams of one connection and not yet read by the application (both
// sides). A message that would exceed it fails its call with
// ResourceExhausted. Per-stream windows bound each stream; this bounds the
// sum when many streams have slow readers. Default 64 MiB; values below
// 1 MiB are raised to 1 MiB.
func WithConnectionBuffer(n int) Option {
	return func(o *options) { o.connBuffer = max(n, 1<<20) }
}

// WithKeepalive makes each side send a WebSocket ping after interval without
// receiving anything, and close the connection (calls fail with Unavailable)
// if nothing arrives within timeout after that (both sides). Defaults 30s and
// 20s. While keepalive is on, a write that does not complete within
// interval + timeout (at least 30s) also closes the connection, so a peer
// that stops reading cannot hold the writer. An interval of 0 disables
// both.
func WithKeepalive(interval, timeout time.Duration) Option {
	return func(o *options) { o.keepalive, o.keepTimeout = interval, timeout }
}

// WithIdleTimeout closes server connections that have had no call for d,
// with GOAWAY and close code 1000 (server). Default 5 minutes; 0 disables.
func WithIdleTimeout(d time.Duration) Option {
	return func(o *options) { o.idleTimeout = d }
}

// WithHandshakeTimeout bounds the WebSocket upgrade of connections accepted
// by [Server.Serve] (server). Default 10s.
func WithHandshakeTimeout(d time.Duration) Option {
	return func(o *options) { o.handshake = d }
}

// WithOriginCheck replaces the Origin check (server). check receives the
// Origin header ("" when absent) and the Host header; returning false rejects
// the upgrade with 403. Default: requests without Origin (non-browser
// clients) pass; otherwise the Origin's host must equal Host.
func WithOriginCheck(check func(origin, host string) bool) Option {
	return func(o *options) { o.checkOrigin = check }
}

// WithAllowedOrigins accepts browser origins ("https://app.example.com") in
// addition to the same-origin default (server).
func WithAllowedOrigins(origins ...string) Option {
	allowed := append([]string(nil), origins...)
	return func(o *options) {
		o.checkOrigin = func(origin, host string) bool {
			for _, a := range allowed {
				if strings.EqualFold(a, origin) {
					return true
				}
			}
			return sameOrigin(origin, host)
		}
	}
}

func sameOrigin(origin, host string) bool {
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, host)
}

// WithUnaryServerInterceptor appends interceptors for unary handlers
// (server). The first one added runs outermost.
func WithUnaryServerInterceptor(i ...UnaryServerInterceptor) Option {
	return func(o *options) { o.unaryServer = append(o.unaryServer, i...) }
}

// WithStreamServerInterceptor appends interceptors for stream handlers
// (server). The first one added runs outermost.
func WithStreamServerInterceptor(i ...StreamServerInterceptor) Option {
	return func(o *options) { o.streamServer = append(o.streamServer, i...) }
}

// WithUnaryClientInterceptor appends interceptors for unary calls (client).
// The first one added runs outermost.
func WithUnaryClientInterceptor(i ...UnaryClientInterceptor) Option {
	return func(o *options) { o.unaryClient = append(o.unaryClient, i...) }
}

// WithStreamClientInterceptor appends interceptors for streams (client). The
// first one added runs outermost.
func WithStreamClientInterceptor(i ...StreamClientInterceptor) Option {
	return func(o *options) { o.streamClient = append(o.streamClient, i...) }
}

// WithTLSConfig sets the TLS configuration for wss:// URLs (client).
// Default: the system roots, server name from the URL.
func WithTLSConfig(c *tls.Config) Option {
	return func(o *options) { o.tlsConfig = c }
}

// WithHeader adds HTTP headers to the upgrade request (client), for example
// Authorization or Origin. Default none.
func WithHeader(h http.Header) Option {
	return func(o *options) { o.header = h.Clone() }
}

// WithDialTimeout bounds connecting plus the WebSocket upgrade (client).
// Default 30s; the Dial context's deadline applies as well.
func WithDialTimeout(d time.Duration) Option {
	return func(o *options) { o.dialTimeout = d }
}

// WithContextDialer replaces the TCP dialer (client); [MemListener.DialContext]
// plugs in here. Default net.Dialer.
func WithContextDialer(dial func(ctx context.Context, network, addr string) (net.Conn, error)) Option {
	return func(o *options) { o.netDial = dial }
}

// WithErrorLog receives connection-level errors that have no caller to
// return to (both sides): protocol violations by the peer, failed upgrades.
// Default: discarded.
func WithErrorLog(logf func(format string, args ...any)) Option {
	return func(o *options) { o.errorLog = logf }
}

// WithCompression enables the WebSocket permessage-deflate extension (RFC
// 7692) at the given compress/flate level (both sides): 1 (fastest) to 9
// (smallest), or -1 (flate.DefaultCompression). Default off; 0 (or any
// other value) keeps it off. The client offers it only with this option and
// the server accepts it only with this option, so both sides must set it;
// otherwise the connection runs uncompressed. Both directions use no
// context takeover, and only frames of at least 256 bytes are compressed
// (and only when that makes them smaller). Compression costs CPU and a
// copy of every compressed payload on both sides; it pays on slow links
// with compressible payloads. See docs/protocol.md section 2.1.
func WithCompression(level int) Option {
	return func(o *options) {
		if level >= flate.DefaultCompression && level <= flate.BestCompression && level != flate.NoCompression {
			o.deflate = level + 2
		} else {
			o.deflate = 0
		}
	}
}

// CallOption configures one call.
type CallOption struct {
	header, trailer *Metadata
}

// Header stores the call's response headers in *md when the call completes
// (unary) — for streams use ClientStreamer.Header.
func Header(md *Metadata) CallOption { return CallOption{header: md} }

// Trailer stores the call's trailers in *md when the call completes (unary)
// — for streams use ClientStreamer.Trailer.
func Trailer(md *Metadata) CallOption { return CallOption{trailer: md} }
