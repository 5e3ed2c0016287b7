package bench

import (
	"flag"
	"os"
	"testing"
	"time"

	_ "github.com/wsgen/wsgen/internal/golden"
)

var (
	idleConns  = flag.Int("idleconns", 10000, "BenchmarkIdleConns: number of idle connections per system")
	idleSettle = flag.Duration("idlesettle", 2*time.Second, "BenchmarkIdleConns: wait after connecting before measuring")
)

// TestMain runs the idle-connection server when the binary was started as
// its child (see startIdleServer), and the tests otherwise.
func TestMain(m *testing.M) {
	if name := os.Getenv(childEnv); name != "" {
		os.Exit(runIdleChild(name, os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// BenchmarkIdleConns measures the server memory per idle connection
// (server-B/conn: heap in use plus goroutine stacks, after GC, in a child
// process; server-rss-B/conn: the child's resident set) and the client's
// in this process (client-B/conn). Each run opens -idleconns connections;
// run it with -benchtime=1x.
func BenchmarkIdleConns(b *testing.B) {
	for _, s := range systems() {
		b.Run("sys="+s.name, func(b *testing.B) {
			var r idleResult
			for range b.N {
				r = measureIdle(b, s, *idleConns, *idleSettle)
			}
			b.ReportMetric(r.perConn(r.server), "server-B/conn")
			b.ReportMetric(float64(r.serverRSS)/float64(r.n), "server-rss-B/conn")
			b.ReportMetric(float64(r.server.Goroutines)/float64(r.n), "server-goroutines/conn")
			b.ReportMetric(r.perConn(r.client), "client-B/conn")
		})
	}
}
