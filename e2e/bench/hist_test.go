package bench

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func TestBucketRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    uint64
	}{
		{"zero", 0},
		{"exact", 100},
		{"last exact", subCount - 1},
		{"first log", subCount},
		{"microsecond", 1_000},
		{"millisecond", 1_000_000},
		{"second", 1_000_000_000},
		{"hour", uint64(time.Hour)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := bucketOf(tc.v)
			mid := bucketMid(i)
			width := max(tc.v/64, 1)
			if diff := int64(mid) - int64(tc.v); diff > int64(width) || -diff > int64(width) {
				t.Errorf("bucket %d of %d has middle %d, more than %d away", i, tc.v, mid, width)
			}
		})
	}
}

func TestBucketsMonotonic(t *testing.T) {
	prev := -1
	for v := uint64(0); v < 1<<22; v += 1 + v/1000 {
		i := bucketOf(v)
		if i < prev {
			t.Fatalf("bucketOf(%d) = %d after %d", v, i, prev)
		}
		if i >= numBuckets {
			t.Fatalf("bucketOf(%d) = %d out of range", v, i)
		}
		prev = i
	}
	if got := bucketOf(^uint64(0)); got != numBuckets-1 {
		t.Errorf("bucketOf(max) = %d, want the last bucket", got)
	}
}

func TestQuantiles(t *testing.T) {
	var h Histogram
	if h.Quantile(0.5) != 0 {
		t.Fatal("empty histogram has a median")
	}
	// 1..10000 µs, uniformly: the q-quantile is q*10 ms.
	r := rand.New(rand.NewPCG(1, 2))
	for _, i := range r.Perm(10000) {
		h.Record(time.Duration(i+1) * time.Microsecond)
	}
	for _, tc := range []struct {
		name string
		q    float64
		want time.Duration
	}{
		{"p50", 0.5, 5 * time.Millisecond},
		{"p90", 0.9, 9 * time.Millisecond},
		{"p99", 0.99, 9900 * time.Microsecond},
		{"p99.9", 0.999, 9990 * time.Microsecond},
		{"max", 1, 10 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := h.Quantile(tc.q)
			if d := got - tc.want; d > tc.want/50 || -d > tc.want/50 {
				t.Errorf("Quantile(%v) = %v, want %v within 2%%", tc.q, got, tc.want)
			}
		})
	}
	var o Histogram
	o.Record(time.Second)
	h.Merge(&o)
	if h.Count() != 10001 || h.Max() != time.Second || h.Quantile(1) != time.Second {
		t.Errorf("after Merge: count %d, max %v, q1 %v", h.Count(), h.Max(), h.Quantile(1))
	}
	h.Record(-time.Second)
	if h.Quantile(0) != 0 {
		t.Errorf("negative duration not counted as zero")
	}
	h.Reset()
	if h.Count() != 0 {
		t.Error("Reset left counts")
	}
}

func BenchmarkHistogramRecord(b *testing.B) {
	var h Histogram
	b.ReportAllocs()
	d := time.Duration(0)
	for b.Loop() {
		d += 37
		h.Record(d)
	}
}

func ExampleHistogram() {
	var h Histogram
	for i := 1; i <= 100; i++ {
		h.Record(time.Duration(i) * time.Millisecond)
	}
	fmt.Println(h.Count(), h.Quantile(0.5).Round(time.Millisecond), h.Quantile(0.99).Round(time.Millisecond))
	// Output: 100 50ms 99ms
}
