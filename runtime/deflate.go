package runtime

// permessage-deflate (RFC 7692), negotiated only when both sides set
// WithCompression, always with client_no_context_takeover and
// server_no_context_takeover: every message is compressed and inflated on
// its own, so compressors and decompressors live in the Server's or
// ClientConn's pool between messages and an idle connection holds none.

import (
	"compress/flate"
	"errors"
	"io"
	"sync"

	"github.com/gobwas/ws/wsflate"
)

// deflateMin is the smallest frame (protocol header included) that is
// compressed; smaller frames cost more to compress than they save.
const deflateMin = 256

// maxPooledDeflateOut is the largest compression output buffer kept for reuse.
const maxPooledDeflateOut = 1 << 20

// deflateParams are the only parameters wsgen offers and accepts: no
// context takeover in either direction, default window sizes.
var deflateParams = wsflate.Parameters{ServerNoContextTakeover: true, ClientNoContextTakeover: true}

// deflateTail ends every compressed message for the inflater: the
// 00 00 ff ff that the sender strips (RFC 7692 section 7.2.2) and an empty
// final stored block, so the flate reader ends with io.EOF.
var deflateTail = [...]byte{0x00, 0x00, 0xff, 0xff, 0x01, 0x00, 0x00, 0xff, 0xff}

// flatePool pools compressors and decompressors; one belongs to each
// Server and ClientConn (inside bufPool).
type flatePool struct {
	writers sync.Pool // *deflater
	readers sync.Pool // *inflater
}

// deflater is a pooled compressor with its output buffer.
type deflater struct {
	fw  *flate.Writer
	out appendWriter
}

// appendWriter is an io.Writer appending to b.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// inflater is a pooled decompressor with its input reader.
type inflater struct {
	fr  io.ReadCloser // implements flate.Resetter
	src tailReader
}

// tailReader reads p and then deflateTail.
type tailReader struct {
	p    []byte
	tail int
}

func (r *tailReader) Read(b []byte) (int, error) {
	if len(r.p) > 0 {
		n := copy(b, r.p)
		r.p = r.p[n:]
		return n, nil
	}
	if r.tail == len(deflateTail) {
		return 0, io.EOF
	}
	n := copy(b, deflateTail[r.tail:])
	r.tail += n
	return n, nil
}

// ReadByte makes tailReader an io.ByteReader, so flate reads it directly
// instead of wrapping it in a bufio.Reader.
func (r *tailReader) ReadByte() (byte, error) {
	var b [1]byte
	if _, err := r.Read(b[:]); err != nil {
		return 0, err
	}
	return b[0], nil
}

// compress returns the raw-deflate encoding of hdr, body and payload
// concatenated at level, without the trailing 00 00 ff ff, in d.out.b; the
// caller returns d with putDeflater once done with the bytes.
func (p *flatePool) compress(level int, hdr, body, payload []byte) *deflater {
	d, _ := p.writers.Get().(*deflater)
	if d == nil {
		fw, err := flate.NewWriter(nil, level)
		if err != nil { // level was validated by WithCompression
			fw, _ = flate.NewWriter(nil, flate.DefaultCompression)
		}
		d = &deflater{fw: fw}
	}
	d.out.b = d.out.b[:0]
	d.fw.Reset(&d.out)
	// appendWriter never fails.
	d.fw.Write(hdr)
	d.fw.Write(body)
	d.fw.Write(payload)
	d.fw.Flush()
	d.out.b = d.out.b[:len(d.out.b)-4] // the sync flush's 00 00 ff ff
	return d
}

func (p *flatePool) putDeflater(d *deflater) {
	d.fw.Reset(nil)
	if cap(d.out.b) > maxPooledDeflateOut {
		d.out.b = nil
	}
	p.writers.Put(d)
}

// errInflatedTooBig reports a compressed message inflating past the limit.
var errInflatedTooBig = errors.New("compressed message inflates past the size limit")

// inflate decompresses in (a whole compressed message) into a pooled read
// buffer of at most limit bytes. When the message inflates past limit it
// returns the first bytes (at least the frame header when limit allows)
// with errInflatedTooBig; a corrupt stream returns an error.
func (c *conn) inflate(in []byte, limit int) (*rbuf, error) {
	fp := &c.pool.flate
	inf, _ := fp.readers.Get().(*inflater)
	inf = resetInflater(inf, in)
	defer func() {
		inf.src = tailReader{}
		fp.readers.Put(inf)
	}()
	out := c.pool.get(min(limit, max(4*len(in), 512)))
	out.b = out.b[:min(cap(out.b), limit)]
	have := 0
	for {
		if have == len(out.b) {
			if have >= limit {
				var one [1]byte
				if n, _ := io.ReadFull(inf.fr, one[:]); n > 0 {
					out.b = out.b[:have]
					return out, errInflatedTooBig
				}
				break
			}
			next := c.pool.get(min(limit, 4*have))
			next.b = next.b[:min(cap(next.b), limit)]
			copy(next.b, out.b[:have])
			c.pool.put(out)
			out = next
		}
		n, err := inf.fr.Read(out.b[have:])
		have += n
		if err == io.EOF {
			break
		}
		if err != nil {
			c.pool.put(out)
			return nil, err
		}
	}
	out.b = out.b[:have]
	return out, nil
}

func resetInflater(inf *inflater, in []byte) *inflater {
	if inf == nil {
		inf = new(inflater)
		inf.src = tailReader{p: in}
		inf.fr = flate.NewReader(&inf.src)
		return inf
	}
	inf.src = tailReader{p: in}
	inf.fr.(flate.Resetter).Reset(&inf.src, nil)
	return inf
}
