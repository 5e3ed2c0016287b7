#!/usr/bin/env bash
# bench.sh runs the comparative benchmark suite of e2e/bench (wsgen, grpc-go,
# connect-go, DRPC and raw gobwas/ws over loopback TCP, in one process) and
# writes, under docs/bench/:
#
#   results-DATE.txt     raw `go test -bench` output (machine and versions on top)
#   benchstat-DATE.txt   benchstat -col /sys of it (systems side by side, vs grpc)
#   tables.md            result tables and targets (also spliced into
#                        docs/benchmarks.md between its "bench tables" markers)
#   *.svg                latency percentiles, throughput against concurrency,
#                        streaming and idle-memory charts
#   profiles/            CPU and allocation profiles of wsgen's unary and
#                        server-streaming paths, and their pprof -top text
#
# Knobs (environment): COUNT (default 6), BENCHTIME (per case, default 1s),
# IDLECONNS (idle connections per system, default 10000), BENCH (a -bench
# regexp to run a subset; the idle and profile steps then still run unless
# SKIP_IDLE=1 / SKIP_PROFILES=1).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

COUNT=${COUNT:-6}
BENCHTIME=${BENCHTIME:-1s}
IDLECONNS=${IDLECONNS:-10000}
BENCH=${BENCH:-'Benchmark(Unary|Stream)$'}
date=$(date -u +%Y-%m-%d)
outdir=docs/bench
results=$outdir/results-$date.txt
mkdir -p "$outdir/profiles"

# Each idle connection costs a descriptor on each side (server in a child
# process, clients here): raise the soft limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
export PATH="$gobin:$PATH"
command -v benchstat >/dev/null 2>&1 || go install golang.org/x/perf/cmd/benchstat@latest

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd e2e && go test -c -o "$tmp/bench.test" ./bench)

mod() { (cd e2e && go list -m -f '{{.Path}} {{.Version}}' "$1"); }
{
	echo "# command: scripts/bench.sh (COUNT=$COUNT BENCHTIME=$BENCHTIME IDLECONNS=$IDLECONNS)"
	echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "# commit: $(git rev-parse --short HEAD)"
	echo "# uncommitted: $(git status --porcelain -- runtime templates e2e/bench | wc -l) changed files under runtime/, templates/, e2e/bench/"
	echo "# kernel: $(uname -sr)"
	echo "# cpu-model: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	echo "# nproc: $(nproc)"
	echo "# memory: $(free -h | awk '/^Mem:/ {print $2}')"
	echo "# go: $(go version)"
	for m in google.golang.org/grpc connectrpc.com/connect storj.io/drpc google.golang.org/protobuf github.com/gobwas/ws github.com/google/flatbuffers; do
		echo "# module: $(mod $m)"
	done
} >"$results"
echo "bench: writing $results"

"$tmp/bench.test" -test.run '^$' -test.bench "$BENCH" -test.benchmem \
	-test.count "$COUNT" -test.benchtime "$BENCHTIME" -test.timeout 2h | tee -a "$results"

if [ "${SKIP_IDLE:-0}" != 1 ]; then
	"$tmp/bench.test" -test.run '^$' -test.bench 'BenchmarkIdleConns' -test.benchtime 1x \
		-test.timeout 1h -idleconns "$IDLECONNS" | tee -a "$results"
fi

benchstat -col /sys "$results" >"$outdir/benchstat-$date.txt" || echo "bench: benchstat failed" >&2

if [ "${SKIP_PROFILES:-0}" != 1 ]; then
	prof=$outdir/profiles
	profile() { # name bench-regexp
		# Separate runs: recording every allocation would distort the CPU profile.
		"$tmp/bench.test" -test.run '^$' -test.bench "$2" -test.benchtime 3s \
			-test.cpuprofile "$prof/$1.cpu.pb.gz" >/dev/null
		"$tmp/bench.test" -test.run '^$' -test.bench "$2" -test.benchtime 1s \
			-test.memprofile "$prof/$1.mem.pb.gz" -test.memprofilerate 1 >/dev/null
		go tool pprof -top -nodecount 40 "$tmp/bench.test" "$prof/$1.cpu.pb.gz" >"$prof/$1.cpu.txt" 2>/dev/null
		go tool pprof -top -nodecount 40 -sample_index alloc_objects "$tmp/bench.test" "$prof/$1.mem.pb.gz" >"$prof/$1.allocs.txt" 2>/dev/null
	}
	profile unary-32B-c1 'BenchmarkUnary/size=32B/c=1/conns=1/sys=wsgen$'
	profile unary-32B-c256 'BenchmarkUnary/size=32B/c=256/conns=1/sys=wsgen$'
	profile stream-server 'BenchmarkStream/kind=server/size=32B/sys=wsgen$'
	# The wsgen server's heap with IDLECONNS idle connections, by allocation site.
	WSGEN_BENCH_IDLE_HEAPPROFILE="$PWD/$prof/idle-server.heap.pb.gz" "$tmp/bench.test" -test.run '^$' \
		-test.bench 'BenchmarkIdleConns/sys=wsgen$' -test.benchtime 1x -idleconns "$IDLECONNS" >/dev/null
	go tool pprof -top -nodecount 30 -sample_index inuse_space "$tmp/bench.test" "$prof/idle-server.heap.pb.gz" >"$prof/idle-server.heap.txt" 2>/dev/null
	echo "bench: profiles in $prof"
fi

(cd e2e && go run ./bench/cmd/plot -svg "../$outdir" -md "../$outdir/tables.md" -into ../docs/benchmarks.md "../$results")
echo "bench: done: $results, $outdir/benchstat-$date.txt, $outdir/tables.md, $outdir/*.svg"
