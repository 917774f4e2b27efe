using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// Short findings computed from a run, worded for a reader who will not open the tables: how each
/// engine compares with a baseline (the thread engine, the kernel's original model, when present),
/// where latency grows, who fails. Every number comes from the cases' overall figures.
/// </summary>
public static class ReportFindings
{
    public const string Baseline = "thread";

    /// <summary>
    /// An engine that failed more than this share of its round trips is not ranked on latency: its
    /// latency figures describe only the requests it did complete, and a starved engine that
    /// answered 4 % of its clients would otherwise "win" on p99.
    /// </summary>
    public const double MaxFailedShareToRank = 0.01;

    public static double FailedShare(IterationResult overall) =>
        overall.Requests + overall.Errors == 0 ? 1 : overall.Errors / (double)(overall.Requests + overall.Errors);

    private static bool Served(IterationResult overall) => FailedShare(overall) <= MaxFailedShareToRank;

    private static string NotRanked(string engine, IterationResult overall) =>
        $"the {engine} engine is not compared on latency: {ReportFormat.Whole(overall.Errors)} of {ReportFormat.Whole(overall.Requests + overall.Errors)} round trips failed ({FailedShare(overall) * 100:F0} %), so its latency covers only the requests it completed";

    public static IReadOnlyList<Finding> From(RunResult run, IReadOnlyList<ScenarioData> scenarios)
    {
        var findings = new List<Finding>();
        foreach (var scenario in scenarios.Where(s => s.Measured.Count > 0))
        {
            if (scenario.ClientCounts.Count > 1)
            {
                findings.AddRange(Sweep(scenario));
            }
            else
            {
                findings.AddRange(SinglePoint(scenario));
            }

            if (scenario.Name == ScenarioCatalog.Burst)
            {
                findings.AddRange(Burst(scenario));
            }

            findings.AddRange(Errors(scenario));
        }

        var failed = run.Cases.Where(c => c.Failure is not null || c.Overall is null).ToList();
        if (failed.Count > 0)
        {
            findings.Add(new Finding("run", $"{failed.Count} case{(failed.Count == 1 ? "" : "s")} could not run: "
                + string.Join("; ", failed.Select(c => $"{c.Scenario}/{c.Engine}/{c.Clients} clients ({c.Failure ?? "no figures recorded"})")) + "."));
        }

        return findings;
    }

    /// <summary>The engine others are compared with: thread when measured, else the first engine.</summary>
    public static string BaselineOf(ScenarioData scenario) =>
        scenario.Engines.Contains(Baseline) ? Baseline : scenario.Engines[0];

    /// <summary>Scenarios measured at several client counts: compare at the largest count the baseline reached, then growth.</summary>
    private static IEnumerable<Finding> Sweep(ScenarioData scenario)
    {
        string baseline = BaselineOf(scenario);
        int top = scenario.Series.First(s => s.Engine == baseline).Cases[^1].Clients;
        var reference = scenario.At(baseline, top)!.Overall!;
        foreach (string engine in scenario.Engines.Where(e => e != baseline))
        {
            if (scenario.At(engine, top)?.Overall is not { } other)
            {
                continue;
            }

            if (!Served(other))
            {
                yield return new Finding(scenario.Name, $"At {top} clients {NotRanked(engine, other)}.");
                continue;
            }

            yield return new Finding(scenario.Name,
                $"At {top} clients the {engine} engine's worst latency is {ReportFormat.Ratio(other.Latency.MaxUs / reference.Latency.MaxUs)} the {baseline} engine's "
                + $"(mean {ReportFormat.Ratio(other.Latency.MeanUs / reference.Latency.MeanUs)}, p99 {ReportFormat.Ratio(other.Latency.P99Us / reference.Latency.P99Us)})"
                + CpuClause(other, reference)
                + (Served(reference) ? string.Empty : $" (but {NotRanked(baseline, reference)})") + ".");
        }

        var atTop = scenario.Engines.Select(e => (Engine: e, Case: scenario.At(e, top))).Where(x => x.Case is not null)
            .Select(x => (x.Engine, Overall: x.Case!.Overall!)).Where(x => Served(x.Overall)).ToList();
        if (atTop.Count > 1)
        {
            var bestP99 = atTop.Where(x => double.IsFinite(x.Overall.Latency.P99Us)).DefaultIfEmpty(atTop[0]).MinBy(x => x.Overall.Latency.P99Us);
            var bestRate = atTop.MaxBy(x => x.Overall.RequestsPerSecond);
            yield return new Finding(scenario.Name,
                $"At {top} clients the lowest p99 latency is the {bestP99.Engine} engine's ({ReportFormat.Latency(bestP99.Overall.Latency.P99Us)}) "
                + $"and the highest throughput the {bestRate.Engine} engine's ({ReportFormat.Whole(bestRate.Overall.RequestsPerSecond)} requests/s).");
        }

        var growth = scenario.Series.Where(s => s.Cases.Count > 1 && s.Cases[0].Overall!.Latency.MeanUs > 0 && Served(s.Cases[^1].Overall!))
            .Select(s => $"{ReportFormat.Ratio(s.Cases[^1].Overall!.Latency.MeanUs / s.Cases[0].Overall!.Latency.MeanUs)} with {s.Label}")
            .ToList();
        if (growth.Count > 0)
        {
            yield return new Finding(scenario.Name,
                $"From {scenario.ClientCounts[0]} to {scenario.ClientCounts[^1]} clients the mean latency grows {string.Join(", ", growth)}.");
        }
    }

