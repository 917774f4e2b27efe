#!/usr/bin/env python3
"""Do runs of one build tell the same story? Compares the verdict and claims tables of summary.md files.

Usage: verdict-agreement.py SUMMARY_MD SUMMARY_MD [SUMMARY_MD ...]

Per verdict row (scenario, load, measure) it reads the best cell: one named engine, or the set of
engines listed as "not distinguishable" (a tie). A row agrees when every run names the same single
winner, or every run shows a tie at the top. It counts rows with exactly the same outcome, rows
that agree, and rows whose outcomes are disjoint (two runs put different engines at the top with
neither tied with the other), lists the rows that do not agree, and compares the claim verdicts.
Standard library only.
"""
import itertools
import re
import sys

VERDICTS = "holds|does not hold|partly|undecided|not tested"


def verdict_rows(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    start = lines.index("## Verdict")
    rows = {}
    for line in lines[start + 4:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        key = (cells[0], cells[1], re.sub(r"\s*\(indicative.*", "", cells[2]))
        best = cells[3]
        if best.startswith("not distinguishable:"):
            names = best[len("not distinguishable:"):].split("(")[0]
            rows[key] = frozenset(n.strip() for n in names.split(","))
        elif best.startswith(("–", "-")):
            rows[key] = frozenset(["(none ranked)"])
        else:
            rows[key] = frozenset([best.split(":")[0].strip()])
    return rows


def claim_verdicts(path):
    text = open(path, encoding="utf-8").read()
    return dict(re.findall(rf"^\| (.*?) \| ({VERDICTS}) \|", text, re.M))


def main(paths):
    if len(paths) < 2:
        sys.exit("verdict-agreement.py: give two or more summary.md files")
    runs = [verdict_rows(p) for p in paths]
    keys = [k for k in runs[0] if all(k in r for r in runs)]
    exact = agree = disjoint = 0
    differing = []
    for key in keys:
        outcomes = [r[key] for r in runs]
        same_winner = all(len(o) == 1 for o in outcomes) and len(set(outcomes)) == 1
        all_ties = all(len(o) > 1 for o in outcomes)
        exact += len(set(outcomes)) == 1
        if same_winner or all_ties:
            agree += 1
        else:
            differing.append((key, outcomes))
        disjoint += any(not (a & b) for a, b in itertools.combinations(outcomes, 2))
    n = len(keys)
    print(f"verdict rows in every run: {n}")
    print(f"same winner, or a tie, in every run: {agree} ({100 * agree / n:.0f} %)")
    print(f"exactly the same winner or the same tied engines: {exact} ({100 * exact / n:.0f} %)")
    print(f"rows whose top engines are disjoint between two runs: {disjoint}")
    for (scenario, load, measure), outcomes in differing:
        shown = " | ".join("/".join(sorted(o)) for o in outcomes)
        print(f"  differs: {scenario}, {load}, {measure}: {shown}")
    claims = [claim_verdicts(p) for p in paths]
    same = [c for c in claims[0] if all(other.get(c) == claims[0][c] for other in claims)]
    print(f"claim verdicts the same in every run: {len(same)} of {len(claims[0])}")
    for claim in claims[0]:
        if claim not in same:
            print(f"  differs: {claim}: " + " | ".join(str(c.get(claim)) for c in claims))


if __name__ == "__main__":
    main(sys.argv[1:])
