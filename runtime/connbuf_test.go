package runtime

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"sync/atomic"
	"testing"
)

// chunkConn is a net.Conn (not a socket) whose reads return the scripted
// chunks one by one, the last one together with err.
type chunkConn struct {
	net.Conn
	chunks [][]byte
	err    error
}

func (c *chunkConn) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, c.err
	}
	n := copy(p, c.chunks[0])
	c.chunks[0] = c.chunks[0][n:]
	if len(c.chunks[0]) == 0 {
		c.chunks = c.chunks[1:]
	}
	if len(c.chunks) == 0 {
		return n, c.err
	}
	return n, nil
}

// readAllVia consumes r with a mix of Peek, Discard and ReadFull of the
// given sizes (cycled) and returns what it read.
func readAllVia(cr *connReader, sizes []int) ([]byte, error) {
	var out []byte
	for i := 0; ; i++ {
		n := sizes[i%len(sizes)]
		switch i % 3 {
		case 0:
			p, err := cr.Peek(min(n, 14))
			if err != nil {
				return out, err
			}
			out = append(out, p...)
			if err := cr.Discard(len(p)); err != nil {
				return out, err
			}
		case 1, 2:
			p := make([]byte, n)
			if err := cr.ReadFull(p); err != nil {
				return out, err
			}
			out = append(out, p...)
		}
	}
}

func TestConnReader(t *testing.T) {
	data := make([]byte, 40_000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	split := func(sizes ...int) [][]byte {
		var cs [][]byte
		rest := data
		for i := 0; len(rest) > 0; i++ {
			n := min(sizes[i%len(sizes)], len(rest))
			cs = append(cs, rest[:n])
			rest = rest[n:]
		}
		return cs
	}
	cases := []struct {
		name   string
		chunks [][]byte
		sizes  []int
	}{
		{"one byte at a time", split(1), []int{3, 5, 2}},
		{"small buffer exactly filled", split(smallReadBuffer), []int{14, 200, 300}},
		{"large chunks, small reads", split(20_000), []int{2, 6, 100}},
		{"mixed chunks, large reads", split(7, 300, 9000, 1), []int{14, 9000, 12_000}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var last atomic.Int64
			var pool bufPool
			cr := newConnReader(&chunkConn{chunks: tc.chunks, err: io.EOF}, nil, &pool, &last)
			got, err := readAllVia(cr, tc.sizes)
			if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("err = %v, want EOF", err)
			}
			// The last, partial read is lost; everything before must match.
			if !bytes.Equal(got, data[:len(got)]) || len(data)-len(got) > 12_000 {
				t.Fatalf("read %d bytes, first difference within %d", len(got), len(data))
			}
			if last.Load() == 0 {
				t.Error("lastRead not set")
			}
			cr.release()
			if cr.big != nil {
				t.Error("pooled buffer kept after release")
			}
		})
	}
	t.Run("data with EOF is delivered first", func(t *testing.T) {
		var last atomic.Int64
		var pool bufPool
		cr := newConnReader(&chunkConn{chunks: [][]byte{data[:smallReadBuffer]}, err: io.EOF}, nil, &pool, &last)
		p := make([]byte, smallReadBuffer)
		if err := cr.ReadFull(p); err != nil || !bytes.Equal(p, data[:smallReadBuffer]) {
			t.Fatalf("ReadFull: %v", err)
		}
		if _, err := cr.Peek(1); err != io.EOF {
			t.Fatalf("Peek after the data: %v, want EOF", err)
		}
	})
	t.Run("handshake leftovers come first", func(t *testing.T) {
		var last atomic.Int64
		var pool bufPool
		br := bufio.NewReader(bytes.NewReader(data[:100]))
		br.Peek(100)
		cr := newConnReader(&chunkConn{chunks: [][]byte{data[100:300]}, err: io.EOF}, br, &pool, &last)
		p := make([]byte, 300)
		if err := cr.ReadFull(p); err != nil || !bytes.Equal(p, data[:300]) {
			t.Fatalf("ReadFull: %v", err)
		}
	})
	t.Run("socket", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		go func() {
			c, err := net.Dial("tcp", l.Addr().String())
			if err != nil {
				return
			}
			defer c.Close()
			for rest := data; len(rest) > 0; {
				n := min(len(rest), 3001)
				c.Write(rest[:n])
				rest = rest[n:]
			}
		}()
		c, err := l.Accept()
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var last atomic.Int64
		var pool bufPool
		cr := newConnReader(c, nil, &pool, &last)
		if cr.raw == nil {
			t.Fatal("a TCP connection should be read through its RawConn")
		}
		got := make([]byte, len(data))
		for off := 0; off < len(got); {
			n := min(len(got)-off, 1+off%5000)
			if err := cr.ReadFull(got[off : off+n]); err != nil {
				t.Fatal(err)
			}
			off += n
		}
		if !bytes.Equal(got, data) {
			t.Fatal("data differs")
		}
		if _, err := cr.Peek(1); err != io.EOF {
			t.Fatalf("after the data: %v, want EOF", err)
		}
		if cr.big != nil {
			t.Error("pooled buffer kept after the data was consumed")
		}
	})
}
