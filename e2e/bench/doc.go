// Package bench compares wsgen with grpc-go, connect-go, DRPC and a raw
// gobwas/ws echo (no RPC layer, the practical upper bound) on the same echo
// service over loopback TCP, side by side in one `go test -bench` run.
//
// Every case is a benchmark whose last name element is the system, for
// example BenchmarkUnary/size=32B/c=16/conns=1/sys=grpc, so that
// `benchstat -col /sys` puts the systems in columns. Besides ns/op, B/op and
// allocs/op (client and server together: they share the process) each case
// reports calls/s (or msgs/s), latency percentiles p50-ns, p90-ns, p99-ns and
// p99.9-ns from a log-bucket histogram ([Histogram]), and cpu-ns/op, the
// process's user+system CPU time per operation.
//
// BenchmarkIdleConns runs the server in a child process (the test binary
// re-executed) and reports the server's memory per idle connection.
//
// The tests (TestEcho...) check that every system answers every case
// correctly; scripts/test.sh also runs every benchmark once. The full suite
// is run by scripts/bench.sh; results are in docs/benchmarks.md.
package bench
