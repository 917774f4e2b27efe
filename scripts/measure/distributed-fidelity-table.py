#!/usr/bin/env python3
"""The table of scripts/measure/distributed-fidelity.sh's runs: per arrangement, the median and the
range (min-max) over the repeats of requests, requests/s, p50/p99/p99.9, client and server CPU."""
import glob, json, os, statistics, sys

folder = sys.argv[1]

def figures(path):
    d = json.load(open(path))
    o = d["overall"]
    lat = o["latency"]
    if "agents" in d and d["agents"]:
        client = sum(a["clientCpuPercent"] for a in d["agents"])
    else:
        client = o["clientCpuPercent"]
    return {
        "requests": o["requests"], "errors": o["errors"], "req/s": o["requestsPerSecond"],
        "p50 us": lat["p50Us"], "p99 us": lat["p99Us"], "p99.9 us": lat["p999Us"],
        "client CPU %": client, "server CPU %": o.get("serverCpuPercent"),
        # CPU time per request (us): % of a core x seconds / requests.
        "client us/req": client / 100 * o["seconds"] * 1e6 / o["requests"],
        "server us/req": o.get("serverCpuUsPerRequest"),
    }

rows = {}
for name in ("local", "cluster"):
    runs = [figures(p) for p in sorted(glob.glob(os.path.join(folder, f"{name}-*.json")))]
    rows[name] = runs

keys = ["requests", "errors", "req/s", "p50 us", "p99 us", "p99.9 us", "client CPU %", "server CPU %", "client us/req", "server us/req"]
print("| figure | " + " | ".join(f"{n} (n={len(rows[n])}): median [min-max]" for n in rows) + " |")
print("| --- |" + " --- |" * len(rows))
for k in keys:
    cells = []
    for n in rows:
        vals = [r[k] for r in rows[n] if r[k] is not None]
        if not vals:
            cells.append("-"); continue
        fmt = (lambda v: f"{v:,.0f}") if k in ("requests", "errors", "req/s") else (lambda v: f"{v:,.0f}" if v >= 100 else f"{v:.1f}")
        cells.append(f"{fmt(statistics.median(vals))} [{fmt(min(vals))}-{fmt(max(vals))}]")
    print(f"| {k} | " + " | ".join(cells) + " |")
print()
for n in rows:
    for i, r in enumerate(rows[n], 1):
        print(n, i, " ".join(f"{k}={r[k]:.1f}" if isinstance(r[k], float) else f"{k}={r[k]}" for k in keys))
