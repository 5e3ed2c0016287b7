#!/usr/bin/env bash
# test.sh is the project's one test command (README, CI): it installs what
# the tests need, checks formatting, vets and tests the core module with the
# race detector, then vets and tests the e2e module. Any failure fails it.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

current=""
section() {
	current="$*"
	printf '\n==== %s ====\n' "$*"
}
trap 'rc=$?; if [ $rc -ne 0 ]; then printf "\n==== FAILED (exit %d) in: %s ====\n" "$rc" "$current" >&2; fi' EXIT

section "deps"
bash scripts/deps.sh
command -v flatc >/dev/null || { echo "test: ERROR: flatc not on PATH" >&2; exit 1; }
go version

section "gofmt"
# Every Go file, golden output included, must be gofmt-clean.
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
	echo "gofmt: these files are not formatted (run gofmt -w):" >&2
	echo "$unformatted" >&2
	exit 1
fi
echo "ok"

section "core: go vet ./..."
go vet ./...

section "core: go test -race ./..."
go test -race -timeout 20m ./...

section "e2e: registry of golden packages"
# e2e/flatc finds the golden packages' types through a generated file;
# regenerate it so that a golden package added since its last commit is
# tested too (TestRegistryUpToDate reports a stale file in plain go test).
before=$(git hash-object e2e/flatc/registry_test.go)
(cd e2e && go generate ./flatc)
if [ "$(git hash-object e2e/flatc/registry_test.go)" != "$before" ]; then
	echo "note: e2e/flatc/registry_test.go was stale and has been regenerated; commit it"
else
	echo "ok"
fi

section "e2e: go vet ./..."
(cd e2e && go vet ./...)

section "e2e: go test ./..."
(cd e2e && go test -timeout 20m ./...)

section "e2e: benchmarks once (short)"
# Every comparative benchmark case runs once, so a change that breaks one is
# seen; the full suite is scripts/bench.sh.
# Only ./bench has benchmarks and defines the -idle* flags (its
# subpackages' test binaries would reject them).
(cd e2e && go test -timeout 10m ./bench -run '^$' -bench . -benchtime 1x -idleconns 100 -idlesettle 100ms)

section "all passed"
