#!/usr/bin/env python3
"""How far a rerun moves the ratio of two engines' figures: the evidence behind the verdict's margin.

Usage: rerun-change.py RUN_DIR RUN_DIR [RUN_DIR ...]   (results folders of one build and profile)

For every pair of engines measured at the same scenario and load point, it takes each engine's
median over the case's rounds (the figure the verdict ranks on) of mean latency, p99, worst round
trip, requests/s and server CPU per request, forms the ratio of the two medians in each run, and
reports how much that ratio changes from one run to another (|log| of the ratio of ratios, shown
as a factor): median, 75th and 90th percentile per figure, and over all figures.
Standard library only.
"""
import itertools
import json
import math
import statistics
import sys

FIGURES = {
    "mean latency": lambda i: (i.get("latency") or {}).get("meanUs"),
    "p99 latency": lambda i: (i.get("latency") or {}).get("p99Us"),
    "worst latency": lambda i: (i.get("latency") or {}).get("maxUs"),
    "throughput": lambda i: i.get("requestsPerSecond"),
    "server CPU per request": lambda i: i.get("serverCpuUsPerRequest"),
}


def medians(folder):
    """(scenario, clients, engine, figure) -> median over the measured rounds that have the figure."""
    with open(f"{folder}/run.json", encoding="utf-8") as f:
        run = json.load(f)
    out = {}
    for case in run["cases"]:
        for name, figure in FIGURES.items():
            values = [v for v in (figure(i) for i in case["iterations"]) if v]
            # A case whose rounds failed (no figure in most rounds) is not ranked by the verdict either.
            if len(values) >= max(3, len(case["iterations"]) // 2):
                out[(case["scenario"], case["clients"], case["engine"], name)] = statistics.median(values)
    return out


def quantile(sorted_values, q):
    return sorted_values[round(q * (len(sorted_values) - 1))]


def main(folders):
    if len(folders) < 2:
        sys.exit("rerun-change.py: give two or more results folders of one build and profile")
    runs = [medians(f) for f in folders]
    everything = []
    print("| figure | engine pairs × run pairs | median change | 75th percentile | 90th percentile |")
    print("| --- | --- | --- | --- | --- |")
    for name in FIGURES:
        changes = []
        points = {(s, c, e) for (s, c, e, n) in runs[0] if n == name}
        for a, b in itertools.combinations(sorted(points), 2):
            if a[:2] != b[:2]:
                continue
            keys = [(*a, name), (*b, name)]
            if not all(k in r for r in runs for k in keys):
                continue
            ratios = [r[keys[0]] / r[keys[1]] for r in runs]
            changes += [abs(math.log(x / y)) for x, y in itertools.combinations(ratios, 2)]
        changes.sort()
        everything += changes
        if changes:
            print(f"| {name} | {len(changes)} | {math.exp(quantile(changes, .5)):.2f}× "
                  f"| {math.exp(quantile(changes, .75)):.2f}× | {math.exp(quantile(changes, .9)):.2f}× |")
    everything.sort()
    print(f"| all | {len(everything)} | {math.exp(quantile(everything, .5)):.2f}× "
          f"| {math.exp(quantile(everything, .75)):.2f}× | {math.exp(quantile(everything, .9)):.2f}× |")


if __name__ == "__main__":
    main(sys.argv[1:])
