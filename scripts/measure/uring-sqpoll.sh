#!/usr/bin/env bash
# uring with and without --sqpoll (issue 24, item 1): the same closed-loop load (64 B, DURATION
# per run after the default 1 s warm-up) against `serve --engine uring` spawned by `load --spawn`,
# at 10, 100 and 1000 clients; PAIRS pairs per size, the order alternating (off, on / on, off) so
# that neither always runs first. Each run is one JSON file in OUT (requests/s, server and client
# CPU per request); uring-sqpoll-table.py makes the table from them.
#
#   flock /tmp/kechobench-measure.lock scripts/measure/uring-sqpoll.sh OUT [PAIRS]
# KECHOBENCH: the program (default: this checkout's Release build through dotnet).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:?output folder}"; pairs="${2:-4}"; duration="${DURATION:-4s}"
read -r -a program <<< "${KECHOBENCH:-dotnet $repo/src/Bench/bin/Release/net10.0/kechobench.dll}"
mkdir -p "$out"

run() { # clients pair variant
  local extra=()
  [[ "$3" == sqpoll ]] && extra=(--sqpoll)
  "${program[@]}" load --spawn uring "${extra[@]}" --backlog 4096 -c "$1" -d "$duration" \
    --json "$out/$1-$2-$3.json" > "$out/$1-$2-$3.out" 2>&1
}

for clients in 10 100 1000; do
  for pair in $(seq "$pairs"); do
    if (( pair % 2 )); then run "$clients" "$pair" plain; run "$clients" "$pair" sqpoll
    else run "$clients" "$pair" sqpoll; run "$clients" "$pair" plain; fi
  done
done
