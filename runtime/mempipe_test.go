package runtime

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"

	_ "github.com/wsgen/wsgen/internal/golden"
)

func TestMemPipe(t *testing.T) {
	t.Run("round trip in chunks", func(t *testing.T) {
		a, b := newMemPipe()
		defer a.Close()
		defer b.Close()
		want := bytes.Repeat([]byte("0123456789"), 100_000) // 1 MB, 4 buffers' worth
		go func() { a.Write(want); a.Close() }()
		got, err := io.ReadAll(b)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("read %d bytes, err %v", len(got), err)
		}
	})
	t.Run("writer blocks when the buffer is full", func(t *testing.T) {
		a, b := newMemPipe()
		defer a.Close()
		defer b.Close()
		a.SetWriteDeadline(time.Now().Add(50 * time.Millisecond))
		n, err := a.Write(make([]byte, memPipeSize+10))
		if n != memPipeSize || !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("wrote %d, %v; want %d and a deadline error", n, err, memPipeSize)
		}
	})
	t.Run("read deadline", func(t *testing.T) {
		a, b := newMemPipe()
		defer a.Close()
		defer b.Close()
		b.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		if _, err := b.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("got %v", err)
		}
		b.SetReadDeadline(time.Time{}) // cleared: reads work again
		go a.Write([]byte("x"))
		if n, err := b.Read(make([]byte, 1)); n != 1 || err != nil {
			t.Fatalf("after clearing the deadline: %d %v", n, err)
		}
	})
	t.Run("moved deadline", func(t *testing.T) {
		a, b := newMemPipe()
		defer a.Close()
		defer b.Close()
		b.SetReadDeadline(time.Now().Add(10 * time.Millisecond))
		b.SetReadDeadline(time.Now().Add(time.Hour)) // the first timer must not fire
		go func() { time.Sleep(50 * time.Millisecond); a.Write([]byte("y")) }()
		if n, err := b.Read(make([]byte, 1)); n != 1 || err != nil {
			t.Fatalf("read with a moved deadline: %d %v", n, err)
		}
	})
	t.Run("close", func(t *testing.T) {
		a, b := newMemPipe()
		a.Write([]byte("tail"))
		a.Close()
		if _, err := a.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
			t.Fatalf("write after close: %v", err)
		}
		buf := make([]byte, 10)
		if n, err := b.Read(buf); n != 4 || err != nil {
			t.Fatalf("buffered data after close: %d %v", n, err)
		}
		if _, err := b.Read(buf); err != io.EOF {
			t.Fatalf("read after drain: %v", err)
		}
		if _, err := b.Write([]byte("x")); !errors.Is(err, io.ErrClosedPipe) {
			t.Fatalf("write to a closed peer: %v", err)
		}
		b.Close()
	})
	t.Run("listener", func(t *testing.T) {
		l := NewMemListener()
		go func() {
			c, err := l.Accept()
			if err == nil {
				c.Write([]byte("hi"))
				c.Close()
			}
		}()
		c, err := l.DialContext(t.Context(), "", "")
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(c)
		if string(got) != "hi" {
			t.Fatalf("got %q", got)
		}
		l.Close()
		if _, err := l.Accept(); !errors.Is(err, net.ErrClosed) {
			t.Fatalf("Accept after Close: %v", err)
		}
		if _, err := l.DialContext(t.Context(), "", ""); err == nil {
			t.Fatal("dial after Close succeeded")
		}
	})
}
