package runtime

import (
	"sync"

	flatbuffers "github.com/google/flatbuffers/go"
)

// rbuf is a pooled read buffer holding one received WebSocket message.
type rbuf struct {
	b     []byte
	class int8 // index into bufPool.classes, -1 if not pooled
}

// Size classes of read buffers: 512 B << 2k.
const (
	minClassShift = 9
	nClasses      = 9 // 512 B .. 32 MiB
)

// bufPool pools read buffers by size class and reply builders. One belongs
// to each Server and each ClientConn; sync.Pool makes it safe for concurrent
// use.
type bufPool struct {
	classes  [nClasses]sync.Pool
	builders sync.Pool
	reads    sync.Pool // *[]byte of readBufferSize: connections' read buffers
	flate    flatePool // permessage-deflate compressors and decompressors
}

// readBuf returns a connection read buffer of readBufferSize bytes.
func (p *bufPool) readBuf() *[]byte {
	if v, ok := p.reads.Get().(*[]byte); ok {
		return v
	}
	// One allocation for the slice header and its array (a pool miss is
	// common under the race detector, which drops pooled items).
	rb := new(readBuffer)
	rb.b = rb.a[:]
	return &rb.b
}

// readBuffer is a read buffer with its slice header.
type readBuffer struct {
	b []byte
	a [readBufferSize]byte
}

// putReadBuf recycles a buffer from readBuf (others are dropped).
func (p *bufPool) putReadBuf(b *[]byte) {
	if b != nil && len(*b) == readBufferSize {
		p.reads.Put(b)
	}
}

// maxPooledBuilder is the largest builder buffer kept for reuse.
const maxPooledBuilder = 1 << 20

func classOf(n int) int {
	c, size := 0, 1<<minClassShift
	for size < n {
		size <<= 2
		c++
	}
	return c
}

// get returns a buffer of length n.
func (p *bufPool) get(n int) *rbuf {
	c := classOf(n)
	if c >= nClasses {
		return &rbuf{b: make([]byte, n), class: -1}
	}
	if v, ok := p.classes[c].Get().(*rbuf); ok {
		v.b = v.b[:n]
		return v
	}
	return &rbuf{b: make([]byte, n, 1<<(minClassShift+2*c)), class: int8(c)}
}

// put recycles b; b must not be used afterwards.
func (p *bufPool) put(b *rbuf) {
	if b == nil || b.class < 0 {
		return
	}
	p.classes[b.class].Put(b)
}

// builder returns an empty builder.
func (p *bufPool) builder() *flatbuffers.Builder {
	if b, ok := p.builders.Get().(*flatbuffers.Builder); ok {
		return b
	}
	return flatbuffers.NewBuilder(1024)
}

// putBuilder resets b and keeps it unless it grew too large.
func (p *bufPool) putBuilder(b *flatbuffers.Builder) {
	if b == nil || cap(b.Bytes) > maxPooledBuilder {
		return
	}
	b.Reset()
	p.builders.Put(b)
}
