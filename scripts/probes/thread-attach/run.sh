#!/usr/bin/env bash
# Builds the probe (needs a C compiler) and runs the three modes, interleaved, ROUNDS times.
#   scripts/probes/thread-attach/run.sh [THREADS=1000] [ROUNDS=3]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${TMPDIR:-/tmp}/kechobench-thread-attach"
dotnet build -c Release -o "$out" "$here/ThreadAttachProbe.csproj" >/dev/null
cc -O2 -shared -fPIC -o "$out/libentry.so" "$here/entry.c"
for _ in $(seq "${2:-3}"); do
  for mode in native managed managed-live; do
    "$out/ThreadAttachProbe" "$mode" "${1:-1000}"
  done
done
