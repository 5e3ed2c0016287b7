#!/usr/bin/env bash
# gen.sh regenerates the protobuf, grpc-go, connect-go and DRPC code for
# echo.proto into echopb/ (checked in, so neither CI nor the benchmarks need
# protoc). Needs protoc (Debian protobuf-compiler); installs the plugins at
# the versions below into GOBIN when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
export PATH="$gobin:$PATH"

install() { # tool module@version
	command -v "$1" >/dev/null 2>&1 || go install "$2"
}
install protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.11
install protoc-gen-go-grpc google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.2
install protoc-gen-connect-go connectrpc.com/connect/cmd/protoc-gen-connect-go@v1.21.1
install protoc-gen-go-drpc storj.io/drpc/cmd/protoc-gen-go-drpc@v1.0.0

mod=github.com/wsgen/wsgen/e2e/bench/proto
rm -rf echopb
mkdir -p echopb
protoc -I . \
	--go_out=echopb --go_opt=module=$mod/echopb \
	--go-grpc_out=echopb --go-grpc_opt=module=$mod/echopb \
	--connect-go_out=echopb --connect-go_opt=module=$mod/echopb \
	--go-drpc_out=echopb --go-drpc_opt=module=$mod/echopb,protolib=google.golang.org/protobuf \
	echo.proto
