#!/usr/bin/env bash
# gen.sh regenerates the code the encode/decode benchmarks compare (both
# outputs are checked in): orders/orders.wsgen.go with wsgen from this
# repository, and orderpb/order.pb.go with protoc (Debian protobuf-compiler)
# and protoc-gen-go (installed into GOBIN at the version below when missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
export PATH="$gobin:$PATH"
command -v protoc-gen-go >/dev/null 2>&1 || go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.11

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd ../.. && go build -o "$tmp/wsgen" ./cmd/wsgen)
(cd orders && "$tmp/wsgen" .)

protoc -I orderpb --go_out=orderpb --go_opt=paths=source_relative orderpb/order.proto