    /// <summary>Scenarios measured at one load point: rank by mean and by p99 against the best engine.</summary>
    private static IEnumerable<Finding> SinglePoint(ScenarioData scenario)
    {
        var all = scenario.Series.Select(s => (s.Label, Overall: s.Cases[^1].Overall!)).ToList();
        foreach (var (label, overall) in all.Where(c => !Served(c.Overall)))
        {
            yield return new Finding(scenario.Name, char.ToUpperInvariant(NotRanked(label, overall)[0]) + NotRanked(label, overall)[1..] + ".");
        }

        var cases = all.Where(c => Served(c.Overall)).ToList();
        if (cases.Count < 2)
        {
            yield break;
        }

        foreach (var (name, pick) in new (string, Func<IterationResult, double>)[] { ("mean", o => o.Latency.MeanUs), ("p99", o => o.Latency.P99Us) })
        {
            var known = cases.Where(c => double.IsFinite(pick(c.Overall))).ToList();
            if (known.Count < 2 || !(known.Min(c => pick(c.Overall)) > 0))
            {
                continue; // nothing to rank, or a zero that would make every ratio infinite
            }

            var best = known.MinBy(c => pick(c.Overall));
            double bestValue = pick(best.Overall);

            var others = cases.Where(c => c.Label != best.Label).Select(c => $"{c.Label} {ReportFormat.Ratio(pick(c.Overall) / bestValue)}");
            yield return new Finding(scenario.Name,
                $"Lowest {name} latency: the {best.Label} engine's ({ReportFormat.Latency(bestValue)}); the others are {string.Join(", ", others)} that.");
        }
    }

    /// <summary>The burst: how long the slowest connection waited, and how that compares with the median connection.</summary>
    private static IEnumerable<Finding> Burst(ScenarioData scenario)
    {
        var parts = scenario.Series.Where(s => s.Cases[^1].PerConnectionUs.Any(double.IsFinite)).Select(s =>
        {
            var slots = s.Cases[^1].PerConnectionUs.Where(double.IsFinite).ToList();
            double slowest = slots.Max();
            return (Count: s.Cases[^1].PerConnectionUs.Count, Text: $"{ReportFormat.Latency(slowest)} with {s.Label} ({ReportFormat.Ratio(slowest / Median(slots))} the median connection)");
        }).ToList();
        if (parts.Count > 0)
        {
            yield return new Finding(scenario.Name,
                $"Of {parts.Max(p => p.Count)} connections opened at once, the slowest waited {string.Join(", ", parts.Select(p => p.Text))}.");
        }
    }

    /// <summary>Who failed round trips, and how, next to who did not.</summary>
    private static IEnumerable<Finding> Errors(ScenarioData scenario)
    {
        var failing = scenario.Measured.Where(c => c.Overall!.Errors > 0).ToList();
        if (failing.Count == 0)
        {
            yield break;
        }

        var clean = scenario.Engines.Where(e => scenario.Measured.Where(c => c.Engine == e).All(c => c.Overall!.Errors == 0)).ToList();
        string parts = string.Join("; ", failing.Select(c =>
        {
            string kinds = c.ErrorsByKind.Count == 0 ? string.Empty
                : " (" + string.Join(", ", c.ErrorsByKind.Where(k => k.Value > 0).OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}: {ReportFormat.Whole(k.Value)}")) + ")";
            return $"the {c.Engine} engine failed {ReportFormat.Whole(c.Overall!.Errors)} of {ReportFormat.Whole(c.Overall.Errors + c.Overall.Requests)} round trips at {c.Clients} clients{kinds}";
        }));
        string none = clean.Count == 0 ? string.Empty : $"; {string.Join(", ", clean)} failed none";
        yield return new Finding(scenario.Name, char.ToUpperInvariant(parts[0]) + parts[1..] + none + ".");
    }

    private static string CpuClause(IterationResult other, IterationResult reference) =>
        other.ServerCpuUsPerRequest is { } mine && reference.ServerCpuUsPerRequest is { } theirs && theirs > 0
            ? $", at {ReportFormat.Ratio(mine / theirs)} its CPU per request"
            : string.Empty;

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
