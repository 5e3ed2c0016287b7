package leak

import (
	"bytes"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Check records the current goroutines and returns a function that fails t
// if goroutines started after Check are still running after a grace period
// (default 5s). Use it as `defer leak.Check(t)()`.
func Check(t testing.TB) func() {
	t.Helper()
	return CheckWithin(t, 5*time.Second)
}

// CheckWithin is Check with the given grace period.
func CheckWithin(t testing.TB, grace time.Duration) func() {
	t.Helper()
	before := snapshot()
	return func() {
		t.Helper()
		deadline := time.Now().Add(grace)
		var extra []string
		for {
			extra = extra[:0]
			for id, stack := range snapshot() {
				if _, ok := before[id]; !ok && !ignored(stack) {
					extra = append(extra, stack)
				}
			}
			if len(extra) == 0 {
				return
			}
			if time.Now().After(deadline) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		sort.Strings(extra)
		t.Errorf("leak: %d goroutine(s) still running:\n\n%s", len(extra), strings.Join(extra, "\n\n"))
	}
}

// Count returns the number of goroutines that are not part of the testing
// machinery, for assertions such as "back to the baseline".
func Count() int {
	n := 0
	for _, s := range snapshot() {
		if !ignored(s) {
			n++
		}
	}
	return n
}

// snapshot returns the stacks of all goroutines by goroutine id, except the
// calling one.
func snapshot() map[uint64]string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	out := map[uint64]string{}
	for i, g := range bytes.Split(buf, []byte("\n\n")) {
		if i == 0 {
			continue // the caller
		}
		s := string(g)
		id, ok := parseID(s)
		if ok {
			out[id] = s
		}
	}
	return out
}

// parseID extracts N from a stack that starts "goroutine N [state]:".
func parseID(stack string) (uint64, bool) {
	rest, ok := strings.CutPrefix(stack, "goroutine ")
	if !ok {
		return 0, false
	}
	end := strings.IndexByte(rest, ' ')
	if end < 0 {
		return 0, false
	}
	id, err := strconv.ParseUint(rest[:end], 10, 64)
	return id, err == nil
}

// ignored reports goroutines owned by the test framework or the runtime.
func ignored(stack string) bool {
	for _, s := range []string{
		"testing.(*T).Run(",
		"testing.(*T).Parallel(",
		"testing.tRunner.func1",
		"testing.runFuzzing",
		"testing.(*F).Fuzz",
		"runtime.goexit0",
		"os/signal.signal_recv",
		"created by runtime.gc",
		"runtime.ReadTrace",
	} {
		if strings.Contains(stack, s) {
			return true
		}
	}
	return false
}
