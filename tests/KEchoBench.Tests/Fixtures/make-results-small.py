#!/usr/bin/env python3
"""Writes results-small/run.json: a SYNTHETIC results folder for the report tests.

The numbers are invented (seeded, so the file is reproducible) to look like a 2-core run: the thread
engine's latency grows with clients, the workqueue engine queues behind blocked workers and times
out idle sessions, cmwq and eventloop stay flat. They are not measurements; never quote them.
Run: python3 make-results-small.py  (from this folder).
"""
import json, random

rng = random.Random(5)
ENGINES = ["thread", "workqueue", "cmwq", "eventloop"]
# Per engine: base latency µs, growth per client µs, tail factor, CPU µs per request.
MODEL = {
    "thread":    (40.0, 9.0, 40.0, 55.0),
    "workqueue": (35.0, 6.0, 25.0, 30.0),
    "cmwq":      (45.0, 2.5, 8.0, 38.0),
    "eventloop": (30.0, 2.0, 6.0, 25.0),
}

def r1(x): return round(x, 1)

def latency(mean, tail):
    # Percentiles never decrease: each is at least a little above the one before.
    p50, p90 = mean * 0.8, mean * 1.7
    p99 = max(mean * tail ** 0.5, p90 * 1.2)
    p999 = max(mean * tail ** 0.75, p99 * 1.15)
    p9999 = max(mean * tail ** 0.9, p999 * 1.1)
    mx = max(mean * tail, p9999 * 1.05)
    return {"count": 0, "meanUs": r1(mean), "stdDevUs": r1(mean * 0.6), "p50Us": r1(p50), "p90Us": r1(p90),
            "p99Us": r1(p99), "p999Us": r1(p999), "p9999Us": r1(p9999), "maxUs": r1(mx)}

def iteration(clients, requests, mean, tail, cpu_per_req, threads, errors=0, cpu=True):
    lat = latency(mean, tail)
    lat["count"] = requests
    # Closed loop: clients / latency, capped by what two cores can serve at this CPU cost per request.
    rate = min(clients / (mean / 1e6), 1.6e6 / cpu_per_req)
    seconds = requests / rate
    it = {"requests": requests, "errors": errors, "seconds": round(seconds, 4),
          "requestsPerSecond": r1(requests / seconds), "latency": lat,
          "clientCpuPercent": r1(60 + rng.random() * 20), "clientCpuUsPerRequest": r1(20 + rng.random() * 5)}
    if cpu:
        it.update({"serverCpuPercent": r1(cpu_per_req * requests / seconds / 1e4),
                   "serverCpuUsPerRequest": r1(cpu_per_req), "serverThreads": threads,
                   "serverRssBytes": 40_000_000 + threads * 200_000})
    return it

