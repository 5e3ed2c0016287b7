package bench

import (
	"math/bits"
	"time"
)

// Histogram buckets.
//
// Values below 2^subBits are counted exactly. Above that, each power of two
// is split into 2^(subBits-1) equal buckets, so a bucket is at most 1/64 of
// its value wide (about 1.6% relative error), as in HDR histograms.
const (
	subBits     = 7
	subCount    = 1 << subBits // exact buckets
	halfCount   = subCount / 2 // buckets per power of two above them
	maxExponent = 40           // values up to 2^47 ns (about 39 hours)
	numBuckets  = subCount + maxExponent*halfCount
)

// Histogram records durations in log-spaced buckets without allocating. The
// zero value is empty and ready to use. It is not safe for concurrent use:
// give each goroutine its own and [Histogram.Merge] them.
type Histogram struct {
	counts [numBuckets]uint64
	n      uint64
	max    time.Duration
}

// bucketOf returns the bucket index of v.
func bucketOf(v uint64) int {
	if v < subCount {
		return int(v)
	}
	e := bits.Len64(v) - subBits // >= 1: v has subBits+e bits
	if e > maxExponent {
		return numBuckets - 1
	}
	m := v >> uint(e) // in [halfCount, subCount)
	return subCount + (e-1)*halfCount + int(m) - halfCount
}

// bucketMid returns a value in the middle of bucket i.
func bucketMid(i int) uint64 {
	if i < subCount {
		return uint64(i)
	}
	e := (i-subCount)/halfCount + 1
	m := uint64((i-subCount)%halfCount + halfCount)
	lo := m << uint(e)
	return lo + (uint64(1)<<uint(e))/2
}

// Record adds one duration; negative durations count as zero.
func (h *Histogram) Record(d time.Duration) {
	v := uint64(0)
	if d > 0 {
		v = uint64(d)
	}
	h.counts[bucketOf(v)]++
	h.n++
	if d > h.max {
		h.max = d
	}
}

// Merge adds the counts of o to h.
func (h *Histogram) Merge(o *Histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.n += o.n
	h.max = max(h.max, o.max)
}

// Count returns the number of recorded durations.
func (h *Histogram) Count() uint64 { return h.n }

// Max returns the largest recorded duration.
func (h *Histogram) Max() time.Duration { return h.max }

// Quantile returns the duration below which a fraction q (0..1) of the
// recorded durations fall, to the bucket's precision; 0 when empty.
func (h *Histogram) Quantile(q float64) time.Duration {
	if h.n == 0 {
		return 0
	}
	q = min(max(q, 0), 1)
	rank := uint64(q*float64(h.n) + 0.5)
	rank = min(max(rank, 1), h.n)
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			return min(time.Duration(bucketMid(i)), h.max)
		}
	}
	return h.max
}

// Reset empties h.
func (h *Histogram) Reset() { *h = Histogram{} }
