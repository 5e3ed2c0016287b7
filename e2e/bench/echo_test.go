package bench

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestEcho checks that every system answers every benchmark case
// correctly: unary calls of each size, alone and concurrent, on one
// connection and on several, and both streaming kinds.
func TestEcho(t *testing.T) {
	for _, s := range systems() {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			e := startEnv(t, s, 4)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			for _, size := range unarySizes {
				body := payload(size.n)
				t.Run("unary/"+size.name, func(t *testing.T) {
					if err := e.clients[0].unary(ctx, 42, body); err != nil {
						t.Fatal(err)
					}
				})
				t.Run("unary/"+size.name+"/concurrent", func(t *testing.T) {
					// 16 callers over the 4 connections, or one each when
					// the system does not multiplex.
					callers := 16
					if !s.multiplexed {
						callers = len(e.clients)
					}
					err := parallel(callers, callers, func(i int) error {
						for j := range 10 {
							seq := uint64(i*1000 + j)
							if err := e.clients[i%len(e.clients)].unary(ctx, seq, body); err != nil {
								return fmt.Errorf("caller %d call %d: %w", i, j, err)
							}
						}
						return nil
					})
					if err != nil {
						t.Fatal(err)
					}
				})
			}
			for _, tc := range []struct {
				name string
				n    int
				size int
			}{
				{"empty", 0, 32},
				{"one", 1, 32},
				{"many", 1000, 32},
				{"large", 20, 64 << 10},
			} {
				body := payload(tc.size)
				t.Run("server/"+tc.name, func(t *testing.T) {
					if err := e.clients[1].serverStream(ctx, tc.n, body); err != nil {
						t.Fatal(err)
					}
				})
				t.Run("bidi/"+tc.name, func(t *testing.T) {
					if err := e.clients[2].bidi(ctx, tc.n, body); err != nil {
						t.Fatal(err)
					}
				})
			}
		})
	}
}

// TestCheckPong checks that the reply check catches wrong answers.
func TestCheckPong(t *testing.T) {
	body := payload(8)
	for _, tc := range []struct {
		name    string
		seq     uint64
		body    []byte
		wantErr bool
	}{
		{"equal", 7, body, false},
		{"seq", 8, body, true},
		{"short", 7, body[:7], true},
		{"changed", 7, append(append([]byte(nil), body[:7]...), body[7]+1), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := checkPong(tc.seq, tc.body, 7, body); (err != nil) != tc.wantErr {
				t.Errorf("checkPong: %v, want error %v", err, tc.wantErr)
			}
		})
	}
}

// TestIdleConns runs the idle-connection measurement with a few
// connections: the child process serves, every connection answers, and the
// server reports a goroutine or more for each.
func TestIdleConns(t *testing.T) {
	for _, s := range systems() {
		t.Run(s.name, func(t *testing.T) {
			r := measureIdle(t, s, 8, 10*time.Millisecond)
			if r.server.Goroutines < 8 {
				t.Errorf("server gained %d goroutines for 8 connections, want at least 8", r.server.Goroutines)
			}
		})
	}
}

func TestParseMemSample(t *testing.T) {
	want := memSample{Heap: 1, Stack: 2, RSS: 3, Goroutines: 4}
	got, err := parseMemSample(want.String() + "\n")
	if err != nil || got != want {
		t.Fatalf("parseMemSample(%q) = %v, %v", want.String(), got, err)
	}
	if _, err := parseMemSample("nonsense"); err == nil {
		t.Error("parseMemSample accepted nonsense")
	}
}
