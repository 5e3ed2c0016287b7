package main

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"
)

// results holds every value of every metric of every benchmark, from one or
// more runs (-count), and the "# key: value" lines scripts/bench.sh writes
// on top of the raw output.
type results struct {
	// bench[name][unit] lists the values in input order. Names lack the
	// -GOMAXPROCS suffix.
	bench map[string]map[string][]float64
	meta  []meta
}

// meta is one "# key: value" line.
type meta struct{ key, value string }

const metaPrefix = "# "

func newResults() *results {
	return &results{bench: map[string]map[string][]float64{}}
}

// parseBench reads `go test -bench` output; other lines are skipped.
func parseBench(r io.Reader, into *results) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, metaPrefix); ok {
			if k, v, ok := strings.Cut(rest, ": "); ok {
				into.meta = append(into.meta, meta{k, v})
			}
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := trimProcs(f[0])
		m := into.bench[name]
		if m == nil {
			m = map[string][]float64{}
			into.bench[name] = m
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			m[f[i+1]] = append(m[f[i+1]], v)
		}
	}
	return sc.Err()
}

// trimProcs removes a trailing "-N" (GOMAXPROCS) from a benchmark name.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}

// has reports whether there are results for name.
func (r *results) has(name string) bool {
	_, ok := r.bench[name]
	return ok
}

// median returns the median of the values of unit for name, and whether
// there were any.
func (r *results) median(name, unit string) (float64, bool) {
	vs := r.bench[name][unit]
	if len(vs) == 0 {
		return 0, false
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2], true
	}
	return (s[n/2-1] + s[n/2]) / 2, true
}
