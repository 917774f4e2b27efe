#!/usr/bin/env python3
"""The findings of several runs of one build, each figure shown as its range over the runs.

Usage: findings-ranges.py SUMMARY_MD SUMMARY_MD [SUMMARY_MD ...]

Reads the "## Findings" section of each summary.md. Lines that say the same thing (the same text
once every number is taken out) are merged: each number becomes "low–high" over the runs (one
value when all runs agree), and each run's bootstrap interval in brackets is dropped, since the
range over the runs takes its place. A line found in only some runs is listed with how many.
This is how the README's findings are drawn from more than one committed run.
Standard library only.
"""
import re
import sys

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
INTERVAL = re.compile(r"\s*\[[^\]]*\]")


def findings(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    start = lines.index("## Findings")
    out = []
    for line in lines[start + 1:]:
        if line.startswith("## "):
            break
        if line.strip().startswith("- "):
            out.append(INTERVAL.sub("", line.rstrip()))
    return out


def value(text):
    return float(text.replace(",", ""))


def span(texts):
    values = sorted(set(texts), key=value)
    return values[0] if len(values) == 1 else f"{values[0]}–{values[-1]}"


def main(paths):
    if len(paths) < 2:
        sys.exit("findings-ranges.py: give two or more summary.md files of one build and profile")
    groups = {}
    order = []
    for path in paths:
        for line in findings(path):
            template = NUMBER.sub("#", line)
            if template not in groups:
                groups[template] = []
                order.append(template)
            groups[template].append(NUMBER.findall(line))
    for template in order:
        runs = groups[template]
        pieces = template.split("#")
        merged = pieces[0] + "".join(span([r[i] for r in runs]) + pieces[i + 1] for i in range(len(pieces) - 1))
        note = "" if len(runs) == len(paths) else f"   ({len(runs)} of {len(paths)} runs)"
        print(merged + note)


if __name__ == "__main__":
    main(sys.argv[1:])
