#!/usr/bin/env bash
# Soak: holds a sustained load on each engine and records the server's RSS, threads and open
# descriptors over time; they must stay flat. Not a test (it runs for minutes) and not part of any
# bench profile. Recipe and figures: docs/engines.md, "At the limits".
#
#   scripts/soak.sh                       # every engine, 10 minutes each, one after another
#   DURATION=120 scripts/soak.sh cmwq     # one engine, 2 minutes
#
# Load on each engine, at the same time:
#   - a closed loop of CLIENTS connections echoing SIZE-byte messages for the whole run
#     (the workqueue gets one client: with its default workers, more would starve by design);
#   - churn: every CHURN_EVERY seconds a kecho-style burst of BURST connections that connect, echo
#     once and close, so the accept, admission and close paths run all the time.
# Every SAMPLE_EVERY seconds one CSV line: seconds, RSS KiB, threads, open descriptors, CPU seconds.
# Output: $OUT/<engine>.csv and a summary line per engine: the first sample after the warm-up, the
# last one under load, the extremes in between, and the sample taken once the load has ended.
set -euo pipefail

DURATION=${DURATION:-600}
CLIENTS=${CLIENTS:-50}
SIZE=${SIZE:-64}
BURST=${BURST:-100}
CHURN_EVERY=${CHURN_EVERY:-2}
SAMPLE_EVERY=${SAMPLE_EVERY:-5}
WARMUP=${WARMUP:-20}
OUT=${OUT:-/tmp/kechobench-soak}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DLL=${KECHOBENCH_DLL:-$ROOT/src/Bench/bin/Release/net10.0/kechobench.dll}
ENGINES=("$@")
[ ${#ENGINES[@]} -gt 0 ] || ENGINES=(thread workqueue cmwq eventloop)

[ -f "$DLL" ] || { echo "build first: dotnet build -c Release KEchoBench.sln ($DLL not found)" >&2; exit 2; }
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)"

sample() { # pid start -> one CSV line
  local pid=$1 start=$2 rss threads fds ticks
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
  fds=$(ls "/proc/$pid/fd" | wc -l)
  ticks=$(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$pid/stat")
  echo "$(( $(date +%s) - start )),$rss,$threads,$fds,$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}')"
}

for engine in "${ENGINES[@]}"; do
  clients=$CLIENTS
  [ "$engine" = workqueue ] && clients=1
  ready=$(mktemp)
  dotnet "$DLL" serve --engine "$engine" --port 0 --backlog 1024 >"$ready" 2>"$OUT/$engine.serve.err" &
  server=$!
  until grep -q '^listening on' "$ready"; do sleep 0.2; kill -0 "$server"; done
  port=$(sed -n 's/^listening on [^:]*:\([0-9]*\) .*/\1/p' "$ready")
  start=$(date +%s)

  dotnet "$DLL" load --port "$port" --clients "$clients" --size "$SIZE" --duration "${DURATION}s" --json "$OUT/$engine.load.json" >"$OUT/$engine.load.txt" 2>&1 &
  steady=$!
  (
    while kill -0 "$steady" 2>/dev/null; do
      dotnet "$DLL" load --mode burst --port "$port" --clients "$BURST" --rounds 1 >>"$OUT/$engine.churn.txt" 2>&1 || echo "burst failed" >>"$OUT/$engine.churn.txt"
      sleep "$CHURN_EVERY"
    done
  ) &
  churn=$!

  echo "seconds,rss_kib,threads,descriptors,cpu_s" >"$OUT/$engine.csv"
  while kill -0 "$steady" 2>/dev/null; do
    sample "$server" "$start" >>"$OUT/$engine.csv"
    sleep "$SAMPLE_EVERY"
  done
  wait "$steady" || echo "$engine: the steady load failed, see $OUT/$engine.load.txt" >&2
  wait "$churn" || true
  sample "$server" "$start" >>"$OUT/$engine.csv"
  kill -TERM "$server"; wait "$server" || true
  tail -n 1 "$ready" >"$OUT/$engine.summary.txt"
  rm -f "$ready"

  # The last line is the sample taken after the load ended: what the server keeps when idle again.
  awk -F, -v engine="$engine" -v warmup="$WARMUP" 'NR > 1 {
      if (prev != "" && split(prev, p, ",") && p[1] >= warmup) {
        if (!have) { have = 1; for (i = 1; i <= 5; i++) f[i] = p[i] }
        for (i = 1; i <= 5; i++) l[i] = p[i]
        for (i = 2; i <= 4; i++) { if (p[i] > max[i]) max[i] = p[i]; if (!(i in min) || p[i] < min[i]) min[i] = p[i] }
      }
      prev = $0
    }
    END {
      split(prev, idle, ",")
      printf "%s: under load from %ss to %ss: RSS %d -> %d KiB (max %d), threads %d -> %d (max %d), descriptors %d -> %d (min %d, max %d), server CPU %.1f s; idle after: RSS %d KiB, %d threads, %d descriptors\n",
        engine, f[1], l[1], f[2], l[2], max[2], f[3], l[3], max[3], f[4], l[4], min[4], max[4], l[5] - f[5], idle[2], idle[3], idle[4]
    }' "$OUT/$engine.csv"
  grep -E '│ (requests verified|errors|throughput|timeouts)' "$OUT/$engine.load.txt" || true
  echo "  churn bursts: $(grep -c 'burst failed' "$OUT/$engine.churn.txt" || true) failed; server: $(cat "$OUT/$engine.summary.txt")"
done
