package mutate_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	_ "github.com/wsgen/wsgen/internal/golden"
	"github.com/wsgen/wsgen/internal/mutate"
)

// TestBuffer: the input is never modified, every kind of change happens
// (same length with other bytes, longer, shorter), and an empty buffer stays
// empty.
func TestBuffer(t *testing.T) {
	orig := []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}
	in := bytes.Clone(orig)
	r := rand.New(rand.NewPCG(1, 2))
	var changed, longer, shorter int
	for range 1000 {
		out := mutate.Buffer(r, in)
		switch {
		case len(out) > len(in):
			longer++
		case len(out) < len(in):
			shorter++
		case !bytes.Equal(out, in):
			changed++
		}
	}
	if !bytes.Equal(in, orig) {
		t.Fatalf("input modified: %v", in)
	}
	if changed == 0 || longer == 0 || shorter == 0 {
		t.Errorf("changed %d, longer %d, shorter %d of 1000: want each > 0", changed, longer, shorter)
	}
	if got := mutate.Buffer(r, nil); len(got) != 0 {
		t.Errorf("Buffer(nil) = %v", got)
	}
}
