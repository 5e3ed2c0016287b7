#!/usr/bin/env bash
# deps.sh installs the tools the tests need on a fresh Debian machine, and
# does nothing for tools already on PATH. It fails loudly when it cannot.
#
#   flatc   (flatbuffers-compiler)  interop tests in e2e/flatc
#   protoc  (protobuf-compiler)     regenerating the protobuf peers of the benchmarks
#                                   (e2e/bench/proto/gen.sh, e2e/gobench/gen.sh)
set -euo pipefail

# tool -> Debian package
tools=(flatc protoc)
declare -A pkg=([flatc]=flatbuffers-compiler [protoc]=protobuf-compiler)

missing=()
for t in "${tools[@]}"; do
	if ! command -v "$t" >/dev/null 2>&1; then
		missing+=("${pkg[$t]}")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all present: ${tools[*]}"
	exit 0
fi

echo "deps: installing ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: ERROR: apt-get not found; install ${missing[*]} by hand" >&2
	exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps: ERROR: not root and sudo not found; install ${missing[*]} by hand" >&2
		exit 1
	fi
	sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

for t in "${tools[@]}"; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "deps: ERROR: $t still not on PATH after installing ${pkg[$t]}" >&2
		exit 1
	fi
done
echo "deps: installed; $(flatc --version)"
