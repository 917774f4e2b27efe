#!/usr/bin/env bash
# Side-by-side rounds for issue 24 (docs/performance.md's method): the uring engine, the native
# io_uring server (echo_uring.c), the native epoll server (echo_epoll from the yardstick) and the
# eventloop engine, each 3 s per round with echo_load (64 B, 1 client thread), servers alternated
# within each round, at 10, 100 and 1000 connections. One CSV line per server and round:
#   round,conns,server,rps,server_cpu_us_per_req,client_cpu_us_per_req,max_us,errors
# Run it under flock /tmp/kechobench-measure.lock. Usage:
#   measure-uring.sh KECHOBENCH YARDSTICK_DIR ROUNDS > out.csv
set -euo pipefail
kb=$1; ys=$2; rounds=${3:-3}
tick=$(getconf CLK_TCK)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start() { # name port command...
  local name=$1 port=$2; shift 2
  "$@" > "/tmp/measure-$name.out" 2>&1 &
  pids+=($!); eval "pid_$name=$!"
  for _ in $(seq 100); do grep -q "listening on" "/tmp/measure-$name.out" && return; sleep 0.1; done
  echo "server $name did not start" >&2; exit 1
}
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }

start echo_uring 5501 "$ys/echo_uring" --port 5501 --threads 1
start uring 5502 "$kb" serve --engine uring --port 5502 --backlog 4096
start echo_epoll 5503 "$ys/echo_epoll" --port 5503 --threads 1
start eventloop 5504 "$kb" serve --engine eventloop --port 5504 --backlog 4096
declare -A port=([echo_uring]=5501 [uring]=5502 [echo_epoll]=5503 [eventloop]=5504)

for round in $(seq "$rounds"); do
  for conns in 10 100 1000; do
    # Alternate the order from round to round so that neither side always goes first.
    if (( round % 2 )); then order="echo_uring uring echo_epoll eventloop"; else order="uring echo_uring eventloop echo_epoll"; fi
    for name in $order; do
      pidvar=pid_$name; pid=${!pidvar}
      before=$(cpu "$pid")
      line=$("$ys/echo_load" --port "${port[$name]}" --conns "$conns" --duration 3 --size 64 --threads 1 | grep '^RESULT')
      after=$(cpu "$pid")
      req=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
      rps=$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$line")
      ccpu=$(sed -E 's/.* client_cpu_s=([0-9.]+).*/\1/' <<<"$line")
      maxus=$(sed -E 's/.* max_us=([0-9.]+).*/\1/' <<<"$line")
      errs=$(sed -E 's/.* errors=([0-9]+).*/\1/' <<<"$line")
      awk -v r="$round" -v c="$conns" -v n="$name" -v rps="$rps" -v req="$req" -v s=$((after - before)) -v t="$tick" -v cc="$ccpu" -v m="$maxus" -v e="$errs" \
        'BEGIN { printf "%s,%s,%s,%s,%.2f,%.2f,%s,%s\n", r, c, n, rps, s / t * 1e6 / req, cc * 1e6 / req, m, e }'
      sleep 0.5
    done
  done
done
