package leak

import (
	"testing"
	"time"

	_ "github.com/wsgen/wsgen/internal/golden"
)

// fakeTB records failures instead of failing the real test.
type fakeTB struct {
	testing.TB
	failed bool
}

func (f *fakeTB) Helper()               {}
func (f *fakeTB) Errorf(string, ...any) { f.failed = true }

func TestCheckFindsLeak(t *testing.T) {
	stop := make(chan struct{})
	f := &fakeTB{TB: t}
	done := CheckWithin(f, 300*time.Millisecond)
	go func() { <-stop }()
	start := time.Now()
	done()
	close(stop)
	if !f.failed {
		t.Fatal("Check did not report a goroutine that outlived it")
	}
	if time.Since(start) < 250*time.Millisecond {
		t.Fatal("Check gave up before its grace period")
	}
}

func TestCheckPassesWhenGoroutinesExit(t *testing.T) {
	f := &fakeTB{TB: t}
	done := Check(f)
	stop := make(chan struct{})
	go func() { <-stop }()
	go func() { time.Sleep(50 * time.Millisecond); close(stop) }()
	done()
	if f.failed {
		t.Fatal("Check reported goroutines that exited within the grace period")
	}
}

func TestParseID(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stack string
		id    uint64
		ok    bool
	}{
		{"running", "goroutine 42 [running]:\nmain.main()", 42, true},
		{"no prefix", "thread 42 [running]:", 0, false},
		{"no space", "goroutine 42", 0, false},
		{"not a number", "goroutine x [running]:", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, ok := parseID(tc.stack)
			if id != tc.id || ok != tc.ok {
				t.Errorf("parseID(%q) = %d, %v; want %d, %v", tc.stack, id, ok, tc.id, tc.ok)
			}
		})
	}
}