def case(scenario, engine, clients, requests, mean, tail, cpu_per_req, threads, params=None, errors=0, per_conn=None, kinds=None):
    iters = [iteration(clients, clients * max(requests, 1), mean * (0.95 + 0.1 * rng.random()), tail, cpu_per_req * (0.97 + 0.06 * rng.random()), threads, errors // 2)
             for _ in range(2)]
    overall = iteration(clients, clients * max(requests, 1) * 2, mean, tail, cpu_per_req, threads, errors)
    lat = overall["latency"]
    spectrum = [{"percentile": p, "valueUs": v} for p, v in
                [(0, r1(mean * 0.3)), (50, lat["p50Us"]), (75, r1(mean * 1.2)), (90, lat["p90Us"]), (99, lat["p99Us"]),
                 (99.9, lat["p999Us"]), (99.99, lat["p9999Us"]), (100, lat["maxUs"])]]
    c = {"scenario": scenario, "engine": engine, "clients": clients, "requests": requests, "parameters": params or {},
         "iterations": iters, "overall": overall, "spectrum": spectrum, "errorsByKind": kinds or {}}
    if per_conn is not None:
        c["perConnectionUs"] = per_conn
    return c

cases = []
for e in ENGINES:
    base, growth, tail, cpu = MODEL[e]
    for n in [1, 10, 50, 100, 500, 1000]:
        threads = n + 3 if e == "thread" else (4 if e == "workqueue" else (1 + 2 if e == "eventloop" else 6 + n // 100))
        cases.append(case("clients", e, n, 20, base + growth * n ** 0.9, tail * (1 + n / 200), cpu * (1 + (n / 1000 if e == "thread" else 0)), threads,
                          {"work": "none"}))
for e in ENGINES:
    base, growth, tail, cpu = MODEL[e]
    backlog_wait = {"thread": 900.0, "workqueue": 400.0, "cmwq": 250.0, "eventloop": 150.0}[e]
    slots = [r1(base * 3 + (backlog_wait * (i // 64)) * (0.8 + 0.4 * rng.random())) for i in range(200)]
    cases.append(case("burst", e, 200, 1, sum(slots) / len(slots), max(slots) / (sum(slots) / len(slots)), cpu * 2, 3, {"work": "none"}, per_conn=slots))
for e in ENGINES:
    mean = {"thread": 1150.0, "workqueue": 14800.0, "cmwq": 1210.0, "eventloop": 52000.0}[e]
    cases.append(case("blocking", e, 50, 20, mean, 3.0, MODEL[e][3] + 10, 50 if e != "workqueue" else 4, {"work": "block:1ms"}))
for e in ENGINES:
    base, growth, tail, cpu = MODEL[e]
    for n in [1, 10, 100]:
        cases.append(case("cpu", e, n, 20, 60 + base + 25 * n * (1.3 if e == "thread" else 1.0), tail, cpu + 50, n + 3 if e == "thread" else 4, {"work": "cpu:50us"}))
for e in ENGINES:
    base, growth, tail, cpu = MODEL[e]
    errors = 40 if e == "workqueue" else 0
    cases.append(case("idle", e, 10, 20, base + 30 + (9000 if e == "workqueue" else 0), tail, cpu, 113 if e == "thread" else 4, {"idle": "100", "work": "none"},
                      errors=errors, kinds={"timeout": errors} if errors else {}))
for e in ENGINES:
    base, growth, tail, cpu = MODEL[e]
    cases.append(case("rate", e, 50, 0, base * 1.5, tail * 2, cpu, 53 if e == "thread" else 4, {"rate": "2000", "work": "none"}))
cases.append({"scenario": "rate", "engine": "external:127.0.0.1:12345", "clients": 50, "requests": 0,
              "parameters": {"rate": "2000", "work": "none"}, "failure": "connection refused by 127.0.0.1:12345 (is the server running?)"})

run = {
    "profile": "quick",
    "started": "2026-11-27T20:00:00+00:00",
    "finished": "2026-11-27T20:12:34+00:00",
    "environment": {
        "cpuModel": "Synthetic CPU (test fixture, not a measurement)", "cores": 2, "os": "Debian GNU/Linux 12 (bookworm)",
        "kernel": "6.1.0-test", "dotNet": "10.0.0", "gcMode": "workstation, non-concurrent", "machineName": "fixture",
        "dotNetVariables": {"DOTNET_TieredPGO": "1"},
        "limits": {"somaxconn": "4096", "tcp_max_syn_backlog": "4096", "nofile": "1048576"},
    },
    "engineOptions": {"port": "0", "backlog": "128", "workers": "2"},
    "cases": cases,
}
# One case per line: small, and a diff of the fixture still shows which case changed.
head = dict(run)
del head["cases"]
text = json.dumps(head, indent=1)[:-2] + ',\n "cases": [\n'
text += ",\n".join("  " + json.dumps(c, separators=(",", ":")) for c in cases) + "\n ]\n}\n"
json.loads(text)
with open("results-small/run.json", "w") as f:
    f.write(text)
