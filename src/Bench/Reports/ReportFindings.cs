using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Statistics;
using KEchoBench.Bench.Results;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// Short findings computed from a run, worded for a reader who will not open the tables: how each
/// engine compares with a baseline (the thread engine, the kernel's original model, when present),
/// where latency grows, who fails. Every number comes from the cases' overall figures.
/// </summary>
internal static class ReportFindings
{
    public static string Baseline => EngineRegistry.Baseline;

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
        $"the {engine} engine is not compared on latency: {ReportFormat.Whole(overall.Errors)} of {ReportFormat.Whole(overall.Requests + overall.Errors)} round trips failed ({FailedShare(overall) * 100:F0} %), "
        + (overall.Requests == 0 ? "so it has no latency to compare" : $"so its latency covers only the {ReportFormat.Whole(overall.Requests)} it completed");

    public static IReadOnlyList<Finding> From(RunResult run, IReadOnlyList<ScenarioData> scenarios)
    {
        var findings = new List<Finding>();
        foreach (var scenario in scenarios.Where(s => s.Measured.Count > 0))
        {
            if (scenario.ClientCounts.Count > 1)
            {
                findings.AddRange(Sweep(scenario));
            }

            if (ScenarioCatalog.IsBurst(scenario.Name))
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
        var referenceCase = scenario.At(baseline, top)!;
        var reference = referenceCase.Overall!;
        foreach (string engine in scenario.Engines.Where(e => e != baseline))
        {
            // An engine that failed too often is left out here: the errors finding and the verdict table say so.
            if (scenario.At(engine, top) is not { Overall: { } other } otherCase || !Served(other))
            {
                continue;
            }

            yield return new Finding(scenario.Name,
                $"At {top} clients the {engine} engine's worst latency is {Ratio(otherCase, referenceCase, Metrics.Max)} the {baseline} engine's "
                + $"(medians over the rounds, of each round's max; mean {Ratio(otherCase, referenceCase, Metrics.Mean)}, p99 {Ratio(otherCase, referenceCase, Metrics.P99)})"
                + CpuClause(otherCase, referenceCase)
                + (Served(reference) ? string.Empty : $" (but {NotRanked(baseline, reference)})") + ".");
        }

        var growth = scenario.Series.Where(s => s.Cases.Count > 1 && s.Cases[0].Overall!.Latency.MeanUs > 0 && Served(s.Cases[^1].Overall!))
            .Select(s => $"{Ratio(s.Cases[^1], s.Cases[0], Metrics.Mean)} with {s.Label}")
            .ToList();
        if (growth.Count > 0)
        {
            yield return new Finding(scenario.Name,
                $"From {scenario.ClientCounts[0]} to {scenario.ClientCounts[^1]} clients the mean latency grows {string.Join(", ", growth)} (medians over the rounds).");
        }
    }

    /// <summary>A ratio of two cases' medians over their rounds, with its interval: "0.61× [0.52–0.70]".</summary>
    private static string Ratio(CaseResult x, CaseResult y, IterationMetric metric) =>
        IntervalFormat.Ratio(Uncertainty.Ratio(RoundSamples.Of(x, metric), RoundSamples.Of(y, metric)));

    /// <summary>
    /// The burst: the slowest connection slot (its mean over the rounds, as kecho's bench tool
    /// averages), against the median slot and next to the worst single connection of any round.
    /// </summary>
    private static IEnumerable<Finding> Burst(ScenarioData scenario)
    {
        var parts = scenario.Series.Where(s => s.Cases[^1].PerConnectionUs.Any(double.IsFinite)).Select(s =>
        {
            var c = s.Cases[^1];
            var slots = c.PerConnectionUs.Where(double.IsFinite).ToList();
            double slowest = slots.Max();
            string worst = double.IsFinite(c.Overall!.Latency.MaxUs) && c.Overall.Latency.Count > 0
                ? $"; worst single connection {LatencyText.Of(c.Overall.Latency.MaxUs)}" : string.Empty;
            return (Count: c.PerConnectionUs.Count, Rounds: c.Iterations.Count,
                Text: $"{LatencyText.Of(slowest)} with {s.Label} ({RatioText.Of(slowest / SampleMedian.Of(slots))} the median slot; "
                    + $"round by round, the slowest connection waited {IntervalFormat.Ratio(RoundSamples.Of(c, SlowestOverMedian, i => i.Latency.Count > 0 && i.Latency.P50Us > 0 ? i.Latency.MaxUs / i.Latency.P50Us : null).Estimate)} as long as the median one{worst})");
        }).ToList();
        if (parts.Count > 0)
        {
            int rounds = parts.Max(p => p.Rounds);
            string over = rounds > 1 ? $"averaged over {rounds} rounds" : "in its one round";
            yield return new Finding(scenario.Name,
                $"Of {parts.Max(p => p.Count)} connections opened at once, the slowest connection slot ({over}, as kecho's bench tool reports it) "
                + $"waited {string.Join(", ", parts.Select(p => p.Text))}.");
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
            return $"the {c.Engine} engine failed {ReportFormat.Whole(c.Overall!.Errors)} of {ReportFormat.Whole(c.Overall.Errors + c.Overall.Requests)} round trips at {c.Clients} clients{kinds}{ClientsServedClause(c)}{StarvationClause(c)}";
        }));
        string none = clean.Count == 0 ? string.Empty : $"; {string.Join(", ", clean)} failed none";
        yield return new Finding(scenario.Name, char.ToUpperInvariant(parts[0]) + parts[1..] + none + ".");
    }

    /// <summary>
    /// How many clients got every answer: one error ends a client's connection, so round trips
    /// failed alone hide that, say, 98 of 100 clients got nothing. Empty for runs that did not count clients.
    /// </summary>
    private static string ClientsServedClause(CaseResult c)
    {
        var o = c.Overall!;
        int total = o.ClientsServed + o.ClientsFailed;
        if (total == 0)
        {
            return string.Empty;
        }

        // Where a round repeated the whole test, every client of every repeat counts; kept-open connections count once a round.
        (int count, string unit) = o.Repeats > 0 ? (o.Repeats, "test") : (Math.Max(c.Iterations.Count, 1), "round");
        return $", {ReportFormat.Whole(o.ClientsServed)} of {ReportFormat.Whole(total)} clients served over {count} {unit}{(count == 1 ? "" : "s")}";
    }

    /// <summary>
    /// Why a workqueue times out where sessions stay connected: a session holds its worker for its
    /// whole life, so long-lived sessions (the idle scenario's, or connections kept open) take every
    /// worker and the other clients wait past the deadline: the model's starvation, not a defect.
    /// </summary>
    private static string StarvationClause(CaseResult c)
    {
        bool longLived = c.Parameters.GetValueOrDefault(CaseParameters.Connections) == CaseParameters.KeepOpen
            || c.Parameters.ContainsKey(CaseParameters.Idle);
        if (!EngineRegistry.TryGet(c.Engine, out var engine) || engine.LongLivedSessionsNote is not { } note
            || !longLived || c.ErrorsByKind.GetValueOrDefault(LoadErrorNames.Timeout) == 0)
        {
            return string.Empty;
        }

        string who = c.Parameters.TryGetValue(CaseParameters.Idle, out var idle) ? $"its {idle} idle sessions never leave" : "its connections stay open";
        return $": {who}, and {note}";
    }

    private static string CpuClause(CaseResult other, CaseResult reference) =>
        FigureResolution.ServerCpuUsPerRequest(other) is not null && FigureResolution.ServerCpuUsPerRequest(reference) is { } theirs && theirs > 0
            ? $", at {Ratio(other, reference, Metrics.ServerCpuPerRequest)} its CPU per request"
            : string.Empty;

    /// <summary>The burst's per-round figure: that round's slowest connection over its median one (one request per connection).</summary>
    private const string SlowestOverMedian = "slowest-over-median";
}
