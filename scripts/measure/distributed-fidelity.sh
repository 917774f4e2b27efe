#!/usr/bin/env bash
# Fidelity of a distributed load (issue 20, item 8b): the same closed-loop load, 100 clients, made
# by two load agents of 50 clients each (load --cluster) and by one generator of 100 clients,
# against the same engine alone in the server namespace of scripts/netns/cluster.sh. Both
# arrangements give the load the same CPU (every load namespace on the load CPUs), and run
# interleaved, REPEATS times each. Each run is one JSON file in OUT; the table is made from them
# by distributed-fidelity-table.py.
#
#   sudo scripts/netns/cluster.sh up      (first)
#   flock /tmp/kechobench-measure.lock scripts/measure/distributed-fidelity.sh OUT [REPEATS] [ENGINE]
# REQUESTS (default 300) is each client's requests per run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:?output folder}"; repeats="${2:-5}"; engine="${3:-eventloop}"
dir="${KB_NETNS_DIR:-/tmp/kechobench-netns}"; subnet="${KB_SUBNET:-10.77.0}"
load_cpus="${KB_LOAD_CPUS:-0}"; server_cpus="${KB_SERVER_CPUS:-1}"
read -r -a program <<< "${KECHOBENCH:-dotnet $repo/src/Bench/bin/Release/net10.0/kechobench.dll}"
clients=100; requests="${REQUESTS:-300}"; port=5055
mkdir -p "$out"

local_run() {
  # One generator in a load namespace, on the load CPUs, against a server started the way the
  # server agent starts it (same namespace, same CPUs, same options).
  ip netns exec kb-server taskset -c "$server_cpus" "${program[@]}" serve --engine "$engine" --bind "$subnet.1" --port "$port" > "$out/server-$1.log" 2>&1 &
  local server=$!
  for _ in $(seq 100); do grep -q "listening" "$out/server-$1.log" 2>/dev/null && break; sleep 0.1; done
  ip netns exec kb-load1 taskset -c "$load_cpus" "${program[@]}" load --host "$subnet.1" --port "$port" -c "$clients" -n "$requests" \
    --server-pid "$server" --json "$out/local-$1.json" > "$out/local-$1.out" 2>&1
  kill -TERM "$server"; wait "$server" || true
}

cluster_run() {
  "${program[@]}" load --cluster "$subnet.1:4053" --secret-file "$dir/secret" --spawn "$engine" -c "$clients" -n "$requests" \
    --json "$out/cluster-$1.json" > "$out/cluster-$1.out" 2>&1
}

for i in $(seq "$repeats"); do
  # Alternate which goes first, so that neither always follows the other.
  if (( i % 2 )); then local_run "$i"; cluster_run "$i"; else cluster_run "$i"; local_run "$i"; fi
  echo "repeat $i done"
done
