#!/usr/bin/env python3
"""Do capacity runs of one build agree? The maximum sustainable rate per engine and connection count.

Usage: capacity-spread.py RUN_DIR RUN_DIR [RUN_DIR ...]   (results folders of `bench --profile capacity`)

For each engine and connection count it lists every run's searches and the run's figure (the
median of its searches, what the report shows), the median of the runs' figures, how far the
lowest and highest run lie from it, and whether every run is within ±10 % of it (issue 22's
goal). It also counts failed steps that a second try sustained (phase "confirm"). Standard
library only.
"""
import json
import statistics
import sys


def searches(folder):
    with open(f"{folder}/run.json", encoding="utf-8") as f:
        capacity = json.load(f)["capacity"]
    out = {}
    confirmed = tried = 0
    rescued = []  # (figure of the search, lowest rate a second try rescued in it)
    for search in capacity["searches"]:
        key = (search["engine"], search["connections"])
        reps = search["repetitions"]
        rates = [r.get("maxSustainedRate") for r in reps]
        out[key] = (rates, search.get("maxSustainableRate"))
        for rep in reps:
            seconds = [step for step in rep["steps"] if step["phase"] == "confirm"]
            saved = [step["offeredRate"] for step in seconds if step["sustained"]]
            tried += len(seconds)
            confirmed += len(saved)
            if saved and rep.get("maxSustainedRate"):
                rescued.append((rep["maxSustainedRate"], min(saved)))
    return out, (confirmed, tried, rescued, sum(len(s["repetitions"]) for s in capacity["searches"]))


def whole(v):
    return "none" if v is None else f"{v:,.0f}"


def main(folders):
    if len(folders) < 2:
        sys.exit("capacity-spread.py: give two or more capacity results folders of one build")
    runs = [searches(f) for f in folders]
    keys = sorted({k for r, _ in runs for k in r})
    print("| engine, connections | " + " | ".join(f"run {i + 1}: searches → figure" for i in range(len(runs)))
          + " | median of the runs | spread around it | within ±10 %? |")
    print("|---|" + "---|" * len(runs) + "---|---|---|")
    agree = cells = 0
    for key in keys:
        figures = [r[key][1] if key in r else None for r, _ in runs]
        shown = [f"{', '.join(whole(x) for x in r[key][0])} → {whole(r[key][1])}" if key in r else "–" for r, _ in runs]
        if all(f is None for f in figures):
            print(f"| {key[0]}, {key[1]} | " + " | ".join(shown) + " | none | – | agrees (none) |")
            continue
        cells += 1
        if any(f is None for f in figures):
            print(f"| {key[0]}, {key[1]} | " + " | ".join(shown) + " | – | – | no (a run sustained none) |")
            continue
        middle = statistics.median(figures)
        low, high = min(figures) / middle - 1, max(figures) / middle - 1
        ok = low >= -0.10 and high <= 0.10
        agree += ok
        print(f"| {key[0]}, {key[1]} | " + " | ".join(shown)
              + f" | {middle:,.0f} | {low * 100:+.0f} % / {high * 100:+.0f} % | {'yes' if ok else 'no'} |")
    print()
    print(f"cells that sustain a rate: {cells}; within ±10 % in every run: {agree}")
    spreads(runs, keys)
    for i, (_, (confirmed, tried, rescued, total)) in enumerate(runs):
        print(f"run {i + 1}: {tried} failed steps tried again, {confirmed} of them sustained the second time")
        if rescued:
            # Without the second try, the search would have failed at the rescued step and reported
            # less than its rate: the search's figure over that rate bounds what the try added.
            gains = sorted(figure / rate for figure, rate in rescued)
            print(f"  searches a second try rescued: {len(rescued)} of {total}; their figure was "
                  f"{gains[0]:.2f}–{gains[-1]:.2f}× (median {statistics.median(gains):.2f}×) the lowest rescued step's rate, "
                  "which the search without it would not have reached")


def spreads(runs, keys):
    """Figures that do not hang on the ±10 % line: how far the runs' figures and single searches lie apart."""
    figure_ratios, search_ratios, low, total = [], [], 0, 0
    for key in keys:
        figures = [r[key][1] for r, _ in runs if key in r]
        if not figures or any(f is None for f in figures):
            continue
        figure_ratios.append(max(figures) / min(figures))
        every = [x for r, _ in runs for x in r[key][0] if x]
        middle = statistics.median(every)
        low += sum(1 for x in every if x < middle / 1.2)
        total += len(every)
        search_ratios += [max(r[key][0]) / min(r[key][0]) for r, _ in runs if all(r[key][0])]
    if figure_ratios:
        print(f"highest over lowest run figure per cell: median {statistics.median(figure_ratios):.2f}×, worst {max(figure_ratios):.2f}×; "
              f"within one run, highest over lowest search: median {statistics.median(search_ratios):.2f}×; "
              f"searches more than 20 % under their cell's median search: {low} of {total}")


if __name__ == "__main__":
    main(sys.argv[1:])
