using KEchoBench.Bench.Formatting;
using KEchoBench.Bench.Results;

namespace KEchoBench.Bench.Reports;

/// <summary>
/// The headline table at the top of the report: for each scenario (at its heaviest load point) and
/// each measure (the catalog's figures with a <see cref="VerdictUse"/>, in its order: mean, p99 and
/// worst latency, throughput, server CPU per request), the engine that did best, or the engines its rounds cannot tell apart at the top
/// (<see cref="VerdictRanking"/>), and every other engine as a ratio to the best with the ratio's
/// interval. Every figure is a median over the case's rounds, so that a rerun ranks on what it can
/// repeat (the worst latency on the rounds' maxima, not the one worst request). Failures are
/// marked in the cell; an engine that failed more than 1 % of its round trips is not ranked on the
/// measures that count completed requests only (latency, CPU per request).
/// </summary>
internal static class VerdictTable
{
    public const string Id = "verdict";

    /// <summary>
    /// A row of the verdict: a catalog figure with a <see cref="VerdictUse"/>, and what its kind
    /// (<see cref="VerdictKind"/>) means here: what the case's rounds cannot resolve, and how the figure reads.
    /// </summary>
    private sealed record Measure(IterationMetric Metric, VerdictUse Use, Func<CaseResult, string?> Unresolved, Func<double, string> Format)
    {
        public string Name => Use.Label;

        public bool PerCompletedRequest => Use.PerCompletedRequest;

        public bool HigherIsBetter => Metric.HigherIsBetter;
    }

    /// <summary>The figures the verdict ranks: the catalog's with a <see cref="VerdictUse"/>, in its order (a scenario's rows at a load point, top to bottom).</summary>
    private static IReadOnlyList<IterationMetric> Figures =>
        [.. Metrics.All.Where(m => m.Verdict is not null).OrderBy(m => m.Verdict!.Order)];

    private static Measure Of(IterationMetric metric)
    {
        var use = metric.Verdict!;
        return use.Kind switch
        {
            VerdictKind.Latency or VerdictKind.WorstLatency => new(metric, use, NoLatency, LatencyText.Of),
            VerdictKind.Percentile => new(metric, use, c => NoLatency(c) ?? RoundsUnresolved(c, PercentileOf(metric, use)), LatencyText.Of),
            VerdictKind.Throughput => new(metric, use, OnlyOffered, v => $"{ReportFormat.Whole(v)} requests/s"),
            VerdictKind.ServerCpuPerRequest => new(metric, use,
                c => FigureResolution.CpuUnresolved(c)
                    ?? (c.Overall!.Requests == 0 ? "no request completed" : NotMeasured(c, metric)),
                v => $"{ReportFormat.OneDecimal(v)} µs"),
            VerdictKind.Figure => new(metric, use, c => NotMeasured(c, metric), v => $"{ReportFormat.OneDecimal(v)} {metric.Unit}"),
            _ => throw new InvalidOperationException($"{metric.Name}: no verdict row of kind {use.Kind}"),
        };
    }

    private static double PercentileOf(IterationMetric metric, VerdictUse use) =>
        use.Percentile ?? throw new InvalidOperationException($"{metric.Name}: a percentile verdict row names no percentile");

    private static string? NotMeasured(CaseResult c, IterationMetric metric) =>
        RoundSamples.Of(c, metric).Values.Count == 0 ? "not measured" : null;

