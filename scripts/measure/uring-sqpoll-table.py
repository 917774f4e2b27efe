#!/usr/bin/env python3
"""The table of scripts/measure/uring-sqpoll.sh's runs: every run's figures, then per size the
medians and the ratios sqpoll / plain, each ratio taken within a pair and the median of the pairs
(range in parentheses)."""
import glob
import json
import os
import statistics
import sys

folder = sys.argv[1]
runs = {}
for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
    clients, pair, variant = os.path.basename(path)[:-5].split("-")
    o = json.load(open(path))["overall"]
    runs[(int(clients), int(pair), variant)] = o

print("| clients | pair | variant | req/s | server µs/req | client µs/req | server CPU % | client CPU % | errors |")
print("|---|---|---|---|---|---|---|---|---|")
for (c, p, v), o in sorted(runs.items()):
    print(f"| {c} | {p} | {v} | {o['requestsPerSecond']:.0f} | {o['serverCpuUsPerRequest']:.2f} | {o['clientCpuUsPerRequest']:.2f} "
          f"| {o['serverCpuPercent']:.0f} | {o['clientCpuPercent']:.0f} | {o.get('errors', 0)} |")

def fmt(values):
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"

print()
print("| clients | plain: req/s, server / client µs/req | sqpoll: req/s, server / client µs/req | ratio req/s | ratio server µs/req | ratio client µs/req |")
print("|---|---|---|---|---|---|")
for c in sorted({k[0] for k in runs}):
    pairs = sorted({k[1] for k in runs if k[0] == c and (c, k[1], "plain") in runs and (c, k[1], "sqpoll") in runs})
    med = {}
    for v in ("plain", "sqpoll"):
        rs = [runs[(c, p, v)] for p in pairs]
        med[v] = (statistics.median(r["requestsPerSecond"] for r in rs),
                  statistics.median(r["serverCpuUsPerRequest"] for r in rs),
                  statistics.median(r["clientCpuUsPerRequest"] for r in rs))
    ratio = lambda key: [runs[(c, p, "sqpoll")][key] / runs[(c, p, "plain")][key] for p in pairs]
    print(f"| {c} | {med['plain'][0]/1000:.1f}k, {med['plain'][1]:.2f} / {med['plain'][2]:.2f} "
          f"| {med['sqpoll'][0]/1000:.1f}k, {med['sqpoll'][1]:.2f} / {med['sqpoll'][2]:.2f} "
          f"| {fmt(ratio('requestsPerSecond'))} | {fmt(ratio('serverCpuUsPerRequest'))} | {fmt(ratio('clientCpuUsPerRequest'))} |")
