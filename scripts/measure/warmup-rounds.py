#!/usr/bin/env python3
"""Are the first measured rounds of a case still warming up? The evidence behind a profile's warm-up count.

Usage: warmup-rounds.py [--skip N] RUN_DIR [RUN_DIR ...]   (results folders with run.json)

For every case with at least 8 measured rounds it takes each figure's median over the rounds from
the fifth on (the steady part), and for each of the first four rounds the ratio of its figure to
that median. Per scenario and figure it prints, for round 1 to 4, the median ratio and the share
of cases whose ratio exceeds 1.2 (a round 20 % above the steady figure). A round that still warms
up shows a median above 1 and a share well above the steady rounds'.

--skip N drops each case's first N measured rounds before counting (to see what a warm-up N rounds
longer would leave). Standard library only.
"""
import json
import statistics
import sys

FIGURES = {
    "server CPU %": lambda i: i.get("serverCpuPercent"),
    "mean latency": lambda i: (i.get("latency") or {}).get("meanUs"),
}
EARLY = 4
MIN_ROUNDS = 8
HIGH = 1.2


def main(args):
    skip = 0
    if args[:1] == ["--skip"]:
        skip, args = int(args[1]), args[2:]
    if not args:
        print(__doc__.strip().split("\n\n")[1])
        sys.exit(2)
    ratios = {}
    for folder in args:
        with open(f"{folder}/run.json", encoding="utf-8") as f:
            run = json.load(f)
        for case in run["cases"]:
            rounds = (case.get("iterations") or [])[skip:]
            if len(rounds) < MIN_ROUNDS:
                continue
            for figure, value in FIGURES.items():
                values = [value(r) for r in rounds]
                if any(v is None for v in values):
                    continue
                steady = statistics.median(values[EARLY:])
                if steady <= 0:
                    continue
                for k in range(EARLY):
                    ratios.setdefault((case["scenario"], figure), [[] for _ in range(EARLY)])[k].append(values[k] / steady)
    print(f"| scenario | figure | cases | " + " | ".join(f"round {k + 1}" for k in range(EARLY)) + " |")
    print("| --- | --- | ---: | " + " | ".join("---:" for _ in range(EARLY)) + " |")
    for (scenario, figure), per_round in sorted(ratios.items()):
        cells = [f"{statistics.median(r):.2f}× ({100 * sum(x > HIGH for x in r) / len(r):.0f} %)" for r in per_round]
        print(f"| {scenario} | {figure} | {len(per_round[0])} | " + " | ".join(cells) + " |")
    print(f"\nEach cell: the median over the cases of the round's figure ÷ the median of its rounds {EARLY + 1} on, "
          f"and in brackets the share of cases where that exceeds {HIGH}×.")


if __name__ == "__main__":
    main(sys.argv[1:])