    /// <summary>The verdict of a run, or null when it measured nothing.</summary>
    public static ReportTable? From(IReadOnlyList<ScenarioData> scenarios)
    {
        var measured = scenarios.Where(s => s.Measured.Count > 0).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        var engines = EngineStyle.Order(measured.SelectMany(s => s.Engines));
        var measures = Figures.Select(Of).ToList();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var scenario in measured)
        {
            int clients = LoadPoint(scenario);
            foreach (var group in scenario.Measured.Where(c => c.Clients == clients)
                .GroupBy(c => string.Join(", ", scenario.VaryingParameters.Select(k => $"{k}={c.Parameters.GetValueOrDefault(k) ?? "-"}"))))
            {
                string load = (ScenarioCatalog.IsBurst(scenario.Name) ? $"{clients} connections at once" : $"{clients} clients")
                    + (group.Key.Length == 0 ? string.Empty : $", {group.Key}");
                var cases = group.ToList();
                rows.AddRange(measures.Select(m => Row(scenario.Name, load, m, cases, engines)));
            }
        }

        var notes = new List<string>
        {
            "Each figure is the median over the case's measured rounds of that round's figure; each cell is the engine's median divided by the best engine's: "
                + "for latency and CPU, 2.00× is twice as slow or as costly; for throughput, 0.50× is half the best rate. Sweeps are compared at the most clients the baseline engine reached.",
            $"[low–high] is the ratio's {Uncertainty.Confidence * 100:0} % bootstrap interval over the two cases' rounds (docs/methodology.md). "
                + $"An engine whose interval reaches within {Uncertainty.Margin * 100:0} % of 1× is not distinguishable from the best: the row then names no winner "
                + "but the engines tied at the top, and marks them \"tied\".",
            $"The worst-latency row ranks the median of the rounds' worst round trips; the single worst of the whole case (\"max\") is shown beside it but not ranked on, as one request a rerun does not repeat.",
            $"An engine that failed more than {ReportFindings.MaxFailedShareToRank * 100:0} % of its round trips is not ranked on latency or CPU per request "
                + "(both describe the requests it completed); its throughput is ranked and marked. Smaller failure counts are marked in the cell.",
            "\"–\" is a figure the measurement cannot resolve, with the reason. A row marked \"indicative: no interval\" compares figures that have none "
                + "(server CPU that only the case's rounds together resolve, or a single round): it is ranked on the figures alone, within the same margin.",
        };
        return new ReportTable(Id, "Verdict", ["scenario", "load", "measure", "best", .. engines], rows, notes);
    }

    /// <summary>The client count a scenario is judged at: the most clients its baseline engine reached (sweeps), else its one load point.</summary>
    public static int LoadPoint(ScenarioData scenario)
    {
        string baseline = ReportFindings.BaselineOf(scenario);
        return scenario.Measured.Where(c => c.Engine == baseline).Max(c => c.Clients);
    }

    private static IReadOnlyList<string> Row(string scenario, string load, Measure measure, IReadOnlyList<CaseResult> cases, IReadOnlyList<string> engines)
    {
        var ranked = cases.Where(c => Rankable(measure, c)).ToList();
        var ranking = VerdictRanking.Of(ranked, measure.Metric, measure.HigherIsBetter);
        var cells = engines.Select(engine => cases.FirstOrDefault(c => c.Engine == engine) is { } c ? Cell(measure, c, ranking) : string.Empty);
        string name = ranking.Indicative ? $"{measure.Name} (indicative: no interval)" : measure.Name;
        return [scenario, load, name, BestCell(measure, ranking, ranked.Count, cases.Count), .. cells];
    }

    private static string BestCell(Measure measure, VerdictRanking ranking, int ranked, int cases)
    {
        if (ranking.Best is not { } best)
        {
            return "– (no engine could be ranked)";
        }

        string figure = Figure(measure, best) + RestsOn(measure, best) + OverallMax(measure, best);
        if (!ranking.HasWinner)
        {
            return $"not distinguishable: {string.Join(", ", ranking.Tied.Select(c => c.Engine))} ({best.Engine}: {figure})";
        }

        return $"{best.Engine}: {figure}" + (ranked == 1 && cases > 1 ? " (the only engine ranked)" : string.Empty);
    }

    private static string Cell(Measure measure, CaseResult c, VerdictRanking ranking)
    {
        var overall = c.Overall!;
        double failed = ReportFindings.FailedShare(overall);
        if (measure.Unresolved(c) is { } reason)
        {
            return ReportFormat.Unresolved(reason);
        }

        if (measure.PerCompletedRequest && failed > ReportFindings.MaxFailedShareToRank)
        {
            return $"not ranked: {FailedText(overall)}";
        }

        if (!ranking.Ratios.TryGetValue(c, out var ratio))
        {
            return Figure(measure, c);
        }

        bool tied = !ranking.HasWinner && ranking.Tied.Contains(c);
        string text = c == ranking.Best ? (tied ? "tied (reference)" : "best")
            : IntervalFormat.Ratio(ratio) + (tied ? " tied" : string.Empty);
        text += OverallMax(measure, c);
        return overall.Errors == 0 ? text : $"{text} ({FailedText(overall)})";
    }

    /// <summary>The engine's median over its rounds, with its interval.</summary>
    private static string Figure(Measure measure, CaseResult c) =>
        IntervalFormat.Figure(RoundSamples.Of(c, measure.Metric).Estimate, measure.Format);

    /// <summary>Beside the worst-latency row's median of maxima: the worst round trip of the whole case, shown, not ranked on.</summary>
    private static string OverallMax(Measure measure, CaseResult c) =>
        measure.Use.Kind == VerdictKind.WorstLatency && c.Overall!.Latency.Count > 0 ? $"; max {LatencyText.Of(c.Overall.Latency.MaxUs)}" : string.Empty;

    private static bool Rankable(Measure measure, CaseResult c) =>
        measure.Unresolved(c) is null && double.IsFinite(RoundSamples.Of(c, measure.Metric).Median)
        && (!measure.PerCompletedRequest || ReportFindings.FailedShare(c.Overall!) <= ReportFindings.MaxFailedShareToRank);

    /// <summary>
    /// An open loop delivers what it offers until the server breaks: its rate ranks nothing, and
    /// where the server kept up it only repeats the offer. A capacity search (--profile capacity) finds how much each sustains.
    /// </summary>
    private static string? OnlyOffered(CaseResult c) =>
        c.Scenario == ScenarioCatalog.Rate ? $"{ReportFormat.Whole(c.Overall!.RequestsPerSecond)} requests/s delivered of a fixed offered rate: not ranked (the capacity profile measures each engine's maximum sustainable rate)" : null;

    /// <summary>
    /// A percentile ranked round by round needs every round to resolve it: p99 of a round of 40
    /// requests is that round's max, whatever the case's total.
    /// </summary>
    private static string? RoundsUnresolved(CaseResult c, double percentile)
    {
        long smallest = c.Iterations.Count > 0 ? c.Iterations.Min(i => i.Latency.Count) : c.Overall!.Latency.Count;
        return FigureResolution.PercentileUnresolved(smallest, percentile) is null ? null
            : $"{(c.Iterations.Count > 1 ? "rounds of " : string.Empty)}{ReportFormat.Whole(smallest)} requests: {FigureResolution.Needs(percentile)}";
    }

    private static string? NoLatency(CaseResult c) => c.Overall!.Latency.Count == 0 ? "no round trip completed" : null;

    /// <summary>A percentile's best cell says how many timed requests it rests on.</summary>
    private static string RestsOn(Measure measure, CaseResult best) =>
        measure.Use.Kind == VerdictKind.Percentile ? $" (of {ReportFormat.Whole(best.Overall!.Latency.Count)} requests)" : string.Empty;

    private static string FailedText(IterationResult overall)
    {
        long attempted = overall.Requests + overall.Errors;
        return overall.Requests == 0
            ? $"all {ReportFormat.Whole(attempted)} failed"
            : $"{ReportFormat.Whole(overall.Errors)} of {ReportFormat.Whole(attempted)} failed, {ReportFindings.FailedShare(overall) * 100:0.#} %";
    }
}
