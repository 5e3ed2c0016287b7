package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"

	_ "github.com/wsgen/wsgen/internal/golden"
)

const sample = `# nproc: 2
# go: go version go1.26.8 linux/amd64
goos: linux
BenchmarkUnary/size=32B/c=1/conns=1/sys=grpc-2   1000  50000 ns/op  20000 calls/s  50000 cpu-ns/op  40000 p50-ns  60000 p90-ns  90000 p99-ns  120000 p99.9-ns  9000 B/op  150 allocs/op
BenchmarkUnary/size=32B/c=1/conns=1/sys=grpc-2   1000  52000 ns/op  19000 calls/s  50000 cpu-ns/op  44000 p50-ns  60000 p90-ns  90000 p99-ns  120000 p99.9-ns  9000 B/op  150 allocs/op
BenchmarkUnary/size=32B/c=1/conns=1/sys=wsgen-2  1000  20000 ns/op  50000 calls/s  20000 cpu-ns/op  18000 p50-ns  30000 p90-ns  40000 p99-ns   60000 p99.9-ns   900 B/op    6 allocs/op  4 rd-sys/op  2 wr-sys/op
BenchmarkStream/kind=server/size=32B/sys=grpc-2  100000  2000 ns/op  500000 msgs/s
BenchmarkStream/kind=server/size=32B/sys=wsgen-2 100000   500 ns/op 2000000 msgs/s
BenchmarkIdleConns/sys=grpc-2   1  3000000000 ns/op  40000 client-B/conn  20000 server-B/conn  3 server-goroutines/conn  24000 server-rss-B/conn
PASS
`

func parsed(t *testing.T) *results {
	t.Helper()
	r := newResults()
	if err := parseBench(strings.NewReader(sample), r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestParseAndMedian(t *testing.T) {
	r := parsed(t)
	for _, tc := range []struct {
		name, bench, unit string
		want              float64
	}{
		{"median of two", unaryName("32B", 1, 1, "grpc"), "p50-ns", 42000},
		{"single", unaryName("32B", 1, 1, "wsgen"), "allocs/op", 6},
		{"stream", streamName("server", "wsgen"), "msgs/s", 2e6},
		{"idle", idleName("grpc"), "server-B/conn", 20000},
		{"missing", unaryName("1KiB", 1, 1, "grpc"), "calls/s", math.NaN()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := r.get(tc.bench, tc.unit)
			if got != tc.want && !(math.IsNaN(got) && math.IsNaN(tc.want)) {
				t.Errorf("get(%s, %s) = %v, want %v", tc.bench, tc.unit, got, tc.want)
			}
		})
	}
}

func TestTrimProcs(t *testing.T) {
	for in, want := range map[string]string{"BenchmarkX/sys=grpc-2": "BenchmarkX/sys=grpc", "BenchmarkX/sys=wsgen-obj": "BenchmarkX/sys=wsgen-obj", "BenchmarkX": "BenchmarkX"} {
		if got := trimProcs(in); got != want {
			t.Errorf("trimProcs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTargets(t *testing.T) {
	ts := targets(parsed(t))
	if !ts[0].met() || math.Abs(ts[0].got-18000.0/42000) > 1e-9 {
		t.Errorf("p50 target: %+v", ts[0])
	}
	if ts[5].got != 4 || !ts[5].met() {
		t.Errorf("streaming target: %+v", ts[5])
	}
	if ts[6].met() {
		t.Errorf("raw target met without a raw result: %+v", ts[6])
	}
}

func TestChartsAreSVG(t *testing.T) {
	for name, c := range charts(parsed(t)) {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.writeSVG(&b); err != nil {
				t.Fatal(err)
			}
			d := xml.NewDecoder(&b)
			for {
				tok, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed XML: %v", err)
				}
				// encoding/xml accepts repeated attributes; XML does not.
				if se, ok := tok.(xml.StartElement); ok {
					seen := map[xml.Name]bool{}
					for _, a := range se.Attr {
						if seen[a.Name] {
							t.Fatalf("<%s> repeats attribute %s", se.Name.Local, a.Name.Local)
						}
						seen[a.Name] = true
					}
				}
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	md := markdown(parsed(t))
	for _, want := range []string{"| 1/1 | wsgen | 50k | 2.56× |", "| server | wsgen | 2M | 4.00× |", "| grpc | 20000 | 1.00× |", "| nproc | `2` |", "| 6 | 900 | 20.0 | 4 / 2 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestSplice(t *testing.T) {
	doc := "intro\n" + beginMark + "\nold\n" + endMark + "\nrest\n"
	got, err := splice(doc, "new\n")
	if want := "intro\n" + beginMark + "\nnew\n" + endMark + "\nrest\n"; err != nil || got != want {
		t.Errorf("splice = %q, %v; want %q", got, err, want)
	}
	if _, err := splice("no markers", "x"); err == nil {
		t.Error("splice without markers succeeded")
	}
}
