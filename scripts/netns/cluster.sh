#!/usr/bin/env bash
# A cluster of three "hosts" on this machine for kechobench's distributed runs: network
# namespaces joined by a bridge, one server host and two load hosts, each pinned to its own CPUs
# and running a `kechobench agent`. Traffic stays on the bridge and in the namespaces.
#
#   scripts/netns/cluster.sh up        build it and start the agents (prints the --cluster and --secret-file to use)
#   scripts/netns/cluster.sh down      stop the agents and remove everything (safe to run twice, or after a failed up)
#   scripts/netns/cluster.sh run CMD   up, run CMD (with KB_CLUSTER and KB_SECRET_FILE set), down, even on failure
#   scripts/netns/cluster.sh kill NS   kill the agent of one namespace (kb-server, kb-load1, kb-load2) at once (SIGKILL)
#
# Needs root (ip netns). Environment:
#   KECHOBENCH       the program, e.g. "dotnet /path/kechobench.dll" (default: this checkout's Release build)
#   KB_NETNS_DIR     state: agents' logs and pids, the secret (default /tmp/kechobench-netns)
#   KB_SUBNET        the first three octets of the bridge's /24 (default 10.77.0)
#   KB_SERVER_CPUS, KB_LOAD_CPUS   CPU lists for taskset (default: the server gets the upper half of
#                    the CPUs, the load hosts the lower half; on one CPU, all share it)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dir="${KB_NETNS_DIR:-/tmp/kechobench-netns}"
subnet="${KB_SUBNET:-10.77.0}"
bridge="kbbr0"
port=4053
read -r -a program <<< "${KECHOBENCH:-dotnet $repo/src/Bench/bin/Release/net10.0/kechobench.dll}"

# name, address, role
hosts=("kb-server $subnet.1 server" "kb-load1 $subnet.2 load" "kb-load2 $subnet.3 load")

cpus() {
  local n; n=$(nproc)
  if (( n < 2 )); then
    server_cpus="${KB_SERVER_CPUS:-0}"; load_cpus="${KB_LOAD_CPUS:-0}"
  else
    local half=$(( n / 2 ))
    server_cpus="${KB_SERVER_CPUS:-$half-$(( n - 1 ))}"
    load_cpus="${KB_LOAD_CPUS:-0-$(( half - 1 ))}"
  fi
}

down() {
  set +e
  for entry in "${hosts[@]}"; do
    read -r ns _ _ <<< "$entry"
    if [[ -f "$dir/$ns.pid" ]]; then
      pid=$(cat "$dir/$ns.pid")
      # Only our agent: the pid must still be a kechobench agent (pids are reused).
      if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "agent --role"; then
        kill -TERM "$pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
      fi
      rm -f "$dir/$ns.pid"
    fi
    # Anything else still running in the namespace (a server the agent started) goes with it.
    if ip netns pids "$ns" >/dev/null 2>&1; then
      for pid in $(ip netns pids "$ns"); do kill -KILL "$pid" 2>/dev/null; done
      ip netns del "$ns" 2>/dev/null
    fi
    ip link del "veth-$ns" 2>/dev/null
  done
  ip link del "$bridge" 2>/dev/null
  set -e
  return 0
}

up() {
  [[ $(id -u) == 0 ]] || { echo "cluster.sh: needs root (ip netns)" >&2; exit 2; }
  command -v ip >/dev/null || { echo "cluster.sh: needs iproute2 (ip)" >&2; exit 2; }
  command -v taskset >/dev/null || { echo "cluster.sh: needs taskset (util-linux)" >&2; exit 2; }
  down
  mkdir -p "$dir"
  cpus
  if [[ -n "${KECHOBENCH_SECRET:-}" ]]; then
    printf '%s\n' "$KECHOBENCH_SECRET" > "$dir/secret"
  elif [[ ! -s "$dir/secret" ]]; then
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/secret"
  fi
  chmod 600 "$dir/secret"

  ip link add "$bridge" type bridge
  ip addr add "$subnet.254/24" dev "$bridge"
  ip link set "$bridge" up
  for entry in "${hosts[@]}"; do
    read -r ns addr role <<< "$entry"
    ip netns add "$ns"
    ip link add "veth-$ns" type veth peer name eth0 netns "$ns"
    ip link set "veth-$ns" master "$bridge" up
    ip -n "$ns" addr add "$addr/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
  done

  for entry in "${hosts[@]}"; do
    read -r ns addr role <<< "$entry"
    local pin="$load_cpus"; [[ $role == server ]] && pin="$server_cpus"
    local seed=(); [[ $role == load ]] && seed=(--seed "$subnet.1:$port")
    ip netns exec "$ns" taskset -c "$pin" "${program[@]}" agent --role "$role" --bind "$addr" --port "$port" \
      --secret-file "$dir/secret" "${seed[@]}" > "$dir/$ns.log" 2>&1 < /dev/null &
    echo $! > "$dir/$ns.pid"
    echo "$ns: $role agent on $addr:$port, CPUs $pin (log $dir/$ns.log)"
    if [[ $role == server ]]; then
      wait_for "$ns" "listening on"
    fi
  done
  wait_for kb-load1 "listening on"
  wait_for kb-load2 "listening on"
  echo "KB_CLUSTER=$subnet.1:$port"
  echo "KB_SECRET_FILE=$dir/secret"
}

wait_for() {
  local ns=$1 text=$2
  for _ in $(seq 300); do
    grep -q "$text" "$dir/$ns.log" 2>/dev/null && return 0
    kill -0 "$(cat "$dir/$ns.pid")" 2>/dev/null || { echo "cluster.sh: the agent in $ns exited:" >&2; cat "$dir/$ns.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "cluster.sh: the agent in $ns did not start within 30 s:" >&2
  cat "$dir/$ns.log" >&2
  exit 1
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  kill)
    pid=$(cat "$dir/${2:?namespace}.pid")
    kill -KILL "$pid"
    ;;
  run)
    shift
    trap down EXIT INT TERM
    up
    KB_CLUSTER="$subnet.1:$port" KB_SECRET_FILE="$dir/secret" "$@"
    ;;
  *)
    sed -n '2,20p' "$0" >&2
    exit 2
    ;;
esac
