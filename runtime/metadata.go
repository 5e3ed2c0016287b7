package runtime

import (
	"context"
	"strings"

	"github.com/wsgen/wsgen/runtime/internal/wire"
)

// Metadata is request metadata, response headers or trailers: keys are
// lowercase (see docs/protocol.md for the allowed characters; uppercase
// ASCII is lowercased when sent, and a call with any other invalid key fails
// with InvalidArgument), each with one or more values. Values may hold
// arbitrary bytes. A nil Metadata is empty.
type Metadata map[string][]string

// Pairs returns Metadata built from alternating keys and values; keys are
// lowercased. An odd trailing key is ignored.
func Pairs(kv ...string) Metadata {
	md := make(Metadata, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		md.Append(kv[i], kv[i+1])
	}
	return md
}

// Get returns the first value of key, or "".
func (md Metadata) Get(key string) string {
	if v := md[strings.ToLower(key)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Set replaces the values of key.
func (md Metadata) Set(key string, values ...string) {
	md[strings.ToLower(key)] = values
}

// Append adds values to key.
func (md Metadata) Append(key string, values ...string) {
	k := strings.ToLower(key)
	md[k] = append(md[k], values...)
}

// Clone returns a deep copy of md.
func (md Metadata) Clone() Metadata {
	if md == nil {
		return nil
	}
	c := make(Metadata, len(md))
	for k, v := range md {
		c[k] = append([]string(nil), v...)
	}
	return c
}

// Len returns the number of key/value pairs.
func (md Metadata) Len() int {
	n := 0
	for _, v := range md {
		n += len(v)
	}
	return n
}

// validKey reports whether k may be sent: a legal wire key
// ([wire.ValidKey]) not starting with the reserved prefix "wsgen-".
func validKey(k string) bool {
	return wire.ValidKey(k) && !strings.HasPrefix(k, "wsgen-")
}

// wireKey returns k as sent (ASCII lowercased) and whether it is valid.
func wireKey(k string) (string, bool) {
	for i := 0; i < len(k); i++ {
		if 'A' <= k[i] && k[i] <= 'Z' {
			k = strings.ToLower(k)
			break
		}
	}
	return k, validKey(k)
}

// checkMetadata returns an InvalidArgument error naming the first key of md
// that cannot be sent.
func checkMetadata(md Metadata) *Error {
	for k := range md {
		if _, ok := wireKey(k); !ok {
			return Errorf(InvalidArgument, "metadata key %q is not 1-255 characters of a-z, 0-9, '-', '_', '.' (or uses the reserved prefix wsgen-)", k)
		}
	}
	return nil
}

type outgoingKey struct{}
type incomingKey struct{}

// NewOutgoingContext returns a context whose calls send md as request
// metadata (merged with metadata already attached to ctx).
func NewOutgoingContext(ctx context.Context, md Metadata) context.Context {
	if old, ok := ctx.Value(outgoingKey{}).(Metadata); ok {
		merged := old.Clone()
		for k, v := range md {
			merged.Append(k, v...)
		}
		md = merged
	}
	return context.WithValue(ctx, outgoingKey{}, md)
}

// OutgoingMetadata returns the request metadata attached with
// NewOutgoingContext.
func OutgoingMetadata(ctx context.Context) Metadata {
	md, _ := ctx.Value(outgoingKey{}).(Metadata)
	return md
}

// IncomingMetadata returns, in a handler, the request metadata the client
// sent. Do not modify it.
func IncomingMetadata(ctx context.Context) Metadata {
	if md, ok := ctx.Value(incomingKey{}).(Metadata); ok {
		return md
	}
	if s := serverStreamFrom(ctx); s != nil {
		return s.reqMD
	}
	return nil
}
